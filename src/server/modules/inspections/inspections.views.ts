import type { Db } from '../../db/types.js';
import type { Actor } from '../../lib/context.js';
import { ROLE_LABELS } from '../../../shared/enums.js';
import type { InspectionItem } from '../../../shared/schemas/inspections.js';
import * as repo from './inspections.repository.js';

/** Items as the API shows them, with their inspectors (names and role only: the pool's accounts, no contact data). */
export async function itemViews(db: Db, actor: Actor, rows: repo.ItemWithNames[]): Promise<InspectionItem[]> {
  const inspectors = await repo.inspectorsOf(db, rows.map((r) => Number(r.id)));
  return rows.map((r) => {
    const own = inspectors.filter((x) => Number(x.item_id) === Number(r.id));
    return {
      id: Number(r.id), planId: Number(r.plan_id), planTitle: r.plan_title, orgId: Number(r.org_id), orgName: r.org_name, stratum: r.stratum, rankHash: r.rank_hash,
      status: r.status, mode: r.mode, checklist: r.checklist, result: r.result, findings: r.findings, rectifyBy: r.rectify_by, checkedOn: r.checked_on,
      publishBy: r.publish_by, publishedOn: r.published_on, rectifiedOn: r.rectified_on, rectifiedNote: r.rectified_note,
      inspectors: own.map((x) => ({ userId: Number(x.user_id), name: x.display_name, roleLabel: ROLE_LABELS[x.role] ?? x.role, status: x.status, reason: x.reason, drawOrder: x.draw_order })),
      mine: own.some((x) => Number(x.user_id) === actor.id && x.status === 'active'),
      minInspectors: r.min_inspectors, basis: r.basis_text, version: r.version,
    };
  });
}

export const activeInspectorIds = (item: InspectionItem) => item.inspectors.filter((x) => x.status === 'active').map((x) => x.userId);
