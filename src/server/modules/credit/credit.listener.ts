/**
 * Penalties act on the lists at once (within the 5 working days of credit.record_deadline), in the transaction that
 * records the penalty: a ¥60,000 fine is on the serious list in notice (告知中) the moment it is saved. The job judges
 * the same facts with the same keys, so it finds them judged. An annulled penalty takes back what it alone caused:
 * a notice is withdrawn, a listing removed with the reason.
 */
import type { Db } from '../../db/types.js';
import type { PenaltyRow } from '../../db/types-rules.js';
import type { RequestContext } from '../../lib/context.js';
import { todayInChina } from '../../lib/working-days.js';
import { findPenaltiesInForce } from '../penalties/index.js';
import * as repo from './credit.repository.js';
import { districtOf, judgeFact } from './credit.engine.js';
import { advanceEntries } from './credit.job.js';
import { factsOfPenalty } from './credit.facts.js';

export async function onPenalty(trx: Db, ctx: RequestContext, penalty: PenaltyRow, event: 'recorded' | 'annulled' | 'carried_out'): Promise<void> {
  const orgId = Number(penalty.org_id);
  const today = todayInChina();
  if (event === 'recorded') {
    const earlier = (await findPenaltiesInForce(trx, { on: penalty.decided_on, orgIds: [orgId] })).filter((p) => Number(p.id) !== Number(penalty.id));
    const { districtId } = await districtOf(trx, orgId);
    await advanceEntries(trx, ctx, today, orgId, false);
    for (const fact of await factsOfPenalty(trx, penalty, earlier, districtId)) await judgeFact(trx, ctx, fact, { noticedOn: today > fact.knownOn ? today : fact.knownOn, audited: false });
    return;
  }
  if (event !== 'annulled') return;
  const grounds = (await repo.groundsOfOrg(trx, orgId)).filter((g) => g.subject_kind === 'penalty' && Number(g.subject_id) === Number(penalty.id));
  for (const entryId of new Set(grounds.map((g) => Number(g.entry_id)))) {
    const entry = await repo.findEntry(trx, entryId);
    if (!entry || (entry.status !== 'noticed' && entry.status !== 'listed')) continue;
    const all = await repo.groundsOf(trx, [entryId]);
    // Another ground still stands: the entry stays (its period is not taken back).
    if (all.some((g) => !(g.subject_kind === 'penalty' && Number(g.subject_id) === Number(penalty.id)))) continue;
    const reason = `处罚决定（${penalty.decision_no}）已被撤销：${penalty.annul_reason ?? ''}`;
    const patch = entry.status === 'noticed' ? { status: 'withdrawn' as const, withdrawn_on: today } : { status: 'removed' as const, removed_on: today, removal_reason: reason, removal_rule_key: null };
    if (!(await repo.updateEntry(trx, entryId, entry.version, patch))) throw new Error('credit entry changed during annulment');
    await repo.insertEvent(trx, { entry_id: entryId, kind: entry.status === 'noticed' ? 'withdrawn' : 'removed', on_day: today, rule_key: null, reason, actor_id: ctx.actor?.id ?? null });
  }
}
