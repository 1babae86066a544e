/**
 * The credit job (daily 02:00 China time; issue 14 item 4): asks every credit source and the module's own facts for
 * the day, judges each new fact (credit.engine.ts), then moves every open entry on to the day: listed when its
 * objection window closed, removed on the last of the 5 working days after verified compliance or by the district's
 * automatic removal, moved to the serious list after two full years. Each change goes in its own short transaction.
 *
 * Idempotent: facts are judged once (unique keys), and every date an entry gets follows from its facts and rules,
 * never from the day the job ran, so a second run changes nothing and a run for a past day gives that day's lists.
 * Before a fact is judged, its organization's entries are first moved on to the fact's day: a fact judged late (the
 * job did not run for a while) restarts a period exactly as it would have on its day.
 */
import type { Db } from '../../db/types.js';
import type { CreditEntryRow } from '../../db/types-credit.js';
import type { RequestContext } from '../../lib/context.js';
import type { CreditJobSummary } from '../../../shared/schemas/credit.js';
import { writeAudit } from '../../lib/audit.js';
import { addDays } from '../../lib/working-days.js';
import { defineJob } from '../jobs/index.js';
import { ruleInForce } from '../rules/index.js';
import { creditSources } from './credit.sources.js';
import { districtOf, jobContext, judgeFact } from './credit.engine.js';
import { lateReportFacts, penaltyFacts, unreachableFacts, type KnownFact } from './credit.facts.js';
import * as repo from './credit.repository.js';
import { autoRemovalOn, listingDay, movesToSerialOn, NOTHING_TO_FIX, periodFromOn } from './credit.policy.js';

type Step = 'listed' | 'moved' | 'removed';

/** The next thing due on an open entry by the day, with its day and rule; null when nothing is due yet. */
async function nextStep(db: Db, entry: CreditEntryRow, on: string): Promise<{ step: Step; day: string; ruleKey: string; reason: string } | null> {
  const { districtId } = await districtOf(db, Number(entry.org_id));
  if (entry.status === 'noticed') {
    const requests = (await repo.requestsOf(db, [Number(entry.id)])).filter((r) => r.kind === 'objection');
    if (requests.some((r) => r.status === 'pending')) return null; // heard first: the entry waits for the decision
    const rejected = requests.filter((r) => r.status === 'rejected' && r.decided_on).map((r) => r.decided_on!).sort().at(-1) ?? null;
    const day = listingDay(entry.objection_due_on, rejected);
    return day <= on ? { step: 'listed', day, ruleKey: entry.rule_key, reason: rejected ? '陈述申辩不成立，列入' : '告知期满未提出陈述申辩，列入' } : null;
  }
  const grounds = await repo.groundsOf(db, [Number(entry.id)]);
  const periodFrom = periodFromOn(entry.listed_on!, grounds.filter((g) => g.effect === 'restarted').map((g) => ({ on: g.fact_on })), on);
  const candidates: { step: Step; day: string; ruleKey: string; reason: string }[] = [];
  if (entry.removal_due_on) candidates.push({ step: 'removed', day: entry.removal_due_on, ruleKey: 'credit.removal.compliance', reason: `${entry.compliance_verified_on} 查实已履行义务或完成整改，5 个工作日内移出` });
  if (entry.list === 'abnormal') {
    const years = Number((await ruleInForce(db, 'credit.dishonest.abnormal_two_years', { on: periodFrom, districtId })).params.years);
    candidates.push({ step: 'moved', day: movesToSerialOn(periodFrom, years), ruleKey: 'credit.dishonest.abnormal_two_years', reason: `自 ${periodFrom} 起列入活动异常名录满 ${years} 年` });
    const auto = await ruleInForce(db, 'credit.removal.auto', { on, districtId });
    const candidate = autoRemovalOn({ enabled: auto.params.enabled === true, months: Number(auto.params.months), periodFrom, nothingToFix: true });
    if (candidate) {
      const nothingToFix = grounds.every((g) => g.fact_on > candidate || NOTHING_TO_FIX.includes(g.rule_key) || (g.remedied_on !== null && g.remedied_on <= candidate));
      if (nothingToFix) candidates.push({ step: 'removed', day: candidate, ruleKey: auto.key, reason: `列入满 ${auto.params.months} 个月且无需整改，自动移出（本区启用）` });
    }
  }
  const due = candidates.filter((c) => c.day <= on).sort((a, b) => a.day.localeCompare(b.day) || (a.step === 'removed' ? -1 : 1));
  return due[0] ?? null;
}

