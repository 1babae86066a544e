import type { ReviewStep } from '../../../shared/enums.js';
import type { AnnualReportSettings } from '../../../shared/schemas/supervision-settings.js';
import type { ReviewChainSetting } from '../../../shared/schemas/settings.js';
import { fenToYuanText } from '../../../shared/schemas/money.js';
import {
  EXPENSE_CATEGORIES_BY_FORM,
  EXPENSE_CATEGORY_LABELS,
  INCOME_CATEGORIES_BY_FORM,
  INCOME_CATEGORY_LABELS,
  isReportingForm,
  SECTIONS_BY_FORM,
  type AnnualReportCheck,
  type AnnualReportDiffEntry,
  type AnnualReportSections,
  type ExemptionCode,
  type ReportingForm,
  requiredReportFieldsOf,
} from '../../../shared/schemas/annual-reports.js';

/**
 * The rules of annual reports, pure (issue 13 item 4): who owes one, by when, who is exempt, on time or late, the
 * correction window, the checks before submission and the year-over-year diff. The rates' SQL
 * (annual-reports.rates.repository.ts) applies the same rules in bulk; a test holds the two together.
 */

export const SOURCES = {
  socialGroup: '《社会团体登记管理条例》第二十八条',
  socialService: '《民办非企业单位登记管理暂行条例》第二十三条',
  foundation: '《基金会管理条例》第三十六条',
  socialServiceExemption: '《民办非企业单位年度检查办法》（民政部令第27号）第三条',
  socialGroupExemption: '地方惯例（如嘉兴市 2026 年社会团体年检通知）：当年 6 月 30 日以后成立的社会团体不参加当年度年检',
  filed: '《社区社会组织培育发展工作意见》（种子文件 004）：备案社区社会组织每年向社区、街道报告工作',
} as const;

/** The statuses of an organization in operation (not being prepared, filed or registered; not closed). */
const NOT_YET = new Set(['preparing', 'filing', 'registering']);
const CLOSED = new Set(['deregistered', 'dissolved', 'revoked']);

export interface OrgForObligation {
  legal_form: string;
  status: string;
  recorded_on: string | null;
  founded_on: string | null;
  closed_on: string | null;
}

export interface Exemption {
  code: ExemptionCode;
  reason: string;
  source: string;
}

/** The day the organization was registered (filed), for the exemptions: the register's date, else its founding. */
export const registeredOn = (org: Pick<OrgForObligation, 'recorded_on' | 'founded_on'>) => org.recorded_on ?? org.founded_on;

/** `date` plus `months` calendar months (the same day of the month, or the month's last day when it has none). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Why an organization owes no report for `year`, or null when it owes one.
 * - Grassroots groups are on no register (no registration authority inspects them), so they owe none.
 * - Only organizations in the register by 31 December of the year owe one, and not those closed by `asOf`.
 * - A social service organization registered less than N months (default 6) by the end of 31 December: registered
 *   on R, it has N months when R + N months ≤ 1 January of the next year. So registered 1 July it has exactly six
 *   months (July–December) and owes the report; registered 2 July it is exempt (民政部令第27号 art. 3).
 * - A social group established after the setting's day (default 30 June) of the year: 30 June owes, 1 July is exempt.
 */
