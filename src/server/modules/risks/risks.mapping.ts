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

const id = (v: number | null) => (v === null ? null : Number(v));
const pathOf = (l: (number | null)[]) => ({ level1_id: id(l[0]!), level2_id: id(l[1]!), level3_id: id(l[2]!), level4_id: id(l[3]!), level5_id: id(l[4]!), level6_id: id(l[5]!) });

/** The owner node's path, for the jurisdiction check of handling (the node and its ancestors). */
export const ownerPathOf = (r: RiskItemWithNames) => pathOf([r.owner_l1, r.owner_l2, r.owner_l3, r.owner_l4, r.owner_l5, r.owner_l6]);

/** The organization's place, for requireOrgAccess. */
export const orgPlaceOf = (r: RiskItemWithNames) => ({
  id: Number(r.org_id),
  hub_org_id: id(r.org_hub_id),
  ...pathOf([r.level1_id, r.level2_id, r.level3_id, r.level4_id, r.level5_id, r.level6_id]),
});
