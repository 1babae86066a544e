import type { Kysely } from 'kysely';
import type { DB } from '../src/server/db/types.js';
import '../src/server/db/types-risks.js';
import type { RiskStatus } from '../src/server/db/types-risks.js';
import { addDays, todayInChina } from '../src/server/lib/working-days.js';

let serial = 0;

/**
 * A risk item of an organization at a step, written directly (the job's sources are tested in risks.job.test.ts):
 * owned by the organization's own node, detected three days ago; a rectifying one has its notice and deadline.
 */
export async function insertRiskItem(db: Kysely<DB>, orgId: number, status: RiskStatus = 'open'): Promise<number> {
  const org = await db.selectFrom('orgs').selectAll().where('id', '=', orgId).executeTakeFirstOrThrow();
  const today = todayInChina();
  const interviewed = ['rectifying', 'reported', 'verified'].includes(status);
  const row = await db
    .insertInto('risk_items')
    .values({
      org_id: orgId, kind: 'inspection_problem', source: 'test', subject_kind: 'test_item', subject_id: ++serial, detected_on: addDays(today, -3),
      evidence: '测试风险：抽查发现问题', level: 'medium', due_on: addDays(today, 27), basis: '依据：测试', opened_on: addDays(today, -3),
      owner_region_id: org.region_id, region_id: org.region_id,
      level1_id: org.level1_id, level2_id: org.level2_id, level3_id: org.level3_id, level4_id: org.level4_id, level5_id: org.level5_id, level6_id: org.level6_id,
      status, interviewed_on: interviewed ? addDays(today, -2) : null, rectify_due_on: interviewed ? addDays(today, 20) : null, remedied_on: status === 'verified' ? today : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  if (status === 'interview_noticed' || interviewed) {
    await db.insertInto('risk_steps').values({ item_id: id, step: 'interview_notice', on_day: addDays(today, -3), data: JSON.stringify({ date: today, time: '09:00', place: '社区会议室', attendees: '理事长', reason: '测试' }), by_user: null, by_name: '测试', at: new Date() }).execute();
  }
  if (interviewed) {
    await db.insertInto('risk_steps').values({ item_id: id, step: 'interview_record', on_day: addDays(today, -2), data: JSON.stringify({ heldOn: addDays(today, -2), rectifyItems: '完善制度', rectifyDueOn: addDays(today, 20) }), by_user: null, by_name: '测试', at: new Date() }).execute();
  }
  return id;
}
