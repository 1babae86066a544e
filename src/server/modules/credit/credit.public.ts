/**
 * What other modules and the public read (issue 14 item 3 "Consequences"): the entries in force on a day, the one
 * eligibility answer (evaluation, funding, government purchase), the public register's credit part (listed, removed
 * and moved entries; never a notice not yet listed), and the risk signals of a listed entry and an unreachable address.
 */
import type { Db } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { requireOrgAccess } from '../../lib/access.js';
import { errors } from '../../lib/errors.js';
import { todayInChina } from '../../lib/working-days.js';
import { CREDIT_LIST_LABELS, ELIGIBILITY_PURPOSES, type CreditList, type Eligibility, type PublicCreditEntry } from '../../../shared/schemas/credit-public.js';
import type { RuleBasis } from '../../../shared/schemas/rules.js';
import { PENALTY_KIND_LABELS } from '../../../shared/schemas/penalties.js';
import { findPenaltiesInForce } from '../penalties/index.js';
import { findOrgById } from '../orgs/index.js';
import { basisOf } from '../rules/index.js';
import * as repo from './credit.repository.js';
import type { EntryWithOrg } from './credit.repository.js';
import { ruleCache } from './credit.mapping.js';
import { periodFromOn } from './credit.policy.js';

export interface EntryInForce {
  id: number;
  orgId: number;
  list: CreditList;
  /** As things stood that day: in notice (告知中) or listed. */
  status: 'noticed' | 'listed';
  ground: string;
  groundLabel: string;
  basis: RuleBasis;
  noticedOn: string;
  listedOn: string | null;
  periodFrom: string | null;
}

/** The state of an entry on a day, from its dates alone (so a past day reads as it stood). */
function statusOn(e: EntryWithOrg, on: string): 'noticed' | 'listed' | 'ended' | 'not_yet' {
  if (e.noticed_on > on) return 'not_yet';
  const ended = [e.removed_on, e.moved_on, e.withdrawn_on].some((d) => d !== null && d <= on);
  if (ended) return 'ended';
  return e.listed_on !== null && e.listed_on <= on ? 'listed' : 'noticed';
}

/** Entries open on a day (in notice or listed), as things stood that day. */
export async function entriesInForce(db: Db, opts: { on: string; orgIds?: number[] }): Promise<EntryInForce[]> {
  const rows = await repo.entriesNoticedBy(db, opts.on, opts.orgIds);
  const grounds = await repo.groundsOf(db, rows.map((r) => Number(r.id)));
  const rules = ruleCache(db);
  const out: EntryInForce[] = [];
  for (const e of rows) {
    const status = statusOn(e, opts.on);
    if (status !== 'noticed' && status !== 'listed') continue;
    const rule = await rules(e.rule_key, e.rule_on, e.level3_id === null ? null : Number(e.level3_id));
    const restarts = grounds.filter((g) => Number(g.entry_id) === Number(e.id) && g.effect === 'restarted').map((g) => ({ on: g.fact_on }));
    out.push({
      id: Number(e.id), orgId: Number(e.org_id), list: e.list, status, ground: e.rule_key, groundLabel: rule.title, basis: basisOf(rule, e.rule_on), noticedOn: e.noticed_on,
      listedOn: status === 'listed' ? e.listed_on : null, periodFrom: status === 'listed' ? periodFromOn(e.listed_on!, restarts, opts.on) : null,
    });
  }
  return out;
}

/**
 * May the organization take part in evaluation, apply for funding, take on government purchase on the day? Not
 * while listed on either list (eligibility.credit), nor while a penalty is not carried out (eligibility.penalty_
 * unfinished; a warning has nothing to carry out). A notice not yet listed does not exclude.
 */
export async function eligibility(db: Db, orgId: number, opts: { on?: string } = {}): Promise<Eligibility> {
  const on = opts.on ?? todayInChina();
  const org = await findOrgById(db, orgId);
  const districtId = org?.level3_id == null ? null : Number(org.level3_id);
  const rules = ruleCache(db);
  const reasons: { text: string; basis: RuleBasis }[] = [];
  const listed = (await entriesInForce(db, { on, orgIds: [orgId] })).filter((e) => e.status === 'listed');
  if (listed.length) {
    const basis = basisOf(await rules('eligibility.credit', on, districtId), on);
    for (const e of listed) reasons.push({ text: `自 ${e.listedOn} 起列入${CREDIT_LIST_LABELS[e.list]}（${e.groundLabel}）`, basis });
  }
  const unfinished = (await findPenaltiesInForce(db, { on, orgIds: [orgId] })).filter((p) => p.kind !== 'warning' && (p.carried_out_on === null || p.carried_out_on > on));
  if (unfinished.length) {
    const basis = basisOf(await rules('eligibility.penalty_unfinished', on, districtId), on);
    for (const p of unfinished) reasons.push({ text: `${p.decided_on} ${p.deciding_body}作出的${PENALTY_KIND_LABELS[p.kind]}（${p.decision_no}）尚未执行完毕`, basis });
  }
  const purpose = { eligible: reasons.length === 0, reasons };
  return { orgId, on, eligible: reasons.length === 0, purposes: Object.fromEntries(ELIGIBILITY_PURPOSES.map((k) => [k, purpose])) as Eligibility['purposes'] };
}

