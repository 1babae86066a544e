import type { Db } from '../../db/types.js';
import type { RiskSignal } from '../signals/index.js';
import * as repo from './inspections.repository.js';

/**
 * A spot-check problem as a risk signal (issue 14 item 5): from the day it was found, due by its rectification
 * deadline, resolved the day the district verified the rectification; as things stood on `on`.
 */
export async function inspectionProblemSignals(db: Db, on: string): Promise<RiskSignal[]> {
  return (await repo.problemItems(db, on)).map((i) => ({
    orgId: Number(i.org_id),
    kind: 'inspection_problem',
    detectedOn: i.checked_on!,
    evidence: `${i.title}发现问题：${i.findings ?? ''}`.slice(0, 200),
    subject: { kind: 'inspection_item', id: Number(i.id) },
    level: i.rectify_by! < on && !(i.rectified_on && i.rectified_on <= on) ? 'high' : 'medium',
    dueOn: i.rectify_by,
    resolvedOn: i.rectified_on && i.rectified_on <= on ? i.rectified_on : null,
  }));
}
