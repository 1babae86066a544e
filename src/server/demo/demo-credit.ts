import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import type { RequestContext } from '../lib/context.js';
import { addDays, todayInChina } from '../lib/working-days.js';
import { runJob } from '../modules/jobs/index.js';
// The module's door, loaded for its registrations (the penalty listener, the job, the review subjects).
import type { CreditFact } from '../modules/credit/index.js';
import '../modules/credit/index.js';
import { judgeFact } from '../modules/credit/credit.engine.js';
import { advanceEntries } from '../modules/credit/credit.job.js';
import { removeOnCompliance } from '../modules/credit/credit.service.js';
import * as repo from '../modules/credit/credit.repository.js';
import { actorOf } from './demo-applications.js';

export interface DemoCredit {
  orgs: Array<{ name: string; story: string }>;
  job: unknown;
}

/**
 * The credit lists of 吉州区 (民政部令第60号), after the penalties demo (whose warning and fines the credit listener
 * put in notice as they were recorded). Each story is told as it happened, on its own days relative to today, through
 * the module's own steps; then the credit job runs for today, as the scheduler would at 02:00, and moves them on:
 * - unreachable: two registered letters returned unsigned 28 days apart → abnormal list (listed);
 * - a judgment defaulter (失信被执行人) entered by the district → serious list (listed);
 * - a rectification not finished, restarted by a second one, then compliance verified → removed, with its history;
 * - a party organization not set up → a proposal awaiting the district's confirmation;
 * - cangkou-leader's organization: a notice 3 days old, its objection window open.
 * Organizations: the registered, active ones of the district by id after the four the penalties demo takes, none
 * linked to a demo account (deterministic: the seeded organizations are). Not seeded twice (the letters mark it).
 */
export async function seedDemoCredit(db: Kysely<DB>): Promise<DemoCredit | null> {
  if (await db.selectFrom('credit_letters').select('id').limit(1).executeTakeFirst()) return null;
  const district = await db.selectFrom('regions').select('id').where('code', '=', '360802').executeTakeFirst();
  if (!district) return null;
  const orgs = await db
    .selectFrom('orgs')
    .select(['id', 'name', 'address'])
    .where('level3_id', '=', Number(district.id))
    .where('legal_form', 'in', ['social_group', 'social_service'])
    .where('status', '=', 'active')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('users').select('users.id').whereRef('users.org_id', '=', 'orgs.id'))))
    .orderBy('id')
    .offset(4)
    .limit(4)
    .execute();
  if (orgs.length < 4) return null;
  const admin = await actorOf(db, 'jizhou-admin');
  const ctx: RequestContext = { actor: admin, requestId: 'demo-seed', ip: null };
  const today = todayInChina();
  const day = (n: number) => addDays(today, n);
  const [unreachable, defaulter, rectified, party] = orgs.map((o) => ({ ...o, id: Number(o.id) })) as [{ id: number; name: string; address: string | null }, ...{ id: number; name: string; address: string | null }[]];

  /** A fact entered on its day, the organization's entries first moved on to it (as the job does). */
  const enter = (fact: CreditFact, noticedOn: string, origin: 'manual' | 'automatic' = 'manual') =>
    db.transaction().execute(async (trx) => {
      await advanceEntries(trx, ctx, addDays(fact.factOn, -1), fact.orgId);
      return judgeFact(trx, ctx, fact, { noticedOn, origin });
    });

  // Unreachable: the letters only; the job finds the two unsigned ones and enters the ground.
  const address = unreachable.address ?? '吉州区登记住所';
  await db.transaction().execute(async (trx) => {
    await repo.insertLetter(trx, { org_id: unreachable.id, sent_on: day(-110), tracking_no: 'XA36080200110CN', address, signed: false, outcome_on: day(-100), note: '查无此单位，原址已改作他用', recorded_by: admin.id });
    await repo.insertLetter(trx, { org_id: unreachable.id, sent_on: day(-82), tracking_no: 'XA36080200182CN', address, signed: false, outcome_on: day(-72), note: '无人签收，退回', recorded_by: admin.id });
  });

  await enter(
    { orgId: defaulter!.id, ground: 'credit.dishonest.defaulter', factOn: day(-95), evidence: '被吉州区人民法院纳入失信被执行人名单（（2025）赣0802执1187号），拖欠场地租金未履行', subject: { kind: 'manual', id: 1 } },
    day(-90),
  );

  await enter(
    { orgId: rectified!.id, ground: 'credit.abnormal.rectification', factOn: day(-220), evidence: '抽查发现财务管理不规范，限期30日整改，逾期未完成', subject: { kind: 'manual', id: 1 } },
    day(-218),
  );
  await enter(
    { orgId: rectified!.id, ground: 'credit.abnormal.rectification', factOn: day(-160), evidence: '换届选举逾期，责令限期整改，逾期未完成', subject: { kind: 'manual', id: 2 } },
    day(-160),
  );
  await db.transaction().execute((trx) => advanceEntries(trx, ctx, day(-41), rectified!.id));
  const listed = await db.selectFrom('credit_entries').select(['id', 'status', 'version']).where('org_id', '=', rectified!.id).where('status', '=', 'listed').executeTakeFirst();
  if (listed) {
    const row = await repo.findEntry(db, Number(listed.id));
    await removeOnCompliance(db, ctx, { id: Number(listed.id), level3_id: row!.level3_id, status: listed.status }, { verifiedOn: day(-40), evidence: '已完成换届并建立财务管理制度，经实地核查属实', removeNow: false, version: listed.version });
  }

  await enter(
    { orgId: party!.id, ground: 'credit.abnormal.party', factOn: day(-15), evidence: '经党建工作指导员核查，该组织有正式党员3名以上，未按规定成立党支部', subject: { kind: 'party_check', id: party!.id }, propose: true },
    day(-15),
    'automatic',
  );

  const stories = [
    { name: unreachable.name, story: '两次专用信函无人签收 → 活动异常名录' },
    { name: defaulter!.name, story: '失信被执行人 → 严重违法失信名单' },
    { name: rectified!.name, story: '未按期整改（重新计算一次）→ 查实整改后移出' },
    { name: party!.name, story: '未按规定设立党组织 → 待确认的建议' },
  ];
  const leaderOrg = await db.selectFrom('users').select('org_id').where('username', '=', 'cangkou-leader').executeTakeFirst();
  if (leaderOrg?.org_id) {
    const name = (await repo.orgFacts(db, [Number(leaderOrg.org_id)])).get(Number(leaderOrg.org_id))!.name;
    await enter(
      { orgId: Number(leaderOrg.org_id), ground: 'credit.abnormal.rectification', factOn: day(-4), evidence: '活动场所安全检查发现问题，限期7日整改，逾期未完成', subject: { kind: 'manual', id: 1 } },
      day(-3),
    );
    stories.push({ name, story: '告知中，可提出陈述申辩' });
  }
  // Today's run, as the scheduler's at 02:00: lists what passed its window, removes what is due, finds the letters.
  const job = await runJob(db, 'credit');
  return { orgs: stories, job: job.ran ? job.summary : 'already ran' };
}
