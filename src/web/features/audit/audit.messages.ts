import { useCallback } from 'react';
import { AUDIT_ACTION_LABELS } from '../../../shared/schemas/audit.js';
import { defineMessages, useLang } from '../../i18n.js';

// The audit log's strings.
// Chinese (the working language) first; English complete beside it, key for key (the type of en_US is that of
// zh_CN). Messages from the server (errors, validation) stay Chinese in both modes.
const zh_CN = {
  'audit.title': '审计日志',
  'audit.at': '时间（北京时间）',
  'audit.actor': '操作人',
  'audit.actorPlaceholder': '用户名',
  'audit.action': '操作',
  'audit.entity': '对象',
  'audit.entityType': '对象类型',
  'audit.entityId': '对象编号',
  'audit.region': '区划代码',
  'audit.regionPlaceholder': '含下级，如 360802',
  'audit.regionRule': '区划代码为 2–15 位数字',
  'audit.dateRange': '日期',
  'audit.entityUser': '账号',
  'audit.entityRegion': '区划',
  'audit.entityAuditLog': '审计日志',
  'audit.entityOrg': '社会组织',
  'audit.entityImportJob': '导入任务',
  'audit.ip': 'IP 地址',
  'audit.requestId': '请求编号',
  'audit.changes': '变更内容',
  'audit.oldValue': '修改前',
  'audit.newValue': '修改后 / 提交内容',
  'audit.noValue': '（无）',
  'audit.filters': '筛选条件',
  'audit.filtersActive': '筛选条件（{n}）',
  'audit.export': '导出 Excel',
  'audit.exportHint': '按当前筛选条件导出全部记录；导出操作本身也会记入审计日志。',
  'audit.readonly': '审计日志只能查询和导出，任何人都不能修改或删除。',
};

const en_US: typeof zh_CN = {
  'audit.title': 'Audit log',
  'audit.at': 'Time (Beijing)',
  'audit.actor': 'Actor',
  'audit.actorPlaceholder': 'Username',
  'audit.action': 'Action',
  'audit.entity': 'Object',
  'audit.entityType': 'Object type',
  'audit.entityId': 'Object id',
  'audit.region': 'Region code',
  'audit.regionPlaceholder': 'Prefix, e.g. 360802',
  'audit.regionRule': 'A region code has 2–15 digits',
  'audit.dateRange': 'Date',
  'audit.entityUser': 'Account',
  'audit.entityRegion': 'Region',
  'audit.entityAuditLog': 'Audit log',
  'audit.entityOrg': 'Organization',
  'audit.entityImportJob': 'Import job',
  'audit.ip': 'IP address',
  'audit.requestId': 'Request id',
  'audit.changes': 'Changes',
  'audit.oldValue': 'Before',
  'audit.newValue': 'After / submitted',
  'audit.noValue': '(none)',
  'audit.filters': 'Filters',
  'audit.filtersActive': 'Filters ({n})',
  'audit.export': 'Export to Excel',
  'audit.exportHint': 'Exports every record matching the filters; the export itself is audited.',
  'audit.readonly': 'The audit log can be searched and exported; nobody can change or delete it.',
};

export const auditMessages = defineMessages({ zh_CN, en_US });
export type AuditMsgKey = keyof typeof zh_CN;

/** English names of the audited actions that have Chinese ones in shared/schemas/audit.ts. */
const AUDIT_ACTION_LABELS_EN: Record<string, string> = {
  'auth.login': 'Signed in',
  'auth.login_failed': 'Sign-in failed',
  'auth.logout': 'Signed out',
  'auth.password_changed': 'Changed own password',
  'user.create': 'Account created',
  'user.update': 'Account changed',
  'user.disable': 'Account disabled',
  'user.password_reset': 'Password reset',
  'user.unlock': 'Account unlocked',
  'region.population.update': 'Population entered',
  'region.grid.create': 'Grid created',
  'audit.export': 'Audit log exported',
};

/** An audited action's name in the page's language (its code when it has none). */
export function useAuditActionLabel() {
  const { lang } = useLang();
  return useCallback((a: string) => (lang === 'zh' ? AUDIT_ACTION_LABELS[a] : AUDIT_ACTION_LABELS_EN[a]) ?? a, [lang]);
}
