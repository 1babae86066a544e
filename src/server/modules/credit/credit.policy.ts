/**
 * The credit rules of 民政部令第60号 as pure functions (issue 14 item 3): which list a fact puts an organization on,
 * the timers of an entry, the two-letter rule of the unreachable ground, the penalty grounds by amount and count.
 * The numbers (threshold, years, days) come from the rules table through the caller (ruleInForce of the decisive
 * day, with the district's values); nothing here reads the clock.
 */
import type { CreditList } from '../../../shared/schemas/credit-public.js';
import type { PenaltyKind } from '../../../shared/schemas/penalties.js';
import type { WorkdayOverrides } from '../../../shared/schemas/settings.js';
import { addDays, addWorkingDays } from '../../lib/working-days.js';

export const listOfGround = (ground: string): CreditList => (ground.startsWith('credit.dishonest.') ? 'dishonest' : 'abnormal');

/**
 * A day plus whole years (or months): the day the period is full. 2024-02-29 + 2 years is 2026-02-28 (the month has
 * no 29th; the period is full at its last day), as the civil law counts a period by months and years.
 */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
export const addYears = (day: string, years: number) => addMonths(day, years * 12);

/** The notice's window and the record deadline, from the day of the notice and of the fact (working days). */
export function noticeTimers(input: { factOn: string; noticedOn: string; objectionWorkingDays: number; recordWorkingDays: number; overrides: WorkdayOverrides }) {
  return {
    objectionDueOn: addWorkingDays(input.noticedOn, input.objectionWorkingDays, input.overrides).due,
    recordDueOn: addWorkingDays(input.factOn, input.recordWorkingDays, input.overrides).due,
  };
}

/**
 * The day an entry in notice is listed: the day after the window closes, or, when an objection was heard and not
 * upheld, the day it was decided if that is later. Derived from the dates alone, so the job run any later day lists
 * it on the same day.
 */
export function listingDay(objectionDueOn: string, objectionRejectedOn: string | null): string {
  const after = addDays(objectionDueOn, 1);
  return objectionRejectedOn && objectionRejectedOn > after ? objectionRejectedOn : after;
}

/** Two full years on the abnormal list (credit.dishonest.abnormal_two_years): the day the entry moves. */
export const movesToSerialOn = (periodFrom: string, years: number) => addYears(periodFrom, years);

/** The day the period counts from on a day: the listing, or the latest restart by then. */
export function periodFromOn(listedOn: string, restarts: readonly { on: string }[], on: string): string {
  let from = listedOn;
  for (const r of restarts) if (r.on <= on && r.on > from) from = r.on;
  return from;
}

export interface PenaltyFacts {
  id: number;
  kind: PenaltyKind;
  amountFen: number | null;
  decidedOn: string;
}

/** A warning or a fine below the threshold: the abnormal ground, and what counts toward the repeat ground. */
export const isSmallPenalty = (p: Pick<PenaltyFacts, 'kind' | 'amountFen'>, fineThresholdFen: number) =>
  p.kind === 'warning' || (p.kind === 'fine' && (p.amountFen ?? 0) < fineThresholdFen);

export interface PenaltyRules {
  smallThresholdFen: number;
  bigThresholdFen: number;
  repeat: { count: number; windowYears: number; fineThresholdFen: number };
}

/**
 * The grounds one penalty makes, given the organization's earlier penalties in force on its day:
 * - a warning or a fine below ¥50,000 → abnormal (第十条第（五）项);
 * - a fine of ¥50,000 or more → serious (第十四条第（四）项);
 * - an order to stop activities → serious (第十四条第（三）项); registration revoked → serious (第十四条第（七）项);
 * - the second (count-th) warning or small fine within three years → serious (第十四条第（五）项). "Within three
 *   years": the earlier penalty's three years have not run out on the later one's day (earlier + 3 years > later),
 *   the same full-period count as "满2年".
 * Confiscation alone is no ground of 60号令.
 */
