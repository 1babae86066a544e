import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/db/types.js';
import { createActivity } from '../../src/server/modules/activities/activities.service.js';

/** One ledger activity of the organization, entered by the given community staff account (the browser tours' pages). */
export async function seedTestActivity(db: Kysely<DB>, staffId: number, orgId: number) {
  const user = await db.selectFrom('users as u').innerJoin('regions as r', 'r.id', 'u.region_id').select(['u.id', 'u.username', 'u.display_name', 'r.id as rid', 'r.code', 'r.name', 'r.level']).where('u.id', '=', staffId).executeTakeFirstOrThrow();
  const actor = { id: Number(user.id), username: user.username, displayName: user.display_name, role: 'community_staff' as const, region: { id: Number(user.rid), code: user.code, name: user.name, level: user.level }, orgId: null };
  return createActivity(db, { actor, requestId: 'browser-fixture', ip: null }, orgId, {
    startsAt: '2026-05-10T09:00+08:00', endsAt: '2026-05-10T11:00+08:00', title: '端午包粽子邻里活动', activityType: '文体活动', place: '仓口社区活动室',
    participants: 36, beneficiaries: 20, volunteers: 4, volunteerMinutes: 480, amountFen: 0, foreignRelated: false, description: '居民自带材料，现场教学。',
  });
}