/** Takes one due step on an entry; true when it changed. */
async function advance(trx: Db, ctx: RequestContext, entry: CreditEntryRow, on: string, audited: boolean): Promise<boolean> {
  const next = await nextStep(trx, entry, on);
  if (!next) return false;
  const id = Number(entry.id);
  const patch =
    next.step === 'listed' ? { status: 'listed' as const, listed_on: next.day, period_from: next.day }
    : next.step === 'moved' ? { status: 'moved' as const, moved_on: next.day }
    : { status: 'removed' as const, removed_on: next.day, removal_rule_key: next.ruleKey, removal_reason: next.reason };
  if (!(await repo.updateEntry(trx, id, entry.version, patch))) return false;
  await repo.insertEvent(trx, { entry_id: id, kind: next.step, on_day: next.day, rule_key: next.ruleKey, reason: next.reason, actor_id: ctx.actor?.id ?? null });
  if (audited) await writeAudit(trx, ctx, { action: `credit.${next.step === 'listed' ? 'list' : next.step === 'moved' ? 'move' : 'remove'}`, entityType: 'credit_entry', entityId: id, oldValue: { status: entry.status }, newValue: { ...patch }, ...(ctx.actor ? {} : { actorName: '信用规则任务' }) });
  if (next.step === 'moved') {
    await judgeFact(trx, ctx, { orgId: Number(entry.org_id), ground: 'credit.dishonest.abnormal_two_years', factOn: next.day, evidence: next.reason, subject: { kind: 'credit_entry', id } }, { noticedOn: next.day, audited });
  }
  return true;
}

/** Moves an organization's open entries (or every one) on to a day, step by step until nothing more is due. */
export async function advanceEntries(trx: Db, ctx: RequestContext, on: string, orgId?: number, audited = true): Promise<Record<Step, number>> {
  const counts = { listed: 0, moved: 0, removed: 0 };
  for (let round = 0; round < 10; round++) {
    const open = await repo.openEntries(trx, orgId);
    let changed = false;
    for (const entry of open) {
      const before = entry.status;
      if (await advance(trx, ctx, entry, on, audited)) {
        changed = true;
        const after = (await repo.findEntry(trx, Number(entry.id)))!.status;
        if (after !== before) counts[after === 'listed' ? 'listed' : after === 'moved' ? 'moved' : 'removed']++;
      }
    }
    if (!changed) break;
  }
  return counts;
}

/** Every fact known on the day: the module's own, then the registered sources' (in a stable order). */
export async function factsOn(db: Db, on: string): Promise<KnownFact[]> {
  const own = [...(await lateReportFacts(db, on)), ...(await penaltyFacts(db, on)), ...(await unreachableFacts(db, on))];
  for (const source of creditSources()) own.push(...(await source.facts(db, on)).map((f) => ({ ...f, knownOn: f.factOn })));
  return own
    .filter((f) => f.factOn <= on)
    .sort((a, b) => a.factOn.localeCompare(b.factOn) || a.orgId - b.orgId || a.ground.localeCompare(b.ground) || a.subject.kind.localeCompare(b.subject.kind) || a.subject.id - b.subject.id);
}

export async function runCreditRules(db: Db, on: string): Promise<CreditJobSummary> {
  const ctx = jobContext(on);
  const summary: CreditJobSummary = { on, entered: 0, restarted: 0, proposed: 0, listed: 0, moved: 0, removed: 0 };
  for (const fact of await factsOn(db, on)) {
    await db.transaction().execute(async (trx) => {
      const moved = await advanceEntries(trx, ctx, addDays(fact.factOn, -1), fact.orgId);
      summary.listed += moved.listed;
      summary.moved += moved.moved;
      summary.removed += moved.removed;
      const { effect } = await judgeFact(trx, ctx, fact, { noticedOn: fact.knownOn });
      if (effect === 'opened') summary.entered++;
      if (effect === 'restarted') summary.restarted++;
      if (effect === 'proposed') summary.proposed++;
      if (fact.remediedOn && fact.remediedOn <= on) {
        const ground = (await repo.groundsOfOrg(trx, fact.orgId)).find((g) => g.rule_key === fact.ground && g.subject_kind === fact.subject.kind && Number(g.subject_id) === fact.subject.id);
        if (ground && ground.remedied_on === null) await repo.setGroundRemedied(trx, Number(ground.id), fact.remediedOn);
      }
    });
  }
  const rest = await db.transaction().execute((trx) => advanceEntries(trx, ctx, on));
  summary.listed += rest.listed;
  summary.moved += rest.moved;
  summary.removed += rest.removed;
  return summary;
}

export const CREDIT_JOB = defineJob({
  name: 'credit',
  label: '信用名录规则（活动异常名录、严重违法失信名单）',
  schedule: '0 2 * * *',
  run: async (db, { period }) => ({ ...(await runCreditRules(db, period)) }),
});