export function penaltyGrounds(penalty: PenaltyFacts, earlier: readonly PenaltyFacts[], rules: PenaltyRules): string[] {
  const out: string[] = [];
  if (penalty.kind === 'fine' && (penalty.amountFen ?? 0) >= rules.bigThresholdFen) out.push('credit.dishonest.big_fine');
  if (isSmallPenalty(penalty, rules.smallThresholdFen)) out.push('credit.abnormal.small_penalty');
  if (penalty.kind === 'suspension') out.push('credit.dishonest.suspension');
  if (penalty.kind === 'revocation') out.push('credit.dishonest.revoked');
  if (isSmallPenalty(penalty, rules.repeat.fineThresholdFen)) {
    const within = earlier.filter(
      (e) => e.id !== penalty.id && e.decidedOn <= penalty.decidedOn && isSmallPenalty(e, rules.repeat.fineThresholdFen) && addYears(e.decidedOn, rules.repeat.windowYears) > penalty.decidedOn,
    );
    if (within.length + 1 >= rules.repeat.count) out.push('credit.dishonest.repeat_penalties');
  }
  return out;
}

export interface LetterFacts {
  id: number;
  sentOn: string;
  signed: boolean;
  outcomeOn: string | null;
}

/**
 * Unreachable at the registered address (第十条第（六）项; 征求意见稿第十一条): two registered letters in a row not
 * signed for, the second sent 20 to 60 days after the first. Only letters whose outcome was known by the day count
 * (a letter still in the post is not yet unsigned). The fact's day is the day the second came back.
 */
export function unreachableFact(letters: readonly LetterFacts[], on: string, p: { letters: number; minGapDays: number; maxGapDays: number }): { letterId: number; factOn: string; explanation: string } | null {
  const known = letters.filter((l) => (l.outcomeOn ?? l.sentOn) <= on).sort((a, b) => a.sentOn.localeCompare(b.sentOn) || a.id - b.id);
  let run: LetterFacts[] = [];
  for (const letter of known) {
    if (letter.signed) {
      run = [];
      continue;
    }
    const prev = run[run.length - 1];
    if (prev) {
      const gap = daysBetween(prev.sentOn, letter.sentOn);
      if (gap < p.minGapDays) continue; // sent too soon after the last one: it does not count as the next attempt
      if (gap > p.maxGapDays) run = [];
    }
    run.push(letter);
    if (run.length >= p.letters) {
      const first = run[run.length - p.letters]!;
      return {
        letterId: letter.id,
        factOn: letter.outcomeOn ?? letter.sentOn,
        explanation: `${first.sentOn} 与 ${letter.sentOn} 两次向登记住所邮寄专用信函均无人签收，间隔 ${daysBetween(first.sentOn, letter.sentOn)} 日`,
      };
    }
  }
  return null;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The letters' state in words, for the page beside the letters (met or not, and why). */
export function unreachableExplanation(letters: readonly LetterFacts[], on: string, p: { letters: number; minGapDays: number; maxGapDays: number }): { met: boolean; explanation: string } {
  const fact = unreachableFact(letters, on, p);
  if (fact) return { met: true, explanation: fact.explanation };
  const unsigned = letters.filter((l) => !l.signed && l.sentOn <= on).length;
  return {
    met: false,
    explanation: unsigned === 0 ? '尚无无人签收的专用信函' : `已有 ${unsigned} 封无人签收；须连续两封无人签收且间隔 ${p.minGapDays}–${p.maxGapDays} 日`,
  };
}

export interface AutoRemovalInput {
  enabled: boolean;
  months: number;
  periodFrom: string;
  /** Every ground is remedied by the day or is one where nothing is to be fixed (a penalty suffered). */
  nothingToFix: boolean;
}

/** The day the district's automatic removal takes an abnormal entry off (credit.removal.auto), or null. */
export const autoRemovalOn = (i: AutoRemovalInput): string | null => (i.enabled && i.nothingToFix ? addMonths(i.periodFrom, i.months) : null);

/** Grounds where there is nothing to fix: the penalty is suffered, not remedied. */
export const NOTHING_TO_FIX: readonly string[] = ['credit.abnormal.small_penalty'];

/** Serious list: removal on application after N clean years from the (restarted) period (credit.removal.dishonest). */
export const dishonestRemovableFrom = (periodFrom: string, cleanYears: number) => addYears(periodFrom, cleanYears);

/** Removal on verified compliance: on or before the 5th working day after verification (credit.removal.compliance). */
export const complianceRemovalDue = (verifiedOn: string, workingDays: number, overrides: WorkdayOverrides) => addWorkingDays(verifiedOn, workingDays, overrides).due;
