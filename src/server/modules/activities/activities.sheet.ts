import { toHalfWidth } from '../../../shared/text-normalize.js';
import { yuanToFen } from '../../../shared/schemas/money.js';
import { ActivityInput } from '../../../shared/schemas/activities.js';
import type { SheetColumn, SheetRow } from '../../lib/sheets/columns.js';
import { cellText, codeText, parseCount, parseSheetDate } from '../../lib/sheets/normalize.js';
import type { RowProblem } from '../imports/index.js';

/**
 * The ledger's spreadsheet columns (台账, seed 004): the template, the export and the import use the same headers, so
 * an exported ledger can be edited and imported again. Offices name columns differently: common variants are accepted.
 */
export const ACTIVITY_SHEET_COLUMNS: SheetColumn[] = [
  { key: 'orgName', header: '组织名称', variants: ['名称', '社会组织名称', '组织', '社区社会组织名称', '单位名称'], width: 28, note: '与“统一社会信用代码/备案编号”至少填一项' },
  { key: 'orgCode', header: '统一社会信用代码/备案编号', variants: ['统一社会信用代码', '信用代码', '备案编号', '证书编号', '备案证明编号', '登记证书编号'], width: 26, note: '填写后按代码或编号匹配组织，比名称更准确' },
  { key: 'startsAt', header: '开始时间', variants: ['活动时间', '活动日期', '日期', '时间', '开始日期'], width: 18, note: '必填，如 2026-03-05 09:00；只写日期时按当天 0:00' },
  { key: 'endsAt', header: '结束时间', variants: ['结束日期'], width: 18, note: '不填为与开始时间相同；只写日期时按当天 23:59' },
  { key: 'title', header: '活动名称', variants: ['活动主题', '活动内容', '名称（活动）', '活动项目'], width: 28, note: '必填' },
  { key: 'activityType', header: '活动类型', variants: ['类型', '活动类别', '类别'], width: 12, note: '必填，下拉选择（本区设置的活动类型）' },
  { key: 'place', header: '活动地点', variants: ['地点', '活动场所', '场所'], width: 24, note: '必填' },
  { key: 'participants', header: '参与人数', variants: ['参加人数', '人数', '参与人次'], width: 10, note: '必填，整数' },
  { key: 'beneficiaries', header: '受益人数', variants: ['受益人次', '服务人数', '服务人次'], width: 10 },
  { key: 'volunteers', header: '志愿者人数', variants: ['志愿者', '志愿者数'], width: 10 },
  { key: 'volunteerHours', header: '志愿服务时长（小时）', variants: ['志愿服务时长', '服务时长', '志愿时长', '服务时长（小时）', '志愿服务时长(小时)'], width: 14, note: '实际服务时间，不含路途（民政部令第67号），可写 2.5' },
  { key: 'amount', header: '涉及金额（元）', variants: ['涉及金额', '金额', '金额（元）', '募捐金额', '资金（元）'], width: 14, note: '募捐、慈善等活动的金额，精确到分' },
  { key: 'foreignRelated', header: '是否涉外', variants: ['涉外', '涉外活动'], width: 10, note: '是 / 否，不填为否' },
  { key: 'description', header: '活动简介', variants: ['简介', '活动情况', '备注说明', '活动概况'], width: 40 },
];

export const HEADER_OF = new Map(ACTIVITY_SHEET_COLUMNS.map((c) => [c.key, c.header]));
const headerOf = (key: string) => HEADER_OF.get(key) ?? key;
/** ActivityInput's field → the sheet column that carries it. */
const FIELD_COLUMN: Record<string, string> = { volunteerMinutes: 'volunteerHours', amountFen: 'amount' };

/** A row as the import needs it: the organization as named, and the activity's fields, checked by ActivityInput. */
export interface ActivityDraft {
  orgName?: string;
  orgCode?: string;
  input?: ActivityInput;
}

