import dayjs, { type Dayjs } from 'dayjs';
import { fenToYuanText, yuanToFen } from '../../../shared/schemas/money.js';
import {
  EXPENSE_CATEGORIES_BY_FORM,
  INCOME_CATEGORIES_BY_FORM,
  requiredReportFieldsOf,
  type AnnualReportSections,
  type ReportingForm,
  type SectionKey,
} from '../../../shared/schemas/annual-reports.js';
import type { AnnualReport, AnnualReportDiff } from './annual-reports.api.js';

// The report form's data rules, apart from the page: the stored sections to the form's values (money in yuan as
// typed, dates as dayjs) and back (fen via yuanToFen, `YYYY-MM-DD`), and the live checks shown beside the fields and
// in the summary before submission. The server checks the same on save and submission; these answer as one types.

export type Path = (string | number)[];
type Money = string | undefined;
export interface Values {
  basic: Record<string, unknown> & { foundedOn?: Dayjs | null };
  activities: { claimedCount?: number | null; participants?: number | null; volunteerHours?: number | null; summary?: string | null };
  finances: {
    income: Record<string, Money>;
    incomeTotal?: Money;
    expenses: Record<string, Money>;
    expenseTotal?: Money;
    assets?: Money;
    liabilities?: Money;
    netAssets?: Money;
  };
  members?: { individual?: number | null; unit?: number | null; joined?: number | null; left?: number | null };
  governance: {
    leaderChanges: { role?: string; formerName?: string | null; newName?: string; changedOn?: Dayjs | null; idNumber?: string | null; phone?: string | null }[];
    councilMeetings?: number | null;
    memberAssemblies?: number | null;
    lastElectionOn?: Dayjs | null;
    termYears?: number | null;
    electionHeldThisYear?: boolean | null;
  };
  declaration: { signerName?: string | null; signedOn?: Dayjs | null };
}

/**
 * The fields a submission needs: the server's list for the report's legal form (REQUIRED_REPORT_FIELDS, shared), plus
 * every income and expense item ("没有填 0") and the signed declaration page. A draft saves without them; the form
 * marks them so the filer sees what is still owed.
 */
export const isRequired = (field: string, form: ReportingForm) =>
  requiredReportFieldsOf(form).some((r) => r.path === field) || /^finances\.(income|expenses)\./.test(field) || field === 'declarationScan';

/** The sections the form edits; party organization and funding received are prefilled later (read-only notes). */
export const EDITED_SECTIONS: SectionKey[] = ['basic', 'activities', 'finances', 'members', 'governance', 'declaration'];

const toDay = (v: unknown): Dayjs | null => (typeof v === 'string' && v ? dayjs(v) : null);
const fromDay = (v: Dayjs | null | undefined): string | null => (v && dayjs.isDayjs(v) && v.isValid() ? v.format('YYYY-MM-DD') : null);
const yuan = (fen: unknown): Money => (typeof fen === 'number' ? fenToYuanText(fen) : undefined);
const moneyMap = (keys: readonly string[], stored: Record<string, unknown> | undefined) => Object.fromEntries(keys.map((k) => [k, yuan(stored?.[k])]));

export const sectionsOfReport = (r: AnnualReport) => r.sections as unknown as AnnualReportSections;

/** The stored report as the form's values. */
export function valuesOf(r: AnnualReport): Values {
  const s = sectionsOfReport(r);
  const form = r.legalForm;
  return {
    basic: { ...s.basic, foundedOn: toDay(s.basic.foundedOn) },
    activities: { ...s.activities },
    finances: {
      income: moneyMap(INCOME_CATEGORIES_BY_FORM[form], s.finances.income),
      incomeTotal: yuan(s.finances.incomeTotal),
      expenses: moneyMap(EXPENSE_CATEGORIES_BY_FORM[form], s.finances.expenses),
      expenseTotal: yuan(s.finances.expenseTotal),
      assets: yuan(s.finances.assets),
      liabilities: yuan(s.finances.liabilities),
      netAssets: yuan(s.finances.netAssets),
    },
    ...(s.members ? { members: { ...s.members } } : {}),
    governance: {
      ...s.governance,
      leaderChanges: s.governance.leaderChanges.map((c) => ({ ...c, changedOn: toDay(c.changedOn) })),
      lastElectionOn: toDay(s.governance.lastElectionOn),
    },
    declaration: { ...s.declaration, signedOn: toDay(s.declaration.signedOn) },
  };
}

