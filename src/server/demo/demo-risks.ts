import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import '../db/types-risks.js';
import { addDays, todayInChina } from '../lib/working-days.js';
import { runRiskJob } from '../modules/risks/index.js';
import * as repo from '../modules/risks/risks.repository.js';
import { rng } from './demo-orgs.js';

const DEMO_BY = '仓口社区工作人员（演示）';
const STREET_BY = '文山街道审核员（演示）';

/**
 * Risk warnings for the demo (issue 14 item 5): the charter terms of 吉州区's social groups (some 换届 overdue), then
 * the `risks` job for the demo day, so the real signals (the dormant organizations, overdue reports and summaries)
 * become items; then a few of 文山街道's items moved through the steps, with their days before today: reminded,
 * summoned, rectifying (the demo leader's own, to report on), reported, closed fixed and closed not fixed.
 * Deterministic; safe to run again (terms only where none is kept, the job is idempotent, the steps once).
 */
export async function seedDemoRisks(db: Kysely<DB>): Promise<{ opened: number; moved: number }> {
  await seedTerms(db);
  const today = todayInChina();
  const run = await runRiskJob(db, today);
  return { opened: Number(run.opened), moved: await moveSome(db, today) };
}

async function seedTerms(db: Kysely<DB>) {
  const jizhou = await db.selectFrom('regions').select('id').where('code', '=', '360802').executeTakeFirst();
  if (!jizhou) return;
  const kept = await db.selectFrom('orgs').select('id').where('level3_id', '=', jizhou.id).where('last_election_on', 'is not', null).limit(1).executeTakeFirst();
  if (kept) return;
  const groups = await db.selectFrom('orgs').select(['id', 'founded_on']).where('level3_id', '=', jizhou.id).where('legal_form', '=', 'social_group').orderBy('id').execute();
  const r = rng(2026_14_05);
  const today = todayInChina();
  for (const g of groups) {
    // Most elected within their five years; about one in four past it by up to two years.
    const daysAgo = r.next() < 0.25 ? r.int(5 * 365 + 10, 7 * 365) : r.int(60, 5 * 365 - 30);
    let last = addDays(today, -daysAgo);
    if (g.founded_on && last < g.founded_on) last = g.founded_on;
    await db.updateTable('orgs').set({ term_years: 5, last_election_on: last }).where('id', '=', g.id).execute();
  }
  // The demo leader's community organization: a three-year term run out last month (its charter's), so the leader
  // has an item of its own to report a rectification on.
  const leaderOrg = (await db.selectFrom('users').select('org_id').where('username', '=', 'cangkou-leader').executeTakeFirst())?.org_id;
  if (leaderOrg) await db.updateTable('orgs').set({ term_years: 3, last_election_on: addDays(today, -3 * 365 - 40) }).where('id', '=', leaderOrg).execute();
}

type Item = { id: number; version: number; org_id: number; kind: string; owner_region_id: number; by: string };

