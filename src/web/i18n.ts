import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import {
  LEGAL_FORM_LABELS,
  ORG_FLAG_LABELS,
  ORG_STATUS_LABELS,
  REGION_KIND_LABELS,
  REGION_LEVEL_LABELS,
  ROLE_LABELS,
  type LegalForm,
  type OrgFlag,
  type OrgStatus,
  type RegionKind,
  type Role,
} from '../shared/enums.js';

// The app's own strings: Chinese first (the working language), English second. Messages that come from the
// server (errors, validation) are Chinese in both modes.

export type Lang = 'zh' | 'en';
const LANG_KEY = 'shezu.lang';

const messages = {
  'app.name': ['社组通', 'Shezu'],
  'app.subtitle': ['社区社会组织管理平台', 'Community social organization platform'],

  'common.retry': ['重试', 'Retry'],
  'common.save': ['保存', 'Save'],
  'common.cancel': ['取消', 'Cancel'],
  'common.search': ['查询', 'Search'],
  'common.reset': ['重置', 'Reset'],
  'common.all': ['全部', 'All'],
  'common.actions': ['操作', 'Actions'],
  'common.noAccessPage': ['当前角色无权访问此页面', 'Your role may not open this page'],
  'common.total': ['共 {n} 条', '{n} in total'],
  'common.loadFailed': ['加载失败', 'Failed to load'],
  'common.print': ['打印', 'Print'],
  'common.back': ['返回', 'Back'],
  'common.yes': ['是', 'Yes'],
  'common.no': ['否', 'No'],

  'nav.orgs': ['社会组织名录', 'Organization registry'],
  'nav.regions': ['区划与人口', 'Regions & population'],
  'nav.stats': ['统计看板', 'Dashboard'],
  'nav.reviews': ['待办事项', 'To-do'],
  'nav.applications': ['备案登记', 'Filing & registration'],
  'nav.myApplications': ['我的申请', 'My applications'],
  'nav.settings': ['本区设置', 'District settings'],
  'nav.users': ['账号管理', 'Accounts'],
  'nav.audit': ['审计日志', 'Audit log'],
  'nav.nothing': ['当前角色暂无可用的功能', 'No functions are available to your role yet'],
  'nav.nothingHint': ['如需开通，请联系系统管理员。', 'Ask the system administrator if you need access.'],

  'layout.language': ['界面语言', 'Language'],
  'layout.wholeSystem': ['全系统', 'Whole system'],
  'layout.changePassword': ['修改密码', 'Change password'],
  'layout.logout': ['退出登录', 'Sign out'],
  'layout.printStamp': ['社组通 · 打印人：{who} · 打印时间：{at}（北京时间）', 'Shezu · printed by {who} · {at} (Beijing time)'],
  'layout.openMenu': ['打开菜单', 'Open menu'],
  'layout.expandMenu': ['展开菜单', 'Expand menu'],
  'layout.collapseMenu': ['收起菜单', 'Collapse menu'],

  'error.title': ['页面出错了', 'Something went wrong on this page'],
  'error.hint': ['请刷新页面重试；如持续出现，请联系系统管理员。', 'Reload the page; if it keeps happening, contact the administrator.'],
  'error.staleBundle': ['系统已更新', 'The system has been updated'],
  'error.staleBundleHint': ['请刷新页面以加载新版本。', 'Reload the page to load the new version.'],
  'error.reload': ['刷新页面', 'Reload'],
  'error.home': ['返回首页', 'Home'],
  'notFound.hint': ['您访问的页面不存在', 'The page you asked for does not exist'],

  'auth.title': ['账号登录', 'Sign in'],
  'auth.username': ['用户名', 'Username'],
  'auth.password': ['密码', 'Password'],
  'auth.usernameRequired': ['请输入用户名', 'Enter your username'],
  'auth.passwordRequired': ['请输入密码', 'Enter your password'],
  'auth.submit': ['登录', 'Sign in'],
  'auth.expired': ['登录已过期，请重新登录', 'Your session has ended; please sign in again'],
  'auth.loggedOut': ['已退出登录', 'Signed out'],
  'auth.sessionCheckFailed': ['无法确认登录状态', 'Could not check your session'],
  'auth.hint': ['忘记密码请联系本单位系统管理员重置。', 'Forgot your password? Ask your system administrator to reset it.'],
  'auth.signup': ['社会组织负责人？注册申请人账号', 'Leading an organization? Sign up as an applicant'],
  'auth.verify': ['证书核验', 'Verify a certificate'],
  'auth.footer': ['民政部门内部业务系统 · 请勿在公共设备上保存密码', 'Internal system of the civil affairs office · do not save passwords on shared devices'],

  'password.current': ['当前密码', 'Current password'],
  'password.new': ['新密码', 'New password'],
  'password.confirm': ['确认新密码', 'Confirm new password'],
  'password.currentRequired': ['请输入当前密码', 'Enter your current password'],
  'password.newRequired': ['请输入新密码', 'Enter a new password'],
  'password.confirmRequired': ['请再次输入新密码', 'Enter the new password again'],
  'password.mismatch': ['两次输入的密码不一致', 'The two passwords differ'],
  'password.sameAsCurrent': ['新密码不能与当前密码相同', 'The new password must differ from the current one'],
  'password.policyHint': [
    '至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类，且不含用户名',
    'At least 8 characters from 3 of: upper case, lower case, digits, symbols; must not contain the username',
  ],
  'password.changed': ['密码已修改', 'Password changed'],
  'password.otherSessionsEnd': ['修改后，您在其他设备上的登录将失效。', 'Your sessions on other devices will end.'],

  'region.search': ['搜索区划：名称、拼音、首字母或代码', 'Search: name, pinyin, initials or code'],
  'region.searchEmpty': ['没有匹配的区划', 'No matching region'],
  'region.searchTooShort': ['请输入名称、拼音、首字母或代码', 'Type a name, pinyin, initials or code'],
  'region.tree': ['区划树', 'Region tree'],
  'region.treeEmpty': ['可见范围内没有区划', 'No regions in your jurisdiction'],
  'region.selectHint': ['请在左侧选择一个区划，或用上方搜索框查找', 'Pick a region on the left or search above'],
  'region.scope': ['可见范围', 'Your jurisdiction'],
  'region.code': ['区划代码', 'Code'],
  'region.name': ['名称', 'Name'],
  'region.kind': ['类别', 'Kind'],
  'region.level': ['层级', 'Level'],
  'region.population': ['常住人口', 'Resident population'],
  'region.populationBelow': ['下级合计', 'Sum below'],
  'region.populationBelowHint': ['下级各节点录入的常住人口之和', 'Sum of the populations entered for the nodes below'],
  'region.populationUpdatedAt': ['人口更新时间', 'Population updated'],
  'region.notEntered': ['未录入', 'Not entered'],
  'region.childCount': ['下级数', 'Children'],
  'region.children': ['下级区划（{n}）', 'Subdivisions ({n})'],
  'region.noChildren': ['没有下级区划', 'No subdivisions'],
  'region.notFound': ['区划不存在或无权访问', 'Region not found or outside your jurisdiction'],
  'region.editPopulation': ['录入常住人口', 'Enter resident population'],
  'region.people': ['人', 'people'],
  'region.populationPlaceholder': ['人数', 'People'],
  'region.populationRequired': ['请输入常住人口数', 'Enter the population'],
  'region.populationInteger': ['人口须为不小于 0 的整数', 'The population must be a whole number ≥ 0'],
  'region.populationTooLarge': ['人口数超出合理范围', 'The population is implausibly large'],
  'region.populationSaved': ['{name}常住人口已保存', 'Population of {name} saved'],
  'region.populationCleared': ['{name}常住人口已清空', 'Population of {name} cleared'],
  'region.clear': ['清空', 'Clear'],
  'region.clearConfirm': ['确定清空{name}的常住人口吗？', 'Clear the population of {name}?'],
  'region.clearConfirmHint': ['清空后显示为“未录入”，上级合计随之减少。', 'It will show as not entered and the sums above will drop.'],
  'region.newGrid': ['新建网格', 'New grid'],
  'region.gridName': ['网格名称', 'Grid name'],
  'region.gridNamePlaceholder': ['如：第一网格', 'e.g. Grid 1'],
  'region.gridNameRequired': ['请输入网格名称', 'Enter the grid name'],
  'region.gridNameLength': ['网格名称为 2–50 个字', 'The name takes 2–50 characters'],
  'region.gridCreated': ['已新建网格：{name}', 'Grid created: {name}'],
  'region.gridUnder': ['将在{name}下新建网格，代码由系统自动编排。', 'A grid will be created under {name}; its code is assigned automatically.'],
  'region.belowTotal': ['合计 {n}', 'Sum {n}'],

  'users.title': ['账号管理', 'Accounts'],
  'users.searchPlaceholder': ['用户名、姓名或电话', 'Username, name or phone'],
  'users.role': ['角色', 'Role'],
  'users.status': ['状态', 'Status'],
  'users.region': ['所属区划', 'Region'],
  'users.regionFilter': ['按区划筛选（含下级）', 'Filter by region (with subdivisions)'],
  'users.username': ['用户名', 'Username'],
  'users.displayName': ['姓名', 'Name'],
  'users.phone': ['电话', 'Phone'],
  'users.lastLogin': ['最近登录', 'Last sign-in'],
  'users.createdAt': ['创建时间', 'Created'],
  'users.statusActive': ['正常', 'Active'],
  'users.statusDisabled': ['已停用', 'Disabled'],
  'users.statusLocked': ['已锁定', 'Locked'],
  'users.lockedUntil': ['锁定至 {time}', 'Locked until {time}'],
  'users.never': ['从未登录', 'Never'],
  'users.create': ['新建账号', 'New account'],
  'users.edit': ['编辑', 'Edit'],
  'users.editTitle': ['编辑账号：{name}', 'Edit account: {name}'],
  'users.resetPassword': ['重置密码', 'Reset password'],
  'users.resetPasswordTitle': ['重置密码：{name}', 'Reset password: {name}'],
  'users.resetPasswordHint': [
    '重置后该账号的所有登录立即失效，锁定同时解除。请通过安全渠道把新密码告知本人，并提醒其登录后修改。',
    "All of the account's sessions end and any lock is lifted. Pass the new password on through a safe channel and ask the user to change it.",
  ],
  'users.passwordReset': ['已重置{name}的密码', 'Password of {name} reset'],
  'users.disable': ['停用', 'Disable'],
  'users.enable': ['启用', 'Enable'],
  'users.disableConfirm': ['确定停用账号“{name}”吗？', 'Disable the account "{name}"?'],
  'users.disableConfirmHint': ['停用后该账号立即退出且无法登录，可随时重新启用。', 'The account is signed out at once and cannot sign in until enabled again.'],
  'users.disabled': ['已停用{name}', '{name} disabled'],
  'users.enabled': ['已启用{name}', '{name} enabled'],
  'users.unlock': ['解锁', 'Unlock'],
  'users.unlocked': ['已解除{name}的登录锁定', '{name} unlocked'],
  'users.created': ['已新建账号 {name}', 'Account {name} created'],
  'users.saved': ['账号已保存', 'Account saved'],
  'users.nothingChanged': ['没有修改任何内容', 'Nothing was changed'],
  'users.usernameRequired': ['请输入用户名', 'Enter a username'],
  'users.usernameRule': [
    '用户名为 3–40 位小写字母、数字或 . _ -，以字母或数字开头',
    'Username: 3–40 lower-case letters, digits or . _ -, starting with a letter or digit',
  ],
  'users.displayNameRequired': ['请输入姓名', 'Enter the name'],
  'users.displayNameRule': ['姓名为 2–40 个字', 'The name takes 2–40 characters'],
  'users.roleRequired': ['请选择角色', 'Choose a role'],
  'users.regionRequired': ['请选择所属区划', 'Choose the region'],
  'users.regionHint': ['该角色的所属区划应为{levels}级节点', 'This role acts for a node of level: {levels}'],
  'users.regionOptional': ['该角色不限区划，可留空（全系统）', 'This role needs no region; leave empty for the whole system'],
  'users.regionLevelMismatch': ['（层级不符）', ' (wrong level)'],
  'users.phoneRule': ['请输入 11 位手机号或带区号的固定电话', 'Enter an 11-digit mobile or a landline with area code'],
  'users.password': ['初始密码', 'Initial password'],
  'users.newPassword': ['新密码', 'New password'],
  'users.passwordRequired': ['请输入密码', 'Enter a password'],
  'users.confirmPassword': ['确认密码', 'Confirm password'],
  'users.confirmRequired': ['请再次输入密码', 'Enter the password again'],
  'users.usernamePlaceholder': ['小写字母、数字或 . _ -，如 wang.li', 'lower case, digits, . _ -, e.g. wang.li'],
  'users.filterStatus': ['状态', 'Status'],
  'users.filterRole': ['角色', 'Role'],
  'users.you': ['（本人）', ' (you)'],

  'audit.title': ['审计日志', 'Audit log'],
  'audit.at': ['时间（北京时间）', 'Time (Beijing)'],
  'audit.actor': ['操作人', 'Actor'],
  'audit.actorPlaceholder': ['用户名', 'Username'],
  'audit.action': ['操作', 'Action'],
  'audit.entity': ['对象', 'Object'],
  'audit.entityType': ['对象类型', 'Object type'],
  'audit.entityId': ['对象编号', 'Object id'],
  'audit.region': ['区划代码', 'Region code'],
  'audit.regionPlaceholder': ['含下级，如 360802', 'Prefix, e.g. 360802'],
  'audit.regionRule': ['区划代码为 2–15 位数字', 'A region code has 2–15 digits'],
  'audit.dateRange': ['日期', 'Date'],
  'audit.entityUser': ['账号', 'Account'],
  'audit.entityRegion': ['区划', 'Region'],
  'audit.entityAuditLog': ['审计日志', 'Audit log'],
  'audit.entityOrg': ['社会组织', 'Organization'],
  'audit.entityImportJob': ['导入任务', 'Import job'],
  'audit.ip': ['IP 地址', 'IP address'],
  'audit.requestId': ['请求编号', 'Request id'],
  'audit.changes': ['变更内容', 'Changes'],
  'audit.oldValue': ['修改前', 'Before'],
  'audit.newValue': ['修改后 / 提交内容', 'After / submitted'],
  'audit.noValue': ['（无）', '(none)'],
  'audit.filters': ['筛选条件', 'Filters'],
  'audit.filtersActive': ['筛选条件（{n}）', 'Filters ({n})'],
  'audit.export': ['导出 Excel', 'Export to Excel'],
  'audit.exportHint': ['按当前筛选条件导出全部记录；导出操作本身也会记入审计日志。', 'Exports every record matching the filters; the export itself is audited.'],
  'audit.readonly': ['审计日志只能查询和导出，任何人都不能修改或删除。', 'The audit log can be searched and exported; nobody can change or delete it.'],

  'orgs.title': ['社会组织名录', 'Organization registry'],
  'orgs.searchPlaceholder': ['名称、拼音、首字母、信用代码或曾用名', 'Name, pinyin, initials, credit code or former name'],
  'orgs.regionFilter': ['所在区划（含下级）', 'Region (with subdivisions)'],
  'orgs.formFilter': ['组织形式', 'Legal form'],
  'orgs.categoryFilter': ['类别', 'Category'],
  'orgs.statusFilter': ['状态', 'Status'],
  'orgs.flagFilter': ['标识', 'Mark'],
  'orgs.hubFilter': ['所属联合会：{name}', 'Member of: {name}'],
  'orgs.filters': ['筛选', 'Filters'],
  'orgs.filtersActive': ['筛选（{n}）', 'Filters ({n})'],
  'orgs.clearFilters': ['清除筛选', 'Clear filters'],
  'orgs.searchCapped': [
    '匹配的组织超过 {n} 个，列表只能翻看其中前 {n} 个。请输入更完整的名称，或按区划、组织形式、类别筛选。',
    'More than {n} organizations match; the list pages through the first {n} only. Type more of the name, or filter by region, form or category.',
  ],
  'orgs.create': ['新增', 'New'],
  'orgs.import': ['导入', 'Import'],
  'orgs.export': ['导出 Excel', 'Export to Excel'],
  'orgs.exportMasked': ['导出（个人信息脱敏）', 'Export (personal data masked)'],
  'orgs.exportUnmasked': ['导出（含身份证号、电话明文）…', 'Export with ID numbers and phones in clear…'],
  'orgs.exportUnmaskedConfirm': ['导出含个人信息明文的名录？', 'Export with personal data in clear?'],
  'orgs.exportUnmaskedHint': [
    '文件将包含负责人身份证号和联系电话的明文，本次导出将记入审计日志。请妥善保管，不得外传。',
    "The file will hold the leaders' ID numbers and phone numbers in clear; the export is recorded in the audit log. Keep it safe.",
  ],
  'orgs.exportUnmaskedOk': ['确认导出', 'Export'],
  'orgs.exportHint': ['按当前筛选条件导出全部结果', 'Exports every organization matching the filters'],
  'orgs.columns': ['列设置', 'Columns'],
  'orgs.columnsReset': ['恢复默认', 'Reset'],
  'orgs.flags': ['标识', 'Marks'],
  'orgs.members': ['会员数', 'Members'],
  'orgs.membersValue': ['个人 {p} / 单位 {u}', '{p} individual / {u} unit'],
  'orgs.membersSortHint': ['按个人会员数排序', 'Sorted by individual members'],
  'orgs.updatedAt': ['更新时间', 'Updated'],
  'orgs.emptyFiltered': ['没有符合条件的社会组织', 'No organization matches'],
  'orgs.emptyFilteredHint': ['可换个关键词，或清除筛选条件后再试。', 'Try another word or clear the filters.'],
  'orgs.emptyAll': ['辖区内还没有社会组织记录', 'No organizations in your jurisdiction yet'],
  'orgs.emptyAllHint': ['可逐个新增，或下载模板后批量导入。', 'Add them one by one, or import a filled-in template.'],
  'orgs.formerNames': ['曾用名：{names}', 'Formerly: {names}'],
  'orgs.notFound': ['组织不存在或无权访问', 'Organization not found or outside your jurisdiction'],
  'orgs.backToList': ['返回名录', 'Back to the registry'],
  'orgs.edit': ['编辑', 'Edit'],
  'orgs.tabBasic': ['基本信息', 'Basic information'],
  'orgs.tabPeople': ['负责人与成员', 'Leader & members'],
  'orgs.tabCharter': ['章程', 'Charter'],
  'orgs.tabAttachments': ['附件', 'Attachments'],
  'orgs.tabHistory': ['变更历史', 'History'],
  'orgs.reveal': ['查看', 'Show'],
  'orgs.revealConfirm': ['查看{field}明文？', 'Show the {field} in clear?'],
  'orgs.revealHint': ['查看将记入审计日志。', 'Looking is recorded in the audit log.'],
  'orgs.hide': ['隐藏', 'Hide'],
  'orgs.notEntered': ['未填写', 'Not entered'],
  'orgs.createdAt': ['录入时间', 'Entered'],
  'orgs.version': ['版本', 'Version'],
  'orgs.versionValue': ['第 {n} 版', 'Version {n}'],
  'orgs.warningsTitle': ['请审核人员注意', "For the reviewer's attention"],
  'orgs.savedWithWarnings': ['已保存。以下情况请审核人员核查：', 'Saved. The reviewer should check the following:'],
  'orgs.similarOrgs': ['相近的组织：', 'Similar organizations: '],
  'orgs.hubMembers': ['查看下属组织', 'Member organizations'],
  'orgs.empty': ['（空）', '(empty)'],
  'orgs.beijingTime': ['（北京时间）', ' (Beijing time)'],
  'orgs.people': ['{n} 人', '{n}'],
  'orgs.units': ['{n} 个', '{n}'],

  'orgs.newTitle': ['新增社会组织', 'New organization'],
  'orgs.editTitle': ['编辑：{name}', 'Edit: {name}'],
  'orgs.sectionBasic': ['基本信息', 'Basic information'],
  'orgs.sectionPeople': ['负责人与成员', 'Leader & members'],
  'orgs.sectionCharter': ['章程', 'Charter'],
  'orgs.sectionMarks': ['标识', 'Marks'],
  'orgs.sectionReason': ['修改说明', 'About this change'],
  'orgs.reason': ['修改原因', 'Reason for the change'],
  'orgs.reasonRequired': ['请填写修改原因', 'Enter the reason for the change'],
  'orgs.reasonPlaceholder': ['如：换届后会员人数变化（将记入变更历史）', 'e.g. membership changed after the election (kept in the history)'],
  'orgs.nameRequired': ['请输入组织名称', 'Enter the name'],
  'orgs.nameLength': ['名称为 2–100 个字', 'The name takes 2–100 characters'],
  'orgs.formRequired': ['请选择组织形式', 'Choose the legal form'],
  'orgs.categoryRequired': ['请选择类别', 'Choose the category'],
  'orgs.regionRequired': ['请选择所在区划', 'Choose the region'],
  'orgs.regionHint': [
    '登记的组织可选区县、街道、社区或网格；备案和草根组织选街道（乡镇）、社区（村）或网格',
    'Registered organizations: a district, street, community or grid; filed and grassroots ones: a street, community or grid',
  ],
  'orgs.regionTooHighRegistered': ['请选择区县、街道、社区或网格', 'Choose a district, street, community or grid'],
  'orgs.regionTooHighFiled': ['备案或草根组织应落在街道（乡镇）、社区（村）或网格', 'A filed or grassroots organization belongs to a street, community or grid'],
  'orgs.regionLevelRegistered': ['（登记的组织请选区县及以下）', ' (a district or below)'],
  'orgs.regionLevelFiled': ['（请选街道及以下）', ' (a street or below)'],
  'orgs.creditCodeRequired': ['登记的社会组织须填写统一社会信用代码', 'A registered organization needs its unified social credit code'],
  'orgs.creditCodeMustBeEmpty': [
    '备案或草根组织没有统一社会信用代码，请留空或改选组织形式',
    'Filed and grassroots organizations have no credit code: leave it empty or change the legal form',
  ],
  'orgs.creditCodeDept': ['第 1 位登记管理部门代码应为 5（民政）', 'Position 1 must be 5 (civil affairs)'],
  'orgs.creditCodeForm': [
    '第 2 位机构类别代码与组织形式不符（社会团体 1、社会服务机构 2、基金会 3）',
    'Position 2 does not fit the legal form (social group 1, social service 2, foundation 3)',
  ],
  'orgs.creditCodePlaceholder': ['18 位，如 51360802MJ…', '18 characters, e.g. 51360802MJ…'],
  'orgs.creditCodeNotNeeded': ['备案、草根组织不填', 'None for filed or grassroots organizations'],
  'orgs.personalKeep': ['当前为 {value}，留空则不修改', 'Now {value}; leave empty to keep it'],
  'orgs.personalClear': ['清空原号码', 'Clear it'],
  'orgs.personalCleared': ['保存后将清空原号码', 'It will be cleared on save'],
  'orgs.undo': ['撤销', 'Undo'],
  'orgs.idNumberPlaceholder': ['18 位居民身份证号', '18-character resident ID number'],
  'orgs.phonePlaceholder': ['手机号或带区号的固定电话', 'Mobile, or landline with area code'],
  'orgs.hubPlaceholder': ['搜索枢纽型组织（联合会）', 'Search a hub federation'],
  'orgs.hubNone': ['没有匹配的枢纽型组织', 'No matching hub federation'],
  'orgs.hubHint': ['本区的枢纽型组织（如社会组织联合会）', 'A hub-type organization of this district'],
  'orgs.categoryOutsideList': ['（不在默认清单）', ' (not in the default list)'],
  'orgs.foundedOnPlaceholder': ['选择日期', 'Pick a date'],
  'orgs.saved': ['已保存', 'Saved'],
  'orgs.created': ['已新增：{name}', 'Created: {name}'],
  'orgs.nothingChanged': ['没有修改任何内容', 'Nothing was changed'],
  'orgs.conflict': ['该记录已被他人修改', 'Someone else changed this record'],
  'orgs.conflictHint': [
    '请重新加载最新内容后再编辑；重新加载会放弃您在本页尚未保存的修改。',
    'Reload the latest version and edit again; reloading discards your unsaved edits on this page.',
  ],
  'orgs.reload': ['重新加载', 'Reload'],
  'orgs.fixErrors': ['请按提示修改后再保存', 'Correct the marked fields, then save'],

  'orgs.historyEmpty': ['暂无变更记录', 'No changes recorded'],
  'orgs.actionCreate': ['新建', 'Created'],
  'orgs.actionUpdate': ['修改', 'Edited'],
  'orgs.actionImport': ['表格导入', 'Imported'],
  'orgs.historyReason': ['修改原因：{reason}', 'Reason: {reason}'],
  'orgs.historyNoReason': ['未填写修改原因', 'No reason given'],
  'orgs.historyField': ['字段', 'Field'],
  'orgs.historyFrom': ['修改前', 'Before'],
  'orgs.historyTo': ['修改后', 'After'],
  'orgs.historyValue': ['登记内容', 'Entered'],
  'orgs.historySystem': ['系统', 'System'],

  'orgs.importTitle': ['导入社会组织名单', 'Import organizations'],
  'orgs.importStep1': ['下载模板，按表头填写（组织形式、类别可在模板中下拉选择）', 'Download the template and fill it in (legal form and category have drop-down lists)'],
  'orgs.importTemplate': ['下载导入模板', 'Download the template'],
  'orgs.importStep2': ['上传填好的 .xlsx 或 .csv 文件', 'Upload the filled-in .xlsx or .csv file'],
  'orgs.importDrop': ['点击或拖拽文件到此处', 'Click or drop a file here'],
  'orgs.importDropHint': ['支持 .xlsx、.csv，单个文件不超过 20 MB', '.xlsx or .csv, up to 20 MB'],
  'orgs.importRules': [
    '按统一社会信用代码（没有代码的按名称和所在区划）匹配已有组织：已有的更新，没有的新增；同一文件重复导入不会产生重复记录。',
    'Rows are matched by credit code (or by name and region when there is none): existing organizations are updated, new ones added; importing the same file twice creates no duplicates.',
  ],
  'orgs.importWrongType': ['请选择 .xlsx 或 .csv 文件', 'Choose an .xlsx or .csv file'],
  'orgs.importTooLarge': ['文件超过 20 MB，请拆分后分批导入', 'The file exceeds 20 MB; split it'],
  'orgs.importUploading': ['正在上传 {file}…', 'Uploading {file}…'],
  'orgs.importRunning': ['正在导入：{file}', 'Importing: {file}'],
  'orgs.importProgress': ['已处理 {done} / {total} 行', '{done} of {total} rows processed'],
  'orgs.importKeepOpen': ['可以关闭此窗口，导入会在服务器上继续进行。', 'You may close this panel; the import continues on the server.'],
  'orgs.importDone': ['导入完成：{file}', 'Import finished: {file}'],
  'orgs.importFailed': ['导入失败', 'Import failed'],
  'orgs.importInserted': ['新增', 'Added'],
  'orgs.importUpdated': ['更新', 'Updated'],
  'orgs.importUnchanged': ['无变化', 'Unchanged'],
  'orgs.importRejected': ['未导入', 'Rejected'],
  'orgs.importRejectedHint': ['有 {n} 行未导入，请下载逐行错误报告，按报告修改后重新导入。', '{n} rows were not imported: download the row-by-row report, correct them and import again.'],
  'orgs.importAllOk': ['{n} 行全部处理成功', 'All {n} rows processed'],
  'orgs.importReport': ['下载逐行错误报告', 'Download the row-by-row report'],
  'orgs.importAgain': ['导入另一个文件', 'Import another file'],

  'orgs.printTitle': ['社会组织登记信息表', 'Social organization record'],
  'orgs.printNote': ['内部资料 · 个人信息已脱敏', 'Internal · personal data masked'],
  'orgs.printMeta': ['打印人：{who}　打印日期：{date}', 'Printed by {who} on {date}'],
  'orgs.printSource': ['数据来源：社组通社会组织名录，第 {v} 版，最后更新 {at}（北京时间）', 'Source: Shezu registry, version {v}, last updated {at} (Beijing time)'],
  'orgs.printSectionBasic': ['一、基本情况', '1. Basic facts'],
  'orgs.printSectionPeople': ['二、负责人及会员', '2. Leader and members'],
  'orgs.printSectionCharter': ['三、章程摘要', '3. Charter'],
  'orgs.printSectionMarks': ['四、标识与管理', '4. Marks and supervision'],
  'orgs.printSign': ['经办人签字：', 'Handled by:'],
  'orgs.printSignDate': ['日期：', 'Date:'],

  'public.title': ['社会组织信息公示', 'Social organization public register'],
  'public.subtitle': ['已备案、已登记社会组织的基本信息查询', 'Basic facts of filed and registered social organizations'],
  'public.search': ['输入组织名称、拼音首字母或统一社会信用代码', 'Name, pinyin initials or credit code'],
  'public.place': ['所在地', 'Place'],
  'public.empty': ['没有找到相符的社会组织', 'No organization found'],
  'public.emptyHint': ['请核对名称，或换用拼音首字母、统一社会信用代码查询。', 'Check the name, or try the pinyin initials or the credit code.'],
  'public.note': [
    '本页公示已备案或已登记的社会组织的基本信息，不含任何个人信息。筹备中、正在备案或登记审查中的组织以及草根组织不予公示。',
    'Filed and registered organizations are listed with their basic facts and no personal data. Organizations in preparation or under review and grassroots groups are not listed.',
  ],
  'public.staffLogin': ['工作人员登录', 'Staff sign-in'],
  'public.backToSearch': ['返回查询', 'Back to search'],
  'public.notFound': ['该组织不存在或未予公示', 'This organization does not exist or is not public'],
  'public.nameCol': ['名称', 'Name'],
  'public.formCol': ['组织形式', 'Legal form'],
  'public.categoryCol': ['类别', 'Category'],
  'public.statusCol': ['状态', 'Status'],
  'public.foundedCol': ['成立日期', 'Founded on'],
  'public.creditCode': ['统一社会信用代码', 'Unified social credit code'],
  'public.certificateNo': ['证书编号', 'Certificate no.'],
  'public.formerNames': ['曾用名', 'Former names'],
  'public.purpose': ['宗旨', 'Purpose'],
  'public.activities': ['业务范围/活动内容', 'Scope / activities'],
} as const satisfies Record<string, readonly [string, string]>;