/** An amount typed in yuan: fen, null when empty, undefined when it is not an amount of money (the field says why). */
export function fenOf(v: Money): number | null | undefined {
  if (v === undefined || v === null || String(v).trim() === '') return null;
  const fen = yuanToFen(v);
  return fen === null || fen < 0 ? undefined : fen;
}
const count = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null);
const textOf = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/**
 * The form's values as the sections to save. A field that fails its rule (a negative amount, letters in a count)
 * keeps what was saved before, so a draft saves everything else (issue 22 item 3).
 */
export function sectionsOf(v: Values, r: AnnualReport): Partial<Record<SectionKey, unknown>> {
  const saved = sectionsOfReport(r);
  const form: ReportingForm = r.legalForm;
  const money = (typed: Money, before: number | null | undefined) => {
    const fen = fenOf(typed);
    return fen === undefined ? (before ?? null) : fen;
  };
  const countOr = (typed: unknown, before: number | null | undefined) => (typed === null || typed === undefined ? null : (count(typed) ?? before ?? null));
  const out: Partial<Record<SectionKey, unknown>> = {
    basic: {
      ...saved.basic,
      ...Object.fromEntries(['name', 'creditCode', 'address', 'supervisingUnit', 'leaderName', 'leaderPhone', 'venue'].map((k) => [k, textOf(v.basic[k])])),
      foundedOn: fromDay(v.basic.foundedOn),
      staffCount: countOr(v.basic.staffCount, saved.basic.staffCount),
    },
    activities: {
      claimedCount: countOr(v.activities.claimedCount, saved.activities.claimedCount),
      participants: countOr(v.activities.participants, saved.activities.participants),
      volunteerHours: countOr(v.activities.volunteerHours, saved.activities.volunteerHours),
      summary: textOf(v.activities.summary),
    },
    finances: {
      income: Object.fromEntries(INCOME_CATEGORIES_BY_FORM[form].map((k) => [k, money(v.finances.income?.[k], saved.finances.income[k])])),
      incomeTotal: money(v.finances.incomeTotal, saved.finances.incomeTotal),
      expenses: Object.fromEntries(EXPENSE_CATEGORIES_BY_FORM[form].map((k) => [k, money(v.finances.expenses?.[k], saved.finances.expenses[k])])),
      expenseTotal: money(v.finances.expenseTotal, saved.finances.expenseTotal),
      assets: money(v.finances.assets, saved.finances.assets),
      liabilities: money(v.finances.liabilities, saved.finances.liabilities),
      netAssets: money(v.finances.netAssets, saved.finances.netAssets),
    },
    governance: {
      // A row needs its position and the new person (the server's rule); a half-typed row waits for the next save.
      leaderChanges: (v.governance.leaderChanges ?? [])
        .filter((c) => textOf(c?.role) && textOf(c?.newName))
        .map((c) => ({ role: textOf(c.role), formerName: textOf(c.formerName), newName: textOf(c.newName), idNumber: c.idNumber ?? null, phone: c.phone ?? null, changedOn: fromDay(c.changedOn) })),
      councilMeetings: countOr(v.governance.councilMeetings, saved.governance.councilMeetings),
      memberAssemblies: countOr(v.governance.memberAssemblies, saved.governance.memberAssemblies),
      lastElectionOn: fromDay(v.governance.lastElectionOn),
      termYears: v.governance.termYears === null || v.governance.termYears === undefined ? null : Number.isInteger(v.governance.termYears) && v.governance.termYears >= 1 && v.governance.termYears <= 10 ? v.governance.termYears : (saved.governance.termYears ?? null),
      electionHeldThisYear: typeof v.governance.electionHeldThisYear === 'boolean' ? v.governance.electionHeldThisYear : null,
    },
    declaration: { signerName: textOf(v.declaration.signerName), signedOn: fromDay(v.declaration.signedOn) },
  };
  if (r.sectionKeys.includes('members') && saved.members) {
    const m = v.members ?? {};
    out.members = {
      individual: countOr(m.individual, saved.members.individual),
      unit: countOr(m.unit, saved.members.unit),
      joined: countOr(m.joined, saved.members.joined),
      left: countOr(m.left, saved.members.left),
    };
  }
  return out;
}