export interface DateTimeCell {
  /** Wall-clock China time, `YYYY-MM-DDTHH:mm:00+08:00`. */
  iso: string;
  date: string;
  hasTime: boolean;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const pad = (n: number) => String(n).padStart(2, '0');
const at = (date: string, h: number, m: number): DateTimeCell => ({ iso: `${date}T${pad(h)}:${pad(m)}:00+08:00`, date, hasTime: true });

/**
 * A date with an optional time, as ledgers hold it: an Excel date-time cell (its wall clock, read as China time), a
 * serial with a fraction, `2026-03-05 09:00`, `2026/3/5 9:30`, `2026年3月5日 14:00`, `2026年3月5日14时30分`, or a date
 * alone (any form lib/sheets/normalize.ts parseSheetDate reads). A month alone is no activity day: 'invalid'.
 */
export function parseSheetDateTime(value: unknown): DateTimeCell | null | 'invalid' {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || (typeof value === 'number' && value > 0 && value < 100_000)) {
    const d = value instanceof Date ? value : new Date(EXCEL_EPOCH_MS + Math.round(value * 86_400) * 1000);
    if (Number.isNaN(d.getTime())) return 'invalid';
    const date = d.toISOString().slice(0, 10);
    const h = d.getUTCHours();
    const m = d.getUTCMinutes();
    return h === 0 && m === 0 ? { iso: `${date}T00:00:00+08:00`, date, hasTime: false } : at(date, h, m);
  }
  let text = toHalfWidth(String(value)).trim();
  if (text === '') return null;
  let time: [number, number] | null = null;
  const t = /(?:^|[\sT日号])(\d{1,2})(?::|：|时|点)(\d{1,2})?分?(?::\d{2})?$/.exec(text) ?? /(?<=\d)\s+(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(text);
  if (t) {
    const h = Number(t[1]);
    const m = Number(t[2] ?? 0);
    if (h > 23 || m > 59) return 'invalid';
    time = [h, m];
    text = text.slice(0, t.index + (/[日号]/.test(t[0][0]) ? 1 : 0)).trim();
  }
  const d = parseSheetDate(text);
  if (d === null || d === 'invalid' || d.precision !== 'day') return 'invalid';
  return time ? at(d.date, time[0], time[1]) : { iso: `${d.date}T00:00:00+08:00`, date: d.date, hasTime: false };
}

const TRUE_WORDS = new Set(['是', '涉外', 'y', 'yes', 'true', '1', '√', '有']);
const FALSE_WORDS = new Set(['否', '不涉外', 'n', 'no', 'false', '0', '×', '无', '非']);

/** A non-negative decimal as typed (`2.5`, `2.5小时`, `１，２００`); 'negative' and 'invalid' say what is wrong. */
function parseDecimal(value: unknown, unit: RegExp): number | null | 'negative' | 'invalid' {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return !Number.isFinite(value) ? 'invalid' : value < 0 ? 'negative' : value;
  const text = toHalfWidth(String(value)).replace(/[\s,，]/g, '').replace(unit, '');
  if (text === '') return null;
  if (/^-\d+(\.\d+)?$/.test(text)) return 'negative';
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : 'invalid';
}

/**
 * Turns one sheet row into an activity; every problem is reported by column, in Chinese, at once, so the office
 * fixes the file in one pass. Pure: no database (the organization and the district's type list are the batch's).
 */
export function parseActivityRow(row: SheetRow): { draft: ActivityDraft; problems: RowProblem[] } {
  const v = row.values;
  const problems: RowProblem[] = [];
  const reported = new Set<string>();
  const add = (key: string, message: string) => {
    const column = headerOf(key);
    if (reported.has(column)) return;
    reported.add(column);
    problems.push({ row: row.rowNumber, column, message });
  };
  const draft: ActivityDraft = { orgName: cellText(v.get('orgName')), orgCode: codeText(v.get('orgCode')) };
  if (!draft.orgName && !draft.orgCode) add('orgName', '请填写组织名称或统一社会信用代码/备案编号');

  const fields: Record<string, unknown> = {};
  const start = parseSheetDateTime(v.get('startsAt'));
  const end = parseSheetDateTime(v.get('endsAt'));
  const timeHelp = '请写成 2026-03-05 09:00 或 2026年3月5日 9:00（只写日期也可以）';
  if (start === null) add('startsAt', '请填写开始时间');
  else if (start === 'invalid') add('startsAt', `无法识别时间“${cellText(v.get('startsAt'))}”：${timeHelp}`);
  else fields.startsAt = start.iso;
  if (end === 'invalid') add('endsAt', `无法识别时间“${cellText(v.get('endsAt'))}”：${timeHelp}`);
  else if (start && start !== 'invalid') {
    // A blank end is the start; an end given as a day alone lasts to that day's end.
    fields.endsAt = end === null ? start.iso : end.hasTime ? end.iso : `${end.date}T23:59:00+08:00`;
  }
  for (const key of ['title', 'activityType', 'place', 'description']) {
    const text = cellText(v.get(key));
    if (text !== undefined) fields[key] = text;
  }
  for (const key of ['participants', 'beneficiaries', 'volunteers'] as const) {
    const raw = v.get(key);
    const n = parseCount(raw);
    if (n === 'invalid') {
      const text = cellText(raw) ?? '';
      add(key, /^-\s*\d/.test(toHalfWidth(text)) || (typeof raw === 'number' && raw < 0) ? `${headerOf(key)}不能为负数` : `“${text}”不是整数：请只填写人数，如 30`);
    } else if (n !== null) fields[key] = n;
  }
  if (!v.has('participants')) add('participants', '请填写参与人数');
  const hours = parseDecimal(v.get('volunteerHours'), /(小时|个小时|h|H)$/);
  if (hours === 'negative') add('volunteerHours', '志愿服务时长不能为负数');
  else if (hours === 'invalid') add('volunteerHours', `“${cellText(v.get('volunteerHours'))}”不是小时数：请填写如 2 或 2.5`);
  else if (hours !== null) fields.volunteerMinutes = Math.round(hours * 60);
  const amountRaw = v.get('amount');
  if (amountRaw !== undefined) {
    const fen = yuanToFen(typeof amountRaw === 'number' ? amountRaw.toFixed(2) : toHalfWidth(String(amountRaw)).replace(/元$/, ''));
    if (fen === null) add('amount', `“${cellText(amountRaw)}”不是金额：请填写元，最多两位小数，如 1200.50`);
    else if (fen < 0) add('amount', '涉及金额不能为负数');
    else fields.amountFen = fen;
  }
  const foreign = cellText(v.get('foreignRelated'))?.toLowerCase();
  if (foreign !== undefined) {
    if (TRUE_WORDS.has(foreign)) fields.foreignRelated = true;
    else if (FALSE_WORDS.has(foreign)) fields.foreignRelated = false;
    else add('foreignRelated', `无法识别“${foreign}”：请填写“是”或“否”`);
  }

  const parsed = ActivityInput.safeParse(fields);
  if (parsed.success) {
    if (problems.length === 0) draft.input = parsed.data;
  } else {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      add(FIELD_COLUMN[key] ?? key, issue.message);
    }
  }
  return { draft, problems };
}
