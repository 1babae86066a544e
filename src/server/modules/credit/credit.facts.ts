/**
 * The credit module's own facts as they stood on a day: late annual reports (registered forms), penalties by amount
 * and count, and the unreachable address from the letters recorded. The job asks these with the registered
 * sources' facts (credit.sources.ts); the penalty listener judges one penalty at once with the same rules.
 */
import type { Db } from '../../db/types.js';
import type { PenaltyRow } from '../../db/types-rules.js';
import { PENALTY_KIND_LABELS } from '../../../shared/schemas/penalties.js';
import { fenToYuanText } from '../../../shared/schemas/money.js';
import { addDays, todayInChina } from '../../lib/working-days.js';
import { lateReports } from '../annual-reports/index.js';
import { findPenaltiesInForce } from '../penalties/index.js';
import { ruleInForce } from '../rules/index.js';
import type { CreditFact } from './credit.sources.js';
import * as repo from './credit.repository.js';
import { penaltyGrounds, unreachableFact, type PenaltyFacts } from './credit.policy.js';

/** A fact and the day the platform knew of it (the notice is dated no earlier). */
export type KnownFact = CreditFact & { knownOn: string };

/** Only the registered forms file annual reports with the registration authority (60号令 第十条第（一）项). */
const REGISTERED_FORMS = new Set(['social_group', 'social_service', 'foundation']);

/**
 * Reports not filed by their due date (registered forms; lateReports counts only the years a district ran its
 * reporting on the platform). The first day late is the fact's day; a late filing remedies it.
 */
export async function lateReportFacts(db: Db, on: string): Promise<KnownFact[]> {
  return (await lateReports(db, on))
    .filter((r) => REGISTERED_FORMS.has(r.legalForm))
    .map((r) => {
      const factOn = addDays(r.dueOn, 1);
      return {
        orgId: r.orgId,
        ground: 'credit.abnormal.annual_report',
        factOn,
        knownOn: factOn,
        evidence: r.submittedOn ? `${r.year} 年度工作报告应于 ${r.dueOn} 前报送，${r.submittedOn} 方才报送（逾期）` : `${r.year} 年度工作报告应于 ${r.dueOn} 前报送，逾期未报送`,
        subject: { kind: 'annual_report_year', id: r.year },
        remediedOn: r.submittedOn,
      };
    });
}

const toFacts = (p: PenaltyRow): PenaltyFacts => ({ id: Number(p.id), kind: p.kind, amountFen: p.amount_fen === null ? null : Number(p.amount_fen), decidedOn: p.decided_on });
const recordedOn = (p: PenaltyRow) => todayInChina(new Date(p.recorded_at));

export function describePenalty(p: PenaltyRow): string {
  const amount = p.amount_fen === null ? '' : ` ${fenToYuanText(Number(p.amount_fen))} 元`;
  return `${p.deciding_body}${p.decided_on}作出${PENALTY_KIND_LABELS[p.kind]}${amount}（${p.decision_no}）`;
}

/** The grounds one penalty makes, judged under the rules of its decision day with the org's district values. */
export async function factsOfPenalty(db: Db, penalty: PenaltyRow, earlier: readonly PenaltyRow[], districtId: number | null): Promise<KnownFact[]> {
  const on = penalty.decided_on;
  const [small, big, repeat] = await Promise.all([
    ruleInForce(db, 'credit.abnormal.small_penalty', { on, districtId }),
    ruleInForce(db, 'credit.dishonest.big_fine', { on, districtId }),
    ruleInForce(db, 'credit.dishonest.repeat_penalties', { on, districtId }),
  ]);
  const grounds = penaltyGrounds(toFacts(penalty), earlier.map(toFacts), {
    smallThresholdFen: Number(small.params.fineThresholdFen),
    bigThresholdFen: Number(big.params.fineThresholdFen),
    repeat: { count: Number(repeat.params.count), windowYears: Number(repeat.params.windowYears), fineThresholdFen: Number(repeat.params.fineThresholdFen) },
  });
  const knownOn = recordedOn(penalty) > on ? recordedOn(penalty) : on;
  return grounds.map((ground) => ({
    orgId: Number(penalty.org_id),
    ground,
    factOn: on,
    knownOn,
    evidence: ground === 'credit.dishonest.repeat_penalties' ? `三年内再次受到处罚：${describePenalty(penalty)}` : describePenalty(penalty),
    subject: { kind: 'penalty', id: Number(penalty.id) },
  }));
}

/** Penalties in force on the day and recorded by then (the platform knew of them), judged each under its own day. */
export async function penaltyFacts(db: Db, on: string): Promise<KnownFact[]> {
  const all = (await findPenaltiesInForce(db, { on })).filter((p) => recordedOn(p) <= on);
  const orgs = await repo.orgFacts(db, [...new Set(all.map((p) => Number(p.org_id)))]);
  const out: KnownFact[] = [];
  for (const p of all) {
    const earlier = all.filter((e) => e.org_id === p.org_id && e.decided_on <= p.decided_on && e.id !== p.id);
    out.push(...(await factsOfPenalty(db, p, earlier, orgs.get(Number(p.org_id))?.level3_id ?? null)));
  }
  return out;
}

export async function unreachableFacts(db: Db, on: string): Promise<KnownFact[]> {
  const letters = await repo.lettersOf(db);
  const byOrg = new Map<number, typeof letters>();
  for (const l of letters) byOrg.set(Number(l.org_id), [...(byOrg.get(Number(l.org_id)) ?? []), l]);
  const orgs = await repo.orgFacts(db, [...byOrg.keys()]);
  const out: KnownFact[] = [];
  for (const [orgId, own] of byOrg) {
    const rule = await ruleInForce(db, 'credit.abnormal.unreachable', { on, districtId: orgs.get(orgId)?.level3_id ?? null });
    const fact = unreachableFact(own.map((l) => ({ id: Number(l.id), sentOn: l.sent_on, signed: l.signed, outcomeOn: l.outcome_on })), on, rule.params as { letters: number; minGapDays: number; maxGapDays: number });
    if (fact) out.push({ orgId, ground: 'credit.abnormal.unreachable', factOn: fact.factOn, knownOn: fact.factOn, evidence: fact.explanation, subject: { kind: 'credit_letter', id: fact.letterId } });
  }
  return out;
}