export function exemptionOf(org: OrgForObligation, year: number, s: AnnualReportSettings, asOf: string): Exemption | null {
  if (!isReportingForm(org.legal_form)) {
    return { code: 'not_reporting_form', reason: '草根组织未备案或登记，不参加年检（年报）', source: SOURCES.filed };
  }
  const reg = registeredOn(org);
  const yearEnd = `${year}-12-31`;
  if (NOT_YET.has(org.status) || !reg || reg > yearEnd || (org.closed_on !== null && org.closed_on <= asOf) || (CLOSED.has(org.status) && org.closed_on === null)) {
    return { code: 'not_in_operation', reason: `${year} 年 12 月 31 日前未在册，或已注销、撤销`, source: SOURCES.socialGroup };
  }
  const months = s.exemptions.socialServiceMonths;
  if (org.legal_form === 'social_service' && months > 0 && addMonths(reg, months) > `${year + 1}-01-01`) {
    return { code: 'social_service_new', reason: `登记至 ${year} 年 12 月 31 日不满 ${months} 个月，当年度可不参加年检`, source: SOURCES.socialServiceExemption };
  }
  const after = s.exemptions.socialGroupEstablishedAfter;
  if (org.legal_form === 'social_group' && after !== null && reg > `${year}-${after}`) {
    return { code: 'social_group_new', reason: `${year} 年 ${Number(after.slice(0, 2))} 月 ${Number(after.slice(3))} 日以后成立，当年度不参加年检`, source: SOURCES.socialGroupExemption };
  }
  return null;
}

/**
 * The due date of a report of `year` (filed in the next year). The earlier supervisor date applies where a unit
 * reviews the report before the authority that concludes it: a filed community organization's community (its
 * 业务指导单位, seed 004) reviews first, then the street. Registered forms report straight to the district's
 * registration authority in this system (since 脱钩 and 直接登记 many have no 业务主管单位, and a supervisor's
 * pre-review happens outside it), so they are due on the main date (31 May). A district without the earlier date
 * (null) has one date for all.
 */
export function dueDateOf(form: ReportingForm, year: number, s: AnnualReportSettings): string {
  const md = form === 'filed' && s.supervisorDueDate !== null ? s.supervisorDueDate : s.dueDate;
  return `${year + 1}-${md}`;
}

/** On time: submitted on or before the due date (China dates). */
export const isOnTime = (submittedOn: string, dueOn: string) => submittedOn <= dueOn;

/**
 * The steps of a report's review: the registration authority's inspection (the district) for registered forms;
 * for a filed organization, the district's chain (default community → street) without the steps below its node.
 */
export function chainFor(form: string, regionLevel: number, chain: Pick<ReviewChainSetting, 'steps'>): ReviewStep[] {
  if (form !== 'filed') return ['district'];
  const steps = chain.steps.filter((s) => ({ community: 5, street: 4, district: 3 })[s] <= regionLevel);
  return steps.length > 0 ? steps : ['district'];
}

/** No rule fixes the inspection's own time limit; 20 working days unless the district's chain names one. */
export const INSPECTION_DAYS = 20;
export const deadlineOf = (step: ReviewStep, chain: Pick<ReviewChainSetting, 'deadlines'>) => chain.deadlines[step] ?? (step === 'district' ? INSPECTION_DAYS : 10);

/** An election (换届) falls due by the end of the year: the last one plus the term, when both are known. */
export function electionDueOf(g: { lastElectionOn: string | null; termYears: number | null; electionHeldThisYear?: boolean | null }, year: number): boolean | null {
  if (!g.lastElectionOn || !g.termYears) return null;
  return addMonths(g.lastElectionOn, g.termYears * 12) <= `${year}-12-31`;
}

/** A share in percent with two decimals; null without a denominator. */
export const percent = (num: number, den: number) => (den === 0 ? null : Math.round((num / den) * 10_000) / 100);

// ---- Checks ----

const yuan = (fen: number) => `${fenToYuanText(fen)} 元`;
const sum = (xs: (number | null | undefined)[]) => xs.reduce<number>((s, x) => s + (x ?? 0), 0);

export interface CheckContext {
  /** The ledger's count of activities in the year. */
  ledgerCount: number;
  lastYear: AnnualReportSections | null;
  largeChangePercent: number;
  hasScan: boolean;
  year: number;
}


const at = (doc: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), doc);

/**
 * What stands between a report and its submission (errors) and what the filer and the reviewer should look at
 * (warnings): missing fields, figures that do not add up, the activity count against the ledger, large changes.
 */