/** A server check's dotted field (`finances.income.donations`) as the form's path. */
export const pathOf = (field: string): Path => field.replace(/^sections\./, '').split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

// ---- Live checks ----

export type LiveCheckCode = 'sum' | 'balance' | 'ledger' | 'largeChange' | 'election';
export interface LiveCheck {
  field: string;
  level: 'error' | 'warning';
  code: LiveCheckCode;
  vars: Record<string, string | number>;
}

const yuanText = (fen: number) => fenToYuanText(fen);
const valueAt = (v: Values, field: string): unknown => pathOf(field).reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), v);

/**
 * What the form's figures say as one types: the income and expense items add up to their totals, assets less
 * liabilities are the net assets, the activity count against the ledger, a large change from last year, and an
 * election (换届) due by the term.
 */
export function liveChecks(v: Values | undefined, ctx: { report: AnnualReport; diff?: AnnualReportDiff }): LiveCheck[] {
  if (!v?.finances) return [];
  const out: LiveCheck[] = [];
  const f = v.finances;
  const adds = (items: Record<string, Money> | undefined, total: Money, field: string, what: 'sumIncome' | 'sumExpense') => {
    const t = fenOf(total);
    const parts = Object.values(items ?? {}).map(fenOf);
    if (t === null || t === undefined || parts.some((p) => p === undefined) || parts.every((p) => p === null)) return;
    const sum = parts.reduce<number>((s, p) => s + (p ?? 0), 0);
    if (sum !== t) out.push({ field, level: 'error', code: 'sum', vars: { what, sum: yuanText(sum), total: yuanText(t) } });
  };
  adds(f.income, f.incomeTotal, 'finances.incomeTotal', 'sumIncome');
  adds(f.expenses, f.expenseTotal, 'finances.expenseTotal', 'sumExpense');
  const [a, l, n] = [fenOf(f.assets), fenOf(f.liabilities), fenOf(f.netAssets)];
  if (typeof a === 'number' && typeof l === 'number' && typeof n === 'number' && a - l !== n) {
    out.push({ field: 'finances.netAssets', level: 'error', code: 'balance', vars: { diff: yuanText(a - l), net: n < 0 ? `-${yuanText(-n)}` : yuanText(n) } });
  }
  const claimed = v.activities?.claimedCount;
  if (typeof claimed === 'number' && claimed !== ctx.report.ledgerActivityCount) {
    out.push({ field: 'activities.claimedCount', level: 'warning', code: 'ledger', vars: { claimed, ledger: ctx.report.ledgerActivityCount } });
  }
  const limit = ctx.diff?.largeChangePercent;
  for (const item of ctx.diff?.items ?? []) {
    if (limit === undefined || item.lastYear === null || item.lastYear === 0) continue;
    const raw = valueAt(v, item.field);
    const now = item.unit === 'fen' ? fenOf(raw as Money) : count(raw);
    if (typeof now !== 'number') continue;
    // As the server's diff reckons it (annual-reports.policy.ts diffOf): two decimals, then compared with the limit.
    const pct = Math.round(((now - item.lastYear) / Math.abs(item.lastYear)) * 10000) / 100;
    if (Math.abs(pct) > limit) {
      out.push({ field: item.field, level: 'warning', code: 'largeChange', vars: { pct: pct > 0 ? `+${pct}` : String(pct), last: item.unit === 'fen' ? yuanText(item.lastYear) : item.lastYear, limit } });
    }
  }
  const g = v.governance;
  if (g?.lastElectionOn && dayjs.isDayjs(g.lastElectionOn) && typeof g.termYears === 'number' && g.electionHeldThisYear !== true) {
    if (!g.lastElectionOn.add(g.termYears, 'year').isAfter(dayjs(`${ctx.report.year}-12-31`), 'day')) {
      out.push({ field: 'governance.lastElectionOn', level: 'warning', code: 'election', vars: {} });
    }
  }
  return out;
}
