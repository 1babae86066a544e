import type { Db } from '../../db/types.js';
import { basisOf, ruleInForce } from '../rules/index.js';
import type { Rule } from '../../../shared/schemas/rules.js';
import { defineJob } from '../jobs/index.js';
import { riskSignalSources, type RiskSignal, type RiskSignalSource } from '../signals/index.js';
import * as repo from './risks.repository.js';
import { dueOnOf, levelOf, ownerNodeOf } from './risks.policy.js';

const SYSTEM_NAME = '系统（风险预警任务）';

interface DistrictRules {
  level: Rule;
  due: Rule;
  owner: Rule;
}

/**
 * Signals → risk items for a day (issue 14 item 5). Every registered source is asked for its signals as they stood
 * that day. A signal detected by then opens an item unless one exists for the same occurrence (organization, kind,
 * subject, detection day: the unique key) or an item of the same organization, kind and subject is still open; a
 * signal that had already ended when first seen opens nothing. An open item whose source no longer reports it gets
 * its signal-ended day, as evidence for the owner; it is not closed (销号 is the owner's, with the outcome).
 *
 * Idempotent: a second run for the day finds every occurrence stored and changes nothing. A run for an earlier day
 * opens what that day's signals opened, and moves an item's opened day back to it where the item was first seen
 * later; it never ends or closes anything a later day saw.
 */
export async function runRiskJob(db: Db, day: string): Promise<Record<string, number>> {
  const summary = { sources: 0, signals: 0, opened: 0, ended: 0 };
  const rulesByDistrict = new Map<number | null, DistrictRules>();
  const rulesFor = async (districtId: number | null) => {
    if (!rulesByDistrict.has(districtId)) {
      const [level, due, owner] = await Promise.all(['risk.level', 'risk.due', 'risk.owner'].map((key) => ruleInForce(db, key, { on: day, districtId })));
      rulesByDistrict.set(districtId, { level: level!, due: due!, owner: owner! });
    }
    return rulesByDistrict.get(districtId)!;
  };
  for (const source of riskSignalSources()) {
    summary.sources += 1;
    const signals = (await source.signals(db, day)).filter((s) => s.detectedOn <= day);
    summary.signals += signals.length;
    const result = await applySignals(db, source, signals, day, rulesFor);
    summary.opened += result.opened;
    summary.ended += result.ended;
  }
  return summary;
}

/** The signal's organization, kind and subject: an open item stays signaled while its source reports any occurrence of it. */
const keyOf = (s: { orgId: number; kind: string; subject: { kind: string; id: number } }) => `${s.orgId}/${s.kind}/${s.subject.kind}/${s.subject.id}`;

async function applySignals(db: Db, source: RiskSignalSource, signals: RiskSignal[], day: string, rulesFor: (d: number | null) => Promise<DistrictRules>) {
  const places = new Map((await repo.orgPlacements(db, signals.map((s) => s.orgId))).map((o) => [Number(o.id), o]));
  // Read before the transaction: on PGlite the one connection is the transaction's until it ends.
  const rules = new Map<number | null, DistrictRules>();
  for (const o of places.values()) {
    const d = o.level3_id === null ? null : Number(o.level3_id);
    if (!rules.has(d)) rules.set(d, await rulesFor(d));
  }
  let opened = 0;
  let ended = 0;
  await db.transaction().execute(async (trx) => {
    for (const s of signals) {
      const org = places.get(Number(s.orgId));
      if (!org) continue;
      const key = { org_id: Number(s.orgId), kind: s.kind, subject_kind: s.subject.kind, subject_id: Number(s.subject.id) };
      const found = await repo.findByKey(trx, key, s.detectedOn);
      const endedBy = s.resolvedOn && s.resolvedOn <= day ? s.resolvedOn : null;
      if (found.occurrence) {
        await repo.setOpenedOn(trx, Number(found.occurrence.id), day);
        if (endedBy && (await repo.setSignalEnded(trx, Number(found.occurrence.id), endedBy))) {
          await repo.insertStep(trx, { item_id: Number(found.occurrence.id), step: 'signal_ended', on_day: endedBy, data: { evidence: s.evidence }, by_name: SYSTEM_NAME });
          ended += 1;
        }
        continue;
      }
      if (found.open || endedBy) continue;
      const rule = rules.get(org.level3_id === null ? null : Number(org.level3_id))!;
      const level = levelOf(s.kind, s.level, rule.level.params);
      // Counted from the day it became an item where the signal is older (a long silence seen for the first time).
      const dueOn = dueOnOf(s.kind, s.detectedOn > day ? s.detectedOn : day, rule.due.params, s.dueOn);
      const basis = [rule.level, rule.due, rule.owner].map((r) => basisOf(r, day).text).join('；');
      const id = await repo.insertItem(trx, {
        ...key,
        source: source.name,
        detected_on: s.detectedOn,
        evidence: s.evidence,
        level,
        due_on: dueOn,
        basis,
        opened_on: day,
        owner_region_id: ownerNodeOf(s.kind, { legal_form: org.legal_form, region_id: Number(org.region_id), level3_id: org.level3_id, level4_id: org.level4_id, level5_id: org.level5_id }),
        region_id: org.region_id,
        level1_id: org.level1_id,
        level2_id: org.level2_id,
        level3_id: org.level3_id,
        level4_id: org.level4_id,
        level5_id: org.level5_id,
        level6_id: org.level6_id,
      });
      if (id === null) continue;
      await repo.insertStep(trx, { item_id: id, step: 'opened', on_day: day, data: { evidence: s.evidence, source: source.label, level, dueOn }, by_name: SYSTEM_NAME });
      opened += 1;
    }
    // Open items of this source it no longer reports: the signal ended (by this day at the latest).
    const seen = new Set(signals.map(keyOf));
    for (const item of await repo.openItemsOfSource(trx, source.name, day)) {
      const k = keyOf({ orgId: Number(item.org_id), kind: item.kind, subject: { kind: item.subject_kind, id: Number(item.subject_id) } });
      if (seen.has(k) || item.detected_on > day) continue;
      if (await repo.setSignalEnded(trx, Number(item.id), day)) {
        await repo.insertStep(trx, { item_id: Number(item.id), step: 'signal_ended', on_day: day, data: { evidence: `${source.label}信号已不再出现` }, by_name: SYSTEM_NAME });
        ended += 1;
      }
    }
  });
  return { opened, ended };
}

export const RISKS_JOB = defineJob({
  name: 'risks',
  label: '风险预警',
  schedule: '30 2 * * *',
  run: (db, { today }) => runRiskJob(db, today),
});
