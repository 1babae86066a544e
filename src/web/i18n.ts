import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { REGION_KIND_LABELS, REGION_LEVEL_LABELS, ROLE_LABELS, type RegionKind, type Role } from '../shared/enums.js';

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

  'nav.regions': ['区划与人口', 'Regions & population'],
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
} as const satisfies Record<string, readonly [string, string]>;

export type MsgKey = keyof typeof messages;
type Vars = Record<string, string | number>;

export function translate(lang: Lang, key: MsgKey, vars?: Vars): string {
  const text: string = messages[key][lang === 'zh' ? 0 : 1];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
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

/** Labels of roles, region kinds and levels in the current language. */
export function useEnumLabels() {
  const { lang } = useLang();
  return useMemo(() => {
    const zh = lang === 'zh';
    return {
      role: (r: Role) => (zh ? ROLE_LABELS[r] : ROLE_LABELS_EN[r]) ?? r,
      kind: (k: RegionKind) => (zh ? REGION_KIND_LABELS[k] : REGION_KIND_LABELS_EN[k]) ?? k,
      level: (l: number) => (zh ? REGION_LEVEL_LABELS[l] : REGION_LEVEL_LABELS_EN[l]) ?? String(l),
    };
  }, [lang]);
}