export type MsgKey = keyof typeof messages;
type Vars = Record<string, string | number>;

/** `{name}` placeholders filled from `vars` (left as written when a value is missing). */
export function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function translate(lang: Lang, key: MsgKey, vars?: Vars): string {
  return interpolate(messages[key][lang === 'zh' ? 0 : 1], vars);
}

function storedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

let activeLang: Lang = storedLang();
/** For code outside React's tree of hooks (the error boundary). */
export function currentLang(): Lang {
  return activeLang;
}

function applyLang(lang: Lang) {
  activeLang = lang;
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}
applyLang(activeLang);

interface LangState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const LangContext = createContext<LangState>({ lang: 'zh', setLang: () => {} });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(activeLang);
  useEffect(() => applyLang(lang), [lang]);
  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(LANG_KEY, next);
    } catch {
      // Private browsing without storage: the choice lasts for this page only.
    }
    applyLang(next);
    setLangState(next);
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return createElement(LangContext.Provider, { value }, children);
}

export function useLang(): LangState {
  return useContext(LangContext);
}

export function useT(): (key: MsgKey, vars?: Vars) => string {
  const { lang } = useLang();
  return useCallback((key: MsgKey, vars?: Vars) => translate(lang, key, vars), [lang]);
}

// English names of the shared enumerations; Chinese ones come from src/shared/enums.ts.
const ROLE_LABELS_EN: Record<Role, string> = {
  district_admin: 'District civil affairs admin',
  street_reviewer: 'Street/township reviewer',
  community_staff: 'Community/village staff',
  hub_manager: 'Hub federation manager',
  org_leader: 'Organization leader',
  expert: 'Expert',
  sysadmin: 'System administrator',
  auditor: 'Audit administrator',
};