export function checksOf(form: ReportingForm, s: AnnualReportSections, c: CheckContext): AnnualReportCheck[] {
  const out: AnnualReportCheck[] = [];
  const sections = SECTIONS_BY_FORM[form];
  for (const r of requiredReportFieldsOf(form)) {
    const v = at(s, r.path);
    if (v === null || v === undefined || v === '') out.push({ code: 'required', level: 'error', field: r.path, message: `请填写${r.label}`, params: { label: r.label } });
  }
  const f = s.finances;
  const incomeKeys = INCOME_CATEGORIES_BY_FORM[form];
  for (const k of incomeKeys) {
    if (f.income[k] === null || f.income[k] === undefined) out.push({ code: 'required', level: 'error', field: `finances.income.${k}`, message: `请填写${INCOME_CATEGORY_LABELS[k]}（没有填 0）`, params: { label: INCOME_CATEGORY_LABELS[k] } });
  }
  for (const k of EXPENSE_CATEGORIES_BY_FORM[form]) {
    if (f.expenses[k] === null || f.expenses[k] === undefined) out.push({ code: 'required', level: 'error', field: `finances.expenses.${k}`, message: `请填写${EXPENSE_CATEGORY_LABELS[k]}（没有填 0）`, params: { label: EXPENSE_CATEGORY_LABELS[k] } });
  }
  const incomeSum = sum(incomeKeys.map((k) => f.income[k]));
  if (f.incomeTotal !== null && incomeSum !== f.incomeTotal) {
    out.push({ code: 'income_sum', level: 'error', field: 'finances.incomeTotal', message: `各项收入之和 ${yuan(incomeSum)} 与本年收入合计 ${yuan(f.incomeTotal)} 不符`, params: { sum: incomeSum, total: f.incomeTotal } });
  }
  const expenseSum = sum(EXPENSE_CATEGORIES_BY_FORM[form].map((k) => f.expenses[k]));
  if (f.expenseTotal !== null && expenseSum !== f.expenseTotal) {
    out.push({ code: 'expense_sum', level: 'error', field: 'finances.expenseTotal', message: `各项费用之和 ${yuan(expenseSum)} 与本年费用合计 ${yuan(f.expenseTotal)} 不符`, params: { sum: expenseSum, total: f.expenseTotal } });
  }
  if (f.assets !== null && f.liabilities !== null && f.netAssets !== null && f.assets - f.liabilities !== f.netAssets) {
    out.push({
      code: 'net_assets', level: 'error', field: 'finances.netAssets',
      message: `资产总计 ${yuan(f.assets)} 减负债合计 ${yuan(f.liabilities)} 应等于净资产合计，而填写的是 ${yuan(f.netAssets)}`,
      params: { assets: f.assets, liabilities: f.liabilities, netAssets: f.netAssets },
    });
  }
  if (f.netAssets !== null && f.netAssets < 0) out.push({ code: 'negative_net_assets', level: 'warning', field: 'finances.netAssets', message: '净资产为负数（资不抵债），请说明原因', params: { netAssets: f.netAssets } });
  const claimed = s.activities.claimedCount;
  if (claimed !== null && claimed !== c.ledgerCount) {
    out.push({ code: 'ledger_count', level: 'warning', field: 'activities.claimedCount', message: `填报的活动次数为 ${claimed} 次，活动台账记录 ${c.ledgerCount} 次`, params: { claimed, ledger: c.ledgerCount } });
  }
  if (sections.includes('members') && s.members && c.lastYear?.members) {
    const m = s.members;
    const last = c.lastYear.members.individual;
    if (m.individual !== null && last !== null && m.joined !== null && m.left !== null && m.individual - last !== m.joined - m.left) {
      out.push({ code: 'member_change', level: 'warning', field: 'members.joined', message: `上年末 ${last} 人，本年末 ${m.individual} 人，与本年新增 ${m.joined} 人、减少 ${m.left} 人不符`, params: { last, now: m.individual, joined: m.joined, left: m.left } });
    }
  }
  if (electionDueOf(s.governance, c.year) && s.governance.electionHeldThisYear === false) {
    out.push({ code: 'election_due', level: 'warning', field: 'governance.electionHeldThisYear', message: '按上次换届日期和届期，本年度应当换届，请说明未换届原因', params: {} });
  }
  if (!c.hasScan) out.push({ code: 'scan_missing', level: 'error', field: 'declarationScan', message: '请上传签字盖章后的声明签章页扫描件（PDF、JPG 或 PNG）', params: {} });
  for (const d of diffOf(form, s, c.lastYear, c.largeChangePercent)) {
    if (!d.large) continue;
    out.push({
      code: 'large_change', level: 'warning', field: d.field,
      message: `${d.label}较上年变化 ${d.changePercent}%（上年 ${d.unit === 'fen' ? yuan(d.lastYear!) : d.lastYear}，本年 ${d.unit === 'fen' ? yuan(d.thisYear!) : d.thisYear}），超过 ${c.largeChangePercent}%，请核实`,
      params: { lastYear: d.lastYear!, thisYear: d.thisYear!, changePercent: d.changePercent!, threshold: c.largeChangePercent },
    });
  }
  return out;
}

