import type { RiskItem, RiskItemSummary, RiskStep } from '../../../shared/schemas/risks.js';
import type { RiskStepRow } from '../../db/types-risks.js';
import type { RiskItemWithNames } from './risks.repository.js';
import { isOverdue } from './risks.policy.js';

/** Rows → the answers of the risk routes. */

export function toSummary(r: RiskItemWithNames, today: string): RiskItemSummary {
  return {
    id: Number(r.id),
    org: { id: Number(r.org_id), name: r.org_name, legalForm: r.org_legal_form },
    kind: r.kind,
    level: r.level,
    status: r.status,
    evidence: r.evidence,
    detectedOn: r.detected_on,
    dueOn: r.due_on,
    overdue: isOverdue(r, today),
    owner: { id: Number(r.owner_region_id), code: r.owner_code, name: r.owner_name, level: Number(r.owner_level) },
    region: { id: Number(r.region_id), code: r.place_code, name: r.place_name, level: Number(r.place_level) },
    outcome: r.outcome,
    closedOn: r.closed_on,
  };
}

export function toStep(s: RiskStepRow): RiskStep {
  return { id: Number(s.id), step: s.step, onDay: s.on_day, data: s.data ?? {}, byName: s.by_name, at: new Date(s.at).toISOString() };
}

export function toItem(r: RiskItemWithNames, steps: RiskStepRow[], today: string, can: RiskItem['can'], closedBy: string | null): RiskItem {
  return {
    ...toSummary(r, today),
    source: r.source,
    subject: { kind: r.subject_kind, id: Number(r.subject_id) },
    basis: r.basis,
    openedOn: r.opened_on,
    signalEndedOn: r.signal_ended_on,
    interviewedOn: r.interviewed_on,
    rectifyDueOn: r.rectify_due_on,
    remediedOn: r.remedied_on,
    closedBy,
    closeNote: r.close_note,
    version: r.version,
    steps: steps.map(toStep),
    can,
  };
}

/** The owner node's path, for the jurisdiction check of handling (the node and its ancestors). */
export const ownerPathOf = (r: RiskItemWithNames) => ({
  level1_id: r.owner_l1 === null ? null : Number(r.owner_l1),
  level2_id: r.owner_l2 === null ? null : Number(r.owner_l2),
  level3_id: r.owner_l3 === null ? null : Number(r.owner_l3),
  level4_id: r.owner_l4 === null ? null : Number(r.owner_l4),
  level5_id: r.owner_l5 === null ? null : Number(r.owner_l5),
  level6_id: r.owner_l6 === null ? null : Number(r.owner_l6),
});

export const orgPlaceOf = (r: RiskItemWithNames) => ({
  id: Number(r.org_id),
  hub_org_id: r.org_hub_id === null ? null : Number(r.org_hub_id),
  level1_id: r.level1_id === null ? null : Number(r.level1_id),
  level2_id: r.level2_id === null ? null : Number(r.level2_id),
  level3_id: r.level3_id === null ? null : Number(r.level3_id),
  level4_id: r.level4_id === null ? null : Number(r.level4_id),
  level5_id: r.level5_id === null ? null : Number(r.level5_id),
  level6_id: r.level6_id === null ? null : Number(r.level6_id),
});