const REGION_KIND_LABELS_EN: Record<RegionKind, string> = {
  province: 'Province',
  city: 'Prefecture',
  district: 'County-level (district/county)',
  street: 'Street',
  town: 'Town',
  township: 'Township',
  township_other: 'Other township-level',
  community: 'Community (residents’ committee)',
  village: 'Village (villagers’ committee)',
  grid: 'Grid',
};

const REGION_LEVEL_LABELS_EN: Record<number, string> = {
  1: 'Province',
  2: 'City',
  3: 'County',
  4: 'Street/township',
  5: 'Community/village',
  6: 'Grid',
};

const LEGAL_FORM_LABELS_EN: Record<LegalForm, string> = {
  social_group: 'Social group',
  social_service: 'Social service organization',
  foundation: 'Foundation',
  filed: 'Filed community organization',
  grassroots: 'Grassroots organization',
};

const ORG_STATUS_LABELS_EN: Record<OrgStatus, string> = {
  preparing: 'In preparation',
  filing: 'Filing',
  registering: 'Registering',
  active: 'Active',
  changing: 'Changing',
  deregistering: 'Deregistering',
  deregistered: 'Deregistered',
  dissolved: 'Ordered to dissolve',
  revoked: 'Registration revoked',
};

const ORG_FLAG_LABELS_EN: Record<OrgFlag, string> = { isDemoSite: 'Demonstration site', isBrand: 'Brand', isIncubating: 'Incubating' };


/** Labels of roles, region kinds and levels, and of the registry's forms, statuses and marks, in the current language. */
export function useEnumLabels() {
  const { lang } = useLang();
  return useMemo(() => {
    const zh = lang === 'zh';
    return {
      role: (r: Role) => (zh ? ROLE_LABELS[r] : ROLE_LABELS_EN[r]) ?? r,
      kind: (k: RegionKind) => (zh ? REGION_KIND_LABELS[k] : REGION_KIND_LABELS_EN[k]) ?? k,
      level: (l: number) => (zh ? REGION_LEVEL_LABELS[l] : REGION_LEVEL_LABELS_EN[l]) ?? String(l),
      legalForm: (f: LegalForm) => (zh ? LEGAL_FORM_LABELS[f] : LEGAL_FORM_LABELS_EN[f]) ?? f,
      orgStatus: (s: OrgStatus) => (zh ? ORG_STATUS_LABELS[s] : ORG_STATUS_LABELS_EN[s]) ?? s,
      orgFlag: (f: OrgFlag) => (zh ? ORG_FLAG_LABELS[f] : ORG_FLAG_LABELS_EN[f]) ?? f,
    };
  }, [lang]);
}