// ---- Year-over-year diff ----

/** The figures compared with last year, in the order the reviewer reads them. */
export function diffFields(form: ReportingForm): { field: string; label: string; unit: 'fen' | 'count' }[] {
  const out: { field: string; label: string; unit: 'fen' | 'count' }[] = [
    { field: 'activities.claimedCount', label: '全年开展活动次数', unit: 'count' },
    { field: 'activities.participants', label: '参与人次', unit: 'count' },
    { field: 'basic.staffCount', label: '专职工作人员数', unit: 'count' },
  ];
  if (SECTIONS_BY_FORM[form].includes('members')) {
    out.push({ field: 'members.individual', label: '个人会员（成员）数', unit: 'count' }, { field: 'members.unit', label: '单位会员数', unit: 'count' });
  }
  out.push({ field: 'finances.incomeTotal', label: '本年收入合计', unit: 'fen' });
  for (const k of INCOME_CATEGORIES_BY_FORM[form]) out.push({ field: `finances.income.${k}`, label: INCOME_CATEGORY_LABELS[k], unit: 'fen' });
  out.push({ field: 'finances.expenseTotal', label: '本年费用合计', unit: 'fen' });
  for (const k of EXPENSE_CATEGORIES_BY_FORM[form]) out.push({ field: `finances.expenses.${k}`, label: EXPENSE_CATEGORY_LABELS[k], unit: 'fen' });
  out.push({ field: 'finances.assets', label: '资产总计', unit: 'fen' }, { field: 'finances.liabilities', label: '负债合计', unit: 'fen' }, { field: 'finances.netAssets', label: '净资产合计', unit: 'fen' });
  return out;
}

const numberAt = (doc: unknown, path: string): number | null => {
  const v = at(doc, path);
  return typeof v === 'number' ? v : null;
};

/** Field by field: last year, this year, the change in percent of last year, and whether it is beyond the threshold. */
export function diffOf(form: ReportingForm, s: AnnualReportSections, last: AnnualReportSections | null, largeChangePercent: number): AnnualReportDiffEntry[] {
  return diffFields(form).map(({ field, label, unit }) => {
    const thisYear = numberAt(s, field);
    const lastYear = last ? numberAt(last, field) : null;
    const changePercent = thisYear === null || lastYear === null || lastYear === 0 ? null : Math.round(((thisYear - lastYear) / Math.abs(lastYear)) * 10_000) / 100;
    return { field, label, lastYear, thisYear, changePercent, large: changePercent !== null && Math.abs(changePercent) > largeChangePercent, unit };
  });
}
