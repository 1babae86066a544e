import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import type { Actor, RequestContext } from '../lib/context.js';
import { addDays, todayInChina } from '../lib/working-days.js';
import { createPlan, drawPlan, publishPlan, publishResult, recordResult } from '../modules/inspections/index.js';
import { CHECK_AREAS } from '../../shared/schemas/inspections.js';
import { actorOf } from './demo-applications.js';
import '../db/types-inspections.js';

/** An inspector drawn by the seed, as the services see them. */
async function actorById(db: Kysely<DB>, id: number): Promise<Actor> {
  const u = await db.selectFrom('users').select('username').where('id', '=', id).executeTakeFirstOrThrow();
  return actorOf(db, u.username);
}

const ctxOf = (actor: Actor): RequestContext => ({ actor, requestId: 'demo-seed', ip: null });

/**
 * The demo's random inspection (双随机一公开): 吉州区's yearly plan for the demo year, published today with its seed
 * and drawn from it (so the draw is the one anyone recomputes from the public page), through the same services a
 * district admin uses. The first item is checked with a problem and a rectification deadline a month on, the second
 * found in order and published; the rest wait for their inspectors. Deterministic: the seed is a hash of the plan,
 * the day and the population. Run once (a second seeding finds the plan).
 */
export async function seedDemoInspections(db: Kysely<DB>): Promise<{ population: number; sample: number } | null> {
  const today = todayInChina();
  const year = Number(today.slice(0, 4));
  const exists = await db.selectFrom('inspection_plans as p').innerJoin('regions as d', 'd.id', 'p.region_id').select('p.id').where('d.code', '=', '360802').where('p.year', '=', year).where('p.kind', '=', 'yearly').executeTakeFirst();
  if (exists) return null;
  const admin = ctxOf(await actorOf(db, 'jizhou-admin'));
  const created = await createPlan(db, admin, {
    kind: 'yearly', year, title: `吉州区${year}年度社会组织“双随机、一公开”抽查`, region: '360802',
    purpose: '按《社会组织抽查暂行办法》对本区登记的社会组织开展年度定期抽查，检查年度报告、信息公开、内部治理、财务状况和业务活动情况。',
  });
  const published = await publishPlan(db, admin, created.id, created.version);
  const drawn = await drawPlan(db, admin, published.id, published.version);
  const [first, second] = drawn.items;
  const ok = { status: 'ok' as const, note: '' };
  const clean = Object.fromEntries(CHECK_AREAS.map((a) => [a, ok])) as Record<(typeof CHECK_AREAS)[number], typeof ok>;
  if (first) {
    const by = first.inspectors.find((x) => x.status === 'active');
    if (by) {
      await recordResult(db, ctxOf(await actorById(db, by.userId)), first.id, {
        version: first.version, mode: 'on_site', result: 'problems', findings: '年度工作报告未在门户网站公开；理事会会议记录不全。', rectifyBy: addDays(today, 30),
        checklist: { ...clean, disclosure: { status: 'problem', note: '年度工作报告未公开' }, governance: { status: 'problem', note: '理事会会议记录缺两次' } },
      });
    }
  }
  if (second) {
    const by = second.inspectors.find((x) => x.status === 'active');
    if (by) {
      const checked = await recordResult(db, ctxOf(await actorById(db, by.userId)), second.id, { version: second.version, mode: 'written', result: 'no_problem', checklist: clean });
      await publishResult(db, admin, second.id, checked.version);
    }
  }
  return { population: drawn.populationSize, sample: drawn.items.length };
}
