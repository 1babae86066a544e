import type { RiskKind, RiskLevel } from '../signals/index.js';
import type { RiskOutcome, RiskStatus } from '../../db/types-risks.js';
import { addDays } from '../../lib/working-days.js';

/**
 * The rules of a risk item (issue 14 item 5), pure: its level, its due date, the node that follows it up, and which
 * step may come next. The parameters come from the rules table (risk.level, risk.due, risk.interview: migration
 * 0024), read for the decisive day by the caller.
 */

const LEVELS: RiskLevel[] = ['low', 'medium', 'high'];
const rank = (l: RiskLevel) => LEVELS.indexOf(l) + 1;

/** The district's floor for the kind (risk.level: 1 low … 3 high) raises the source's own level, never lowers it. */
export function levelOf(kind: RiskKind, sourceLevel: RiskLevel, levelParams: Record<string, unknown>): RiskLevel {
  const floor = Number(levelParams[kind] ?? 1);
  const n = Math.max(rank(sourceLevel), Number.isInteger(floor) && floor >= 1 && floor <= 3 ? floor : 1);
  return LEVELS[n - 1]!;
}

/**
 * The day the item is to be closed by: the deadline the evidence itself sets (a spot check's rectification deadline),
 * else the day it was detected plus the district's days for the kind (risk.due).
 */
export function dueOnOf(kind: RiskKind, detectedOn: string, dueParams: Record<string, unknown>, signalDueOn?: string | null): string {
  if (signalDueOn) return signalDueOn;
  const days = Number(dueParams[kind] ?? 30);
  return addDays(detectedOn, Number.isInteger(days) && days > 0 ? days : 30);
}

export interface OrgPlacement {
  legal_form: string;
  region_id: number;
  level3_id: number | null;
  level4_id: number | null;
  level5_id: number | null;
}

/** Kinds the registration authority itself follows up for a registered organization (annual inspection, 换届, address, spot checks, credit). */
const DISTRICT_KINDS: ReadonlySet<RiskKind> = new Set(['annual_report_overdue', 'term_overdue', 'unreachable', 'inspection_problem', 'credit_entry']);
const REGISTERED = new Set(['social_group', 'social_service', 'foundation']);

/**
 * The owner node (rule risk.owner, migration 0024): a filed or grassroots organization is the community's (its
 * community, else the nearest node above it); a registered one is the district registration authority's for the
 * kinds that are the authority's own business (DISTRICT_KINDS), and its street's for the daily ones (dormancy, an
 * activity summary, a complaint), the district's where it has no street.
 */
export function ownerNodeOf(kind: RiskKind, org: OrgPlacement): number {
  const nearest = (...ids: (number | null)[]) => Number(ids.find((id) => id !== null && id !== undefined) ?? org.region_id);
  if (!REGISTERED.has(org.legal_form)) return nearest(org.level5_id, org.level4_id, org.level3_id);
  if (DISTRICT_KINDS.has(kind)) return nearest(org.level3_id);
  return nearest(org.level4_id, org.level3_id);
}

export type RiskAction = 'remind' | 'interviewNotice' | 'interviewRecord' | 'report' | 'verify' | 'close';

/**
 * The order of the steps: reminder → interview notice → interview record with the rectification notice →
 * rectification report → verification. A reminder may be skipped (the owner summons at once); a failed verification
 * sends the organization back to rectify; an item may be closed at any step (with its outcome).
 */
const NEXT: Record<Exclude<RiskAction, 'close'>, readonly RiskStatus[]> = {
  remind: ['open', 'reminded'],
  interviewNotice: ['open', 'reminded'],
  interviewRecord: ['interview_noticed'],
  report: ['rectifying'],
  verify: ['reported'],
};

export function canTake(action: RiskAction, status: RiskStatus): boolean {
  if (status === 'closed') return false;
  if (action === 'close') return true;
  return NEXT[action].includes(status);
}

export interface ClosingFacts {
  status: RiskStatus;
  signal_ended_on: string | null;
  rectify_due_on: string | null;
  remedied_on: string | null;
}

/**
 * The outcomes an item may be closed with today. 整改到位 needs evidence: a passed verification, or the signal itself
 * ended (the report filed, an activity recorded). 未整改到位转信用 needs a rectification deadline that has passed
 * unremedied (its credit proposal is the credit source's, credit.abnormal.rectification). The others are always open
 * to the owner's judgment, with their note.
 */
export function outcomesFor(item: ClosingFacts, today: string): RiskOutcome[] {
  if (item.status === 'closed') return [];
  const out: RiskOutcome[] = [];
  if (item.status === 'verified' || item.signal_ended_on !== null) out.push('fixed');
  if (item.rectify_due_on !== null && item.rectify_due_on < today && item.remedied_on === null) out.push('not_fixed_credit');
  out.push('org_deregistered', 'false_alarm', 'transferred');
  return out;
}

/** Open and past its due date on a day. */
export const isOverdue = (item: { status: RiskStatus; due_on: string }, today: string) => item.status !== 'closed' && item.due_on < today;

/**
 * The rectification fact for the credit rules (民政部令第60号 art. 10(3)), as it stood on a day: a rectification
 * notice was given with a deadline, and the deadline passed without a verified rectification by then. The fact
 * arises the day after the deadline; remedied on the verification day, if that came by `on`.
 */
export function rectificationOverdue(
  item: { interviewed_on: string | null; rectify_due_on: string | null; remedied_on: string | null },
  on: string,
): { factOn: string; remediedOn: string | null } | null {
  if (!item.interviewed_on || !item.rectify_due_on || item.interviewed_on > on) return null;
  const factOn = addDays(item.rectify_due_on, 1);
  if (factOn > on) return null;
  if (item.remedied_on !== null && item.remedied_on <= item.rectify_due_on) return null;
  return { factOn, remediedOn: item.remedied_on !== null && item.remedied_on <= on ? item.remedied_on : null };
}

/** 换届 overdue on a day: the last election plus the charter's term lies before it. */
export function termOverdueOn(lastElectionOn: string | null, termYears: number | null, on: string): string | null {
  if (!lastElectionOn || !termYears) return null;
  const [y, m, d] = lastElectionOn.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + termYears, m - 1, d));
  // 29 February plus whole years lands on 1 March where the year has none.
  const endText = end.toISOString().slice(0, 10);
  const detected = addDays(endText, 1);
  return detected <= on ? detected : null;
}
