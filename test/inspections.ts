import type { Kysely } from 'kysely';
import type { DB } from '../src/server/db/types.js';
import '../src/server/db/types-inspections.js';
import { addDays, todayInChina } from '../src/server/lib/working-days.js';
import { createPlan, drawPlan, publishPlan, recordResult } from '../src/server/modules/inspections/index.js';
import { createTestOrg, createTestUser, makeCreditCode, PLACES } from './factories.js';

/**
 * The inspection pages' fixture (browser tests): registered organizations of 吉州区, a yearly plan published and drawn
 * through the services by the district admin `adminId`, who is made an inspector of the first item, and one result
 * with a problem. Returns the plan and that item.
 */
export async function seedInspectionPages(db: Kysely<DB>, adminId: number, adminUsername: string): Promise<{ planId: number; itemId: number }> {
  for (const [i, place] of [PLACES.cangkou, PLACES.xincun, PLACES.gunanCommunity, PLACES.cangkou].entries()) {
    await createTestOrg(db, { name: `吉州抽查页面${i + 1}号协会`, legalForm: 'social_group', creditCode: makeCreditCode('1'), category: '公益慈善', regionCode: place });
  }
  // The pool holds two more inspectors than the admin (民发〔2017〕45号: at least two per check).
  await createTestUser(db, { role: 'street_reviewer', regionCode: PLACES.gunan });
  await createTestUser(db, { role: 'expert' });
  const district = await db.selectFrom('regions').selectAll().where('code', '=', PLACES.jizhou).executeTakeFirstOrThrow();
  const actor = { id: adminId, username: adminUsername, displayName: '测试', role: 'district_admin' as const, region: { id: Number(district.id), code: district.code, name: district.name, level: 3 }, orgId: null };
  const ctx = { actor, requestId: 'test', ip: null };
  const year = Number(todayInChina().slice(0, 4));
  const created = await createPlan(db, ctx, { kind: 'adhoc', year, title: `吉州区${year}年不定期抽查`, percent: 50, includeFiled: false, region: PLACES.jizhou });
  const published = await publishPlan(db, ctx, created.id, created.version);
  const drawn = await drawPlan(db, ctx, published.id, published.version);
  const item = drawn.items[0]!;
  // The admin checks the first item (whatever the seed drew): made its first active inspector.
  const first = item.inspectors.find((x) => x.status === 'active');
  if (!item.inspectors.some((x) => x.userId === adminId && x.status === 'active')) {
    await db.updateTable('inspection_inspectors').set({ user_id: adminId }).where('item_id', '=', item.id).where('user_id', '=', first!.userId).execute();
  }
  const ok = { status: 'ok' as const, note: '' };
  await recordResult(db, ctx, item.id, {
    version: item.version, mode: 'on_site', result: 'problems', findings: '未按规定公开年度工作报告', rectifyBy: addDays(todayInChina(), 30),
    checklist: { annual_report: ok, disclosure: { status: 'problem', note: '年度报告未公开' }, governance: ok, finances: ok, activities: ok },
  });
  return { planId: drawn.id, itemId: item.id };
}