export async function eligibilityFor(db: Db, ctx: RequestContext, orgId: number, on: string | undefined): Promise<Eligibility> {
  const org = await findOrgById(db, orgId);
  if (!org) throw errors.notFound('org');
  await requireOrgAccess(db, ctx.actor, 'credit.read', org);
  return eligibility(db, orgId, { on });
}

/** The public register's part: every entry that was listed (current and past), with its ground and days. */
export async function publicCredit(db: Db, orgId: number): Promise<PublicCreditEntry[]> {
  const today = todayInChina();
  const rows = (await repo.entriesNoticedBy(db, today, [orgId])).filter((e) => e.listed_on !== null && e.listed_on <= today);
  const grounds = await repo.groundsOf(db, rows.map((r) => Number(r.id)));
  const rules = ruleCache(db);
  return Promise.all(
    rows.map(async (e) => {
      const rule = await rules(e.rule_key, e.rule_on, e.level3_id === null ? null : Number(e.level3_id));
      const restarts = grounds.filter((g) => Number(g.entry_id) === Number(e.id) && g.effect === 'restarted').map((g) => ({ on: g.fact_on }));
      return {
        id: Number(e.id), list: e.list, listLabel: CREDIT_LIST_LABELS[e.list], ground: rule.title, basis: basisOf(rule, e.rule_on), listedOn: e.listed_on!,
        periodFrom: periodFromOn(e.listed_on!, restarts, today), removedOn: e.removed_on, removalReason: e.removal_reason, movedOn: e.moved_on,
      };
    }),
  );
}

/** Listed entries as risk signals (credit_entry): detected the day listed, resolved the day removed or moved. */
export async function creditEntrySignals(db: Db, on: string) {
  const rows = (await repo.entriesNoticedBy(db, on)).filter((e) => e.listed_on !== null && e.listed_on <= on);
  const rules = ruleCache(db);
  return Promise.all(
    rows.map(async (e) => {
      const ended = [e.removed_on, e.moved_on].filter((d): d is string => d !== null && d <= on)[0] ?? null;
      const rule = await rules(e.rule_key, e.rule_on, e.level3_id === null ? null : Number(e.level3_id));
      return {
        orgId: Number(e.org_id), kind: 'credit_entry' as const, detectedOn: e.listed_on!, evidence: `列入${CREDIT_LIST_LABELS[e.list]}：${rule.title}（${e.notice_no}）`,
        subject: { kind: 'credit_entry', id: Number(e.id) }, level: e.list === 'dishonest' ? ('high' as const) : ('medium' as const), resolvedOn: ended,
      };
    }),
  );
}

/** The first unsigned letter (unreachable): detected the day it came back, resolved by a later signed one. */
export async function unreachableSignals(db: Db, on: string) {
  const letters = (await repo.lettersOf(db)).filter((l) => (l.outcome_on ?? l.sent_on) <= on);
  const out = [];
  const byOrg = new Map<number, typeof letters>();
  for (const l of letters) byOrg.set(Number(l.org_id), [...(byOrg.get(Number(l.org_id)) ?? []), l]);
  for (const [orgId, own] of byOrg) {
    const first = own.find((l) => !l.signed);
    if (!first) continue;
    const signedAfter = own.find((l) => l.signed && l.sent_on > first.sent_on);
    out.push({
      orgId, kind: 'unreachable' as const, detectedOn: first.outcome_on ?? first.sent_on, evidence: `${first.sent_on} 寄往登记住所的专用信函（${first.tracking_no}）无人签收`,
      subject: { kind: 'credit_letter', id: Number(first.id) }, level: 'medium' as const, resolvedOn: signedAfter ? (signedAfter.outcome_on ?? signedAfter.sent_on) : null,
    });
  }
  return out;
}