async function moveSome(db: Kysely<DB>, today: string): Promise<number> {
  const done = await db.selectFrom('risk_steps').select('id').where('by_name', 'in', [DEMO_BY, STREET_BY]).limit(1).executeTakeFirst();
  if (done) return 0;
  const wenshan = await db.selectFrom('regions').select('id').where('code', '=', '360802003').executeTakeFirst();
  const cangkou = await db.selectFrom('regions').select('id').where('code', '=', '360802003009').executeTakeFirst();
  if (!wenshan || !cangkou) return 0;
  // Items owned by 文山街道's communities, 仓口 first: its staff handle theirs, the street (a node above) the others.
  const items: Item[] = (
    await db
      .selectFrom('risk_items')
      .innerJoin('regions as owner', 'owner.id', 'risk_items.owner_region_id')
      .select(['risk_items.id', 'risk_items.version', 'risk_items.org_id', 'risk_items.kind', 'risk_items.owner_region_id'])
      .where('owner.level4_id', '=', wenshan.id)
      .where('owner.level', '=', 5)
      .where('risk_items.status', '=', 'open')
      .orderBy('risk_items.id')
      .execute()
  )
    .map((i) => ({ ...i, id: Number(i.id), org_id: Number(i.org_id), owner_region_id: Number(i.owner_region_id), by: Number(i.owner_region_id) === Number(cangkou.id) ? DEMO_BY : STREET_BY }))
    .sort((x, y) => Number(y.by === DEMO_BY) - Number(x.by === DEMO_BY) || x.kind.localeCompare(y.kind) || x.org_id - y.org_id);
  const leaderOrg = (await db.selectFrom('users').select('org_id').where('username', '=', 'cangkou-leader').executeTakeFirst())?.org_id;
  const leaderItem = items.find((i) => Number(i.org_id) === Number(leaderOrg));
  const others = items.filter((i) => i !== leaderItem);
  let moved = 0;
  const step = async (i: Item, kind: Parameters<typeof repo.insertStep>[1]['step'], day: string, data: Record<string, unknown>, by?: string) => {
    await repo.insertStep(db, { item_id: i.id, step: kind, on_day: day, data, by_name: by ?? i.by });
  };
  const set = async (i: Item, patch: Parameters<typeof repo.updateItem>[3]) => {
    await repo.updateItem(db, i.id, i.version, patch);
    i.version += 1;
  };
  const summon = async (i: Item, noticeOn: string, meetOn: string) =>
    step(i, 'interview_notice', noticeOn, { date: meetOn, time: '09:30', place: i.by === DEMO_BY ? '仓口社区党群服务中心会议室' : '文山街道办事处会议室', attendees: '负责人、秘书长', reason: '风险提醒后仍未改正，约谈了解情况' });
  const record = async (i: Item, heldOn: string, dueOn: string) => {
    await step(i, 'interview_record', heldOn, { heldOn, attendees: '负责人', record: '负责人说明了情况，承认未按要求开展活动、报送材料。', rectifyItems: '按章程开展活动并在台账登记；补交应报材料。', rectifyDueOn: dueOn });
    await set(i, { status: 'rectifying', interviewed_on: heldOn, rectify_due_on: dueOn });
  };
  if (leaderItem) {
    // The demo leader's own item, rectifying: the leader's report form has something to report on.
    await step(leaderItem, 'reminder', addDays(today, -14), { note: '请对照风险事项尽快整改并反馈' });
    await summon(leaderItem, addDays(today, -10), addDays(today, -7));
    await record(leaderItem, addDays(today, -7), addDays(today, 20));
    moved += 1;
  }
  const [reminded, summoned, reported, fixed, notFixed] = others;
  if (reminded) {
    await step(reminded, 'reminder', addDays(today, -5), { note: '请于一个月内恢复活动并登记台账' });
    await set(reminded, { status: 'reminded' });
    moved += 1;
  }
  if (summoned) {
    await summon(summoned, addDays(today, -2), addDays(today, 5));
    await set(summoned, { status: 'interview_noticed' });
    moved += 1;
  }
  if (reported) {
    await summon(reported, addDays(today, -30), addDays(today, -25));
    await record(reported, addDays(today, -25), addDays(today, 10));
    await step(reported, 'report', addDays(today, -3), { measures: '已恢复每月一次活动，并补登了近两个月的台账。' }, '组织负责人');
    await set(reported, { status: 'reported' });
    moved += 1;
  }
  if (fixed) {
    await summon(fixed, addDays(today, -60), addDays(today, -55));
    await record(fixed, addDays(today, -55), addDays(today, -25));
    await step(fixed, 'report', addDays(today, -30), { measures: '已按章程恢复活动，台账补登完整。' }, '组织负责人');
    await step(fixed, 'verification', addDays(today, -28), { passed: true, note: '现场查看台账及活动照片，整改到位。' });
    await set(fixed, { status: 'verified', remedied_on: addDays(today, -28) });
    await step(fixed, 'closed', addDays(today, -27), { outcome: 'fixed', note: '整改到位，予以销号。' });
    await set(fixed, { status: 'closed', outcome: 'fixed', closed_on: addDays(today, -27), close_note: '整改到位，予以销号。' });
    moved += 1;
  }
  if (notFixed) {
    await summon(notFixed, addDays(today, -70), addDays(today, -65));
    await record(notFixed, addDays(today, -65), addDays(today, -20));
    await step(notFixed, 'closed', addDays(today, -5), { outcome: 'not_fixed_credit', note: '整改期满未整改，提请列入活动异常名录。' });
    await set(notFixed, { status: 'closed', outcome: 'not_fixed_credit', closed_on: addDays(today, -5), close_note: '整改期满未整改，提请列入活动异常名录。' });
    moved += 1;
  }
  await backdateOpenings(db, items.map((i) => i.id));
  return moved;
}

/**
 * The moved items were found by the job before their first step (as a daily job would have): their opening day, its
 * step and their due day move back to three days before the first step, never before the signal's detection.
 */
async function backdateOpenings(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return;
  const firsts = await db
    .selectFrom('risk_steps')
    .innerJoin('risk_items', 'risk_items.id', 'risk_steps.item_id')
    .select(['risk_items.id', 'risk_items.opened_on', 'risk_items.due_on', 'risk_items.detected_on', (eb) => eb.fn.min('risk_steps.on_day').as('first')])
    .where('risk_steps.item_id', 'in', ids)
    .where('risk_steps.step', '<>', 'opened')
    .groupBy(['risk_items.id', 'risk_items.opened_on', 'risk_items.due_on', 'risk_items.detected_on'])
    .execute();
  for (const f of firsts) {
    let opened = addDays(String(f.first), -3);
    if (opened < f.detected_on) opened = f.detected_on;
    if (opened >= f.opened_on) continue;
    const shift = Math.round((Date.parse(`${opened}T00:00:00Z`) - Date.parse(`${f.opened_on}T00:00:00Z`)) / 86_400_000);
    await db.updateTable('risk_items').set({ opened_on: opened, due_on: addDays(f.due_on, shift) }).where('id', '=', f.id).execute();
    await db.updateTable('risk_steps').set({ on_day: opened }).where('item_id', '=', f.id).where('step', '=', 'opened').execute();
  }
}
