import { open } from '../lib/personal-data.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/db.js';
import type { Database } from '../db/database.js';
import { DEMO_ACCOUNTS } from './demo-accounts.js';
import { isDatabaseEmpty, seedDemo } from './seed-demo.js';
import { computeTargets } from '../modules/stats/stats.service.js';
import { yearReportTable } from '../modules/stats/stats.export.js';
import { todayInChina } from '../lib/working-days.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

describe('seedDemo', () => {
  it('loads the seeds places and one account per role, idempotently', async () => {
    expect(await isDatabaseEmpty(database.db)).toBe(true);
    await seedDemo(database.db, 'Demo@2026x');
    await seedDemo(database.db, 'Demo@2026x');
    const users = await database.db.selectFrom('users as u').leftJoin('regions as r', 'r.id', 'u.region_id').select(['u.username', 'u.role', 'r.code', 'r.name']).execute();
    expect(users).toHaveLength(DEMO_ACCOUNTS.length);
    const roles = new Set(users.map((u) => u.role));
    expect(roles.size).toBe(8);
    const byName = Object.fromEntries(users.map((u) => [u.username, u]));
    expect(byName['jizhou-admin']).toMatchObject({ role: 'district_admin', code: '360802', name: '吉州区' });
    expect(byName['wenshan-reviewer']).toMatchObject({ role: 'street_reviewer', name: '文山街道' });
    expect(byName['cangkou-staff']).toMatchObject({ role: 'community_staff', code: '360802003009', name: '仓口社区居委会' });
    expect(byName['bengbu-admin']).toMatchObject({ code: '3403', name: '蚌埠市' });
    expect(byName['sysadmin']).toMatchObject({ role: 'sysadmin', code: null });
    expect(byName['auditor']).toMatchObject({ role: 'auditor', code: null });
    for (const code of ['3403', '120116', '360802']) {
      const n = await database.db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).where('code', 'like', `${code}%`).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBeGreaterThan(100);
    }
    expect(await isDatabaseEmpty(database.db)).toBe(false);
    // The decisions on the demo applications reached their submitters' inboxes (issue 13 item 6); today's jobs ran once.
    const leaderInbox = await database.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.recipient_id').select(['n.kind', 'n.subject_kind']).where('u.username', '=', 'cangkou-leader').execute();
    const kindsOf = (subject: string) => leaderInbox.filter((n) => n.subject_kind === subject).map((n) => n.kind).sort();
    expect(kindsOf('application')).toEqual(['review.advance', 'review.approve']);
    // …and those on the leader's demo declarations too (one approved after the community, one returned).
    expect(kindsOf('declaration')).toEqual(expect.arrayContaining(['review.advance', 'review.return']));
    const runs = await database.db.selectFrom('job_runs').select(['job', 'status']).orderBy('job').execute();
    expect(runs).toEqual([{ job: 'credit', status: 'done' }, { job: 'overdue', status: 'done' }, { job: 'reminders', status: 'done' }]);
    // The whole demo seeded twice: about 10 s alone, 35 s once in a full run on a loaded two-core machine.
  }, 120_000);
});

describe('demo organizations', () => {
  const orgsInRegions = () => database.db.selectFrom('orgs as o').innerJoin('regions as r', 'r.id', 'o.region_id');
  type OrgsInRegions = ReturnType<typeof orgsInRegions>;
  const count = async (where: (q: OrgsInRegions) => OrgsInRegions) => {
    const row = await where(orgsInRegions())
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('has the seeds counts per place and form', async () => {
    expect(await count((q) => q.where('r.code', 'like', '120116%'))).toBe(2355);
    expect(await count((q) => q.where('r.code', 'like', '120116%').where('o.legal_form', '=', 'social_group'))).toBe(326);
    expect(await count((q) => q.where('r.code', 'like', '120116%').where('o.legal_form', '=', 'social_service'))).toBe(297);
    expect(await count((q) => q.where('r.code', 'like', '120116%').where('o.legal_form', '=', 'filed'))).toBe(1731);
    expect(await count((q) => q.where('r.code', 'like', '120116%').where('o.credit_code', 'is not', null))).toBe(624);
    // The seed's 388, plus the one the demo's approved application filed (仓口社区银龄书画社).
    expect(await count((q) => q.where('r.code', 'like', '360802%').where('o.legal_form', '<>', 'grassroots'))).toBe(388 + 1);
    expect(await count((q) => q.where('r.code', 'like', '360802%').where('o.legal_form', '=', 'grassroots'))).toBe(1200);
    expect(await count((q) => q.where('r.code', 'like', '3403%'))).toBe(1303);
    // Bengbu grew from 840 community organizations in 2009 to 1,303 in 2013 (seed 000).
    expect(await count((q) => q.where('r.code', 'like', '3403%').where('o.founded_on', '<=', '2009-12-31'))).toBeGreaterThanOrEqual(830);
    expect(await count((q) => q.where('r.code', 'like', '3403%').where('o.founded_on', '<=', '2009-12-31'))).toBeLessThanOrEqual(850);
  });

  it('places the named organizations where the seeds say', async () => {
    const at = async (name: string) =>
      (await database.db.selectFrom('orgs as o').innerJoin('regions as r', 'r.id', 'o.region_id').select(['r.code', 'r.name']).where('o.name', '=', name).executeTakeFirstOrThrow());
    expect(await at('平安夕阳红老年人协会')).toMatchObject({ name: '平安里居委会' });
    expect(await at('仓口社区老年书画社')).toMatchObject({ code: '360802003009' });
    expect(await at('新村社区七彩义工之家')).toMatchObject({ code: '360802003005' });
    for (const n of ['天马艺术团', '体育爱好者协会', '民德巷社区电动车协会']) expect(await at(n)).toMatchObject({ code: '360802003' });
    expect(await at('吉州区映山红党员义工管理服务中心')).toMatchObject({ code: '360802' });
    expect(await at('龙子湖区“心之桥”社区社会组织联合会')).toMatchObject({ code: '340302' });
    expect(await at('蚌山区“心连心”社区社会组织联合会')).toMatchObject({ code: '340303' });
  });

  it('generates valid identity numbers and codes, unique names per place, and is not loaded twice', async () => {
    const { isValidCreditCode, isValidResidentId } = await import('../../shared/validators.js');
    const rows = (await database.db.selectFrom('orgs').select(['credit_code', 'leader_id_number_enc', 'name', 'region_id']).execute())
      .map((r) => ({ ...r, leader_id_number: r.leader_id_number_enc && open(r.leader_id_number_enc) }));
    expect(rows.filter((r) => r.credit_code).every((r) => isValidCreditCode(r.credit_code!))).toBe(true);
    expect(rows.every((r) => !r.leader_id_number || isValidResidentId(r.leader_id_number))).toBe(true);
    expect(new Set(rows.map((r) => `${r.region_id}|${r.name}`)).size).toBe(rows.length);
    const { seedDemoOrgs } = await import('./demo-orgs.js');
    expect(await seedDemoOrgs(database.db)).toEqual({ jizhou: 0, binhai: 0, bengbu: 0 });
  });
});

describe('demo population and history (issue #6)', () => {
  it('gives every community and village a plausible demo population, Bengbu urban districts near 1.06 million', async () => {
    const rows = await database.db.selectFrom('regions').select(['code', 'kind', 'population']).where('level', '=', 5).execute();
    expect(rows.length).toBeGreaterThan(1000);
    for (const r of rows) {
      const [lo, hi] = r.kind === 'village' ? [1000, 4000] : [3000, 12000];
      expect(r.population, r.code).toBeGreaterThanOrEqual(lo);
      expect(r.population, r.code).toBeLessThanOrEqual(hi);
    }
    const urban = rows.filter((r) => ['340302', '340303', '340304', '340311'].some((d) => r.code.startsWith(d))).reduce((s, r) => s + r.population!, 0);
    expect(Math.abs(urban - 1_060_000)).toBeLessThan(10_000);
    const { sql } = await import('kysely');
    const demo = await sql<{ n: number }>`SELECT count(*) AS n FROM regions WHERE level = 5 AND NOT population_is_demo`.execute(database.db);
    expect(Number(demo.rows[0].n)).toBe(0);
  });

  it('dates entries into the register so Bengbu grows from 840 in 2009 to 1,303 in 2013 (seed 000)', async () => {
    const { computeTargets } = await import('../modules/stats/stats.service.js');
    const bengbu = await database.db.selectFrom('regions').selectAll().where('code', '=', '3403').executeTakeFirstOrThrow();
    const at = async (asOf: string) => (await computeTargets(database.db, { region: bengbu, asOf, year: Number(asOf.slice(0, 4)), source: 'counters' })).orgs;
    expect(await at('2009-12-31')).toBe(840);
    expect(await at('2013-12-31')).toBe(1303);
    const growth = (await computeTargets(database.db, { region: bengbu, asOf: '2012-12-31', year: 2012, source: 'counters' })).items.find((i) => i.key === 'growthRate')!;
    expect(growth.value).toBeGreaterThan(5);
    expect((await computeTargets(database.db, { region: bengbu, asOf: '2013-12-31', year: 2013, source: 'counters' })).populationIsDemo).toBe(true);
  });
});

describe('registry search on the demo (issue #4 acceptance)', () => {
  it('wenshan-reviewer finds 平安夕阳红老年人协会 by 夕阳红, xiyanghong and xyh; bengbu-admin finds nothing from 吉州区', async () => {
    const { buildApp } = await import('../app.js');
    const { testConfig } = await import('../../../test/app.js');
    const { installLeakScan, LeakScanner } = await import('../../../test/leak-scan.js');
    // The demo's answers and log lines are scanned for personal data in full too (test/leak-scan.ts).
    const scanner = new LeakScanner();
    const app = await buildApp({ database, config: testConfig({ logLevel: 'info' }), web: false, logStream: scanner.logStream });
    installLeakScan(app, scanner);
    try {
      const login = async (username: string) => {
        const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'Demo@2026x' } });
        return res.cookies.find((c) => c.name === 'shezu_sid')!.value;
      };
      const wenshan = await login('wenshan-reviewer');
      const bengbu = await login('bengbu-admin');
      const search = async (cookie: string, q: string) =>
        (await app.inject({ method: 'GET', url: `/api/v1/orgs?q=${encodeURIComponent(q)}&pageSize=200`, cookies: { shezu_sid: cookie } })).json();
      for (const q of ['夕阳红', 'xiyanghong', 'xyh']) {
        const res = await search(wenshan, q);
        expect(res.items.map((o: { name: string }) => o.name)).toContain('平安夕阳红老年人协会');
        expect(res.items.every((o: { region: { code: string } }) => o.region.code.startsWith('360802003'))).toBe(true);
      }
      for (const q of ['夕阳红', 'xiyanghong', 'xyh', '吉州']) {
        const res = await search(bengbu, q);
        expect(res.items.filter((o: { region: { code: string } }) => o.region.code.startsWith('360802'))).toEqual([]);
      }
    } finally {
      await app.close();
      scanner.record();
    }
    scanner.assertClean();
  });
});

describe('demo applications', () => {
  it('leaves one approved filing with a valid certificate and one to-do for each reviewer of 仓口社区', async () => {
    // The step each waits at is its review case's (migration 0013).
    const apps = await database.db
      .selectFrom('applications')
      .leftJoin('review_cases', (j) => j.onRef('review_cases.subject_id', '=', 'applications.id').on('review_cases.subject_kind', '=', 'application'))
      .select(['applications.name', 'applications.status', 'review_cases.current_step', 'applications.certificate_no'])
      .orderBy('applications.id')
      .execute();
    expect(apps.map((a) => [a.name, a.status, a.current_step])).toEqual([
      ['仓口社区银龄书画社', 'approved', null],
      ['仓口社区邻里守望队', 'in_review', 'street'],
      ['仓口社区红枫健身操队', 'in_review', 'community'],
    ]);
    const cert = await database.db.selectFrom('certificates').select(['status', 'issuer_name']).where('number', '=', apps[0].certificate_no!).executeTakeFirstOrThrow();
    expect(cert).toEqual({ status: 'valid', issuer_name: '吉州区文山街道办事处' });
    const leader = await database.db.selectFrom('users').select('org_id').where('username', '=', 'cangkou-leader').executeTakeFirstOrThrow();
    expect(leader.org_id).not.toBeNull();
  });
});

describe('demo declarations', () => {
  it('leaves a declaration at every stage in 仓口社区: held and summarized, summary overdue, at each step, returned, draft', async () => {
    const rows = await database.db
      .selectFrom('declarations as d')
      .leftJoin('declaration_summaries as s', 's.declaration_id', 'd.id')
      .select(['d.title', 'd.status', 'd.planned_start_on', 'd.summary_due_on', 's.filed_at'])
      .orderBy('d.id')
      .execute();
    const today = todayInChina();
    expect(rows.map((r) => [r.title, r.status, r.filed_at !== null])).toEqual([
      ['银龄书画作品展', 'approved', true],
      ['重阳敬老游园会', 'approved', false],
      ['第二届会员大会暨理事会换届', 'submitted', false],
      ['章程修改会员大会', 'submitted', false],
      ['书画进校园公益义卖', 'returned', false],
      ['中日书法交流笔会', 'draft', false],
    ]);
    // Held before today; the second's summary is past due.
    expect(rows[0]!.planned_start_on < today && rows[1]!.planned_start_on < today).toBe(true);
    expect(rows[1]!.summary_due_on! < today).toBe(true);
  });
});

describe('demo hub manager', () => {
  it('stands for 心之桥 and sees only the federation and its members', async () => {
    const row = await database.db
      .selectFrom('users as u')
      .innerJoin('orgs as o', 'o.id', 'u.org_id')
      .select(['o.id', 'o.name'])
      .where('u.username', '=', 'bengbu-hub')
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('龙子湖区“心之桥”社区社会组织联合会');
    const members = await database.db.selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n')).where('hub_org_id', '=', row.id).executeTakeFirstOrThrow();
    expect(Number(members.n)).toBeGreaterThan(10);
  });
});

describe('demo board: 文山街道 adds up (issue 22 item 4)', () => {
  it('shows a 街道本级 row for the organizations placed at the street, and its rows add up to the total', async () => {
    const db = database.db;
    const region = await db.selectFrom('regions').selectAll().where('code', '=', '360802003').executeTakeFirstOrThrow();
    const today = todayInChina();
    const r = await computeTargets(db, { region, asOf: today, year: Number(today.slice(0, 4)), source: 'counters' });
    const atStreet = await db
      .selectFrom('orgs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('region_id', '=', region.id)
      .where('legal_form', '<>', 'grassroots')
      .where('status', 'not in', ['preparing', 'filing', 'registering'])
      .where('recorded_on', 'is not', null)
      .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>', today)]))
      .executeTakeFirstOrThrow();
    expect(r.own.label).toBe('街道本级');
    expect(r.own.orgs).toBe(Number(atStreet.n));
    expect(r.own.orgs).toBeGreaterThan(0);
    expect(r.own.orgs + r.children.reduce((s, c) => s + c.orgs, 0)).toBe(r.orgs);
    const report = await yearReportTable(db, { region, asOf: today, year: Number(today.slice(0, 4)), source: 'counters' }, 3);
    const names = report.rows.map((row) => row[1]);
    expect(names.at(-2)).toBe('文山街道本级');
    expect(names.at(-1)).toBe('文山街道（合计）');
    expect(report.rows.slice(0, -1).reduce((s, row) => s + Number(row[5]), 0)).toBe(report.rows.at(-1)![5]);
    // Population is a number; the demo mark stands in its own column.
    const community = report.rows[0];
    expect(typeof community[2]).toBe('number');
    expect(community.at(-1)).toBe('演示数据');
  });
});

describe('demo annual reports (issue 13 items 4 and 5)', () => {
  it('gives 吉州区 last year a mix of conclusions, a few missing and a few in review, and the board a real inspection rate', async () => {
    const db = database.db;
    const year = Number(todayInChina().slice(0, 4)) - 1;
    const rows = await db.selectFrom('annual_reports').select(['status', 'conclusion']).where('year', '=', year).execute();
    const n = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
    expect(n((r) => r.conclusion === 'pass')).toBeGreaterThan(n((r) => r.conclusion === 'basic_pass'));
    expect(n((r) => r.conclusion === 'basic_pass')).toBeGreaterThan(0);
    expect(n((r) => r.conclusion === 'fail')).toBeGreaterThan(0);
    expect(n((r) => r.status === 'submitted' || r.status === 'returned')).toBeGreaterThanOrEqual(3);
    expect(await db.selectFrom('annual_reports').select('id').where('year', '=', year + 1).execute()).toEqual([]);
    const today = todayInChina();
    for (const code of ['360802003', '360802003009']) {
      const region = await db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
      const r = await computeTargets(db, { region, asOf: today, year: Number(today.slice(0, 4)), source: 'counters' });
      const rate = r.items.find((i) => i.key === 'inspectionRate')!;
      expect(rate.denominator, code).toBeGreaterThan(0);
      expect(rate.value, code).toBeGreaterThan(0);
    }
    // 文山街道: some owe a report and have not filed or been concluded, so the rate is below its 100% target.
    const wenshan = await db.selectFrom('regions').selectAll().where('code', '=', '360802003').executeTakeFirstOrThrow();
    const board = await computeTargets(db, { region: wenshan, asOf: today, year: Number(today.slice(0, 4)), source: 'counters' });
    expect(board.items.find((i) => i.key === 'inspectionRate')!.value).toBeLessThan(100);
  });
});

describe('demo ledger (issue 13)', () => {
  it('carries a year of activities with counters in step, plausible figures, the demo accounts as enterers, and dormant organizations', async () => {
    const db = database.db;
    const today = todayInChina();
    const yearAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 365 * 86_400_000).toISOString().slice(0, 10);
    const all = await db.selectFrom('activities').select(['held_on', 'participants', 'amount_fen', 'activity_type', 'entered_as', 'entered_by']).execute();
    expect(all.length).toBeGreaterThan(3_000);
    expect(all.filter((a) => a.held_on >= yearAgo).length / all.length).toBeGreaterThan(0.95);
    expect(all.every((a) => a.held_on < today)).toBe(true);
    const share = (p: (a: (typeof all)[number]) => boolean) => all.filter(p).length / all.length;
    expect(share((a) => a.participants >= 10 && a.participants <= 80)).toBeGreaterThan(0.85);
    expect(all.some((a) => a.participants >= 50)).toBe(true);
    expect(all.filter((a) => a.activity_type === '慈善募捐' && Number(a.amount_fen) > 0).length).toBeGreaterThanOrEqual(2);
    expect(new Set(all.map((a) => a.entered_as))).toEqual(new Set(['community', 'leader', 'street', 'hub', 'district']));
    const staff = await db.selectFrom('users').select('id').where('username', '=', 'cangkou-staff').executeTakeFirstOrThrow();
    expect(all.filter((a) => Number(a.entered_by) === Number(staff.id)).length).toBeGreaterThanOrEqual(5);

    // The kept month totals equal a recount, and each organization's last activity day is its latest activity.
    const kept = await sql<{ k: string }>`select md5(string_agg(concat_ws('|', region_id, month, activity_type, activities, participants, volunteer_minutes), ',' order by region_id, month, activity_type)) as k from ledger_month_totals where activities <> 0`.execute(db);
    const recount = await sql<{ k: string }>`select md5(string_agg(concat_ws('|', region_id, m, activity_type, n, p, v), ',' order by region_id, m, activity_type)) as k from (select region_id, date_trunc('month', held_on)::date as m, activity_type, count(*) as n, sum(participants) as p, sum(volunteer_minutes) as v from activities where deleted_at is null group by 1, 2, 3) s`.execute(db);
    expect(kept.rows[0].k).toBe(recount.rows[0].k);
    const stale = await sql<{ n: string }>`select count(*) as n from orgs o where o.last_activity_on is distinct from (select max(held_on) from activities a where a.org_id = o.id and a.deleted_at is null)`.execute(db);
    expect(Number(stale.rows[0].n)).toBe(0);
    // Dormant: filed or registered, active, in 吉州区, and nothing for 12 months (some with an older last activity).
    const dormant = await sql<{ never: string; old: string }>`
      select count(*) filter (where o.last_activity_on is null) as never, count(*) filter (where o.last_activity_on < ${yearAgo}::date) as old
        from orgs o join regions r on r.id = o.region_id
       where r.code like '360802%' and o.legal_form <> 'grassroots' and o.status = 'active'`.execute(db);
    expect(Number(dormant.rows[0].never)).toBeGreaterThan(5);
    expect(Number(dormant.rows[0].old)).toBeGreaterThan(5);
  });
  it('turns the demo day\'s real signals into risk items, some moved through their steps, once', async () => {
    const db = database.db;
    const items = await db.selectFrom('risk_items').select(['kind', 'status', 'outcome', 'source']).execute();
    // The dormant organizations and the overdue reports and summaries of the demo day became items.
    expect(items.filter((i) => i.kind === 'dormant').length).toBeGreaterThan(10);
    expect(items.some((i) => i.kind === 'annual_report_overdue')).toBe(true);
    expect(items.some((i) => i.kind === 'declaration_summary_overdue')).toBe(true);
    expect(items.some((i) => i.kind === 'term_overdue')).toBe(true);
    // Open and closed, one closed fixed and one closed not fixed; the demo leader has one to report on.
    expect(items.filter((i) => i.outcome === 'fixed')).toHaveLength(1);
    expect(items.filter((i) => i.outcome === 'not_fixed_credit')).toHaveLength(1);
    expect(new Set(items.map((i) => i.status))).toEqual(new Set(['open', 'reminded', 'interview_noticed', 'rectifying', 'reported', 'closed']));
    const leaderOrg = await db.selectFrom('users').select('org_id').where('username', '=', 'cangkou-leader').executeTakeFirstOrThrow();
    const own = await db.selectFrom('risk_items').select('status').where('org_id', '=', leaderOrg.org_id!).execute();
    expect(own.map((i) => i.status)).toContain('rectifying');
    // Seeded twice above: still one item per occurrence and one set of demo steps.
    const dupes = await sql<{ n: string }>`select count(*) as n from (select 1 from risk_items group by org_id, kind, subject_kind, subject_id, detected_on having count(*) > 1) d`.execute(db);
    expect(Number(dupes.rows[0].n)).toBe(0);
  });
});

describe('demo random inspection (issue 14 item 4)', () => {
  it('holds 吉州区 yearly plan with its published seed and draw, two inspectors an item, one problem with a deadline', async () => {
    const db = database.db;
    const plan = await db.selectFrom('inspection_plans as p').innerJoin('regions as d', 'd.id', 'p.region_id').selectAll('p').where('d.code', '=', '360802').where('p.kind', '=', 'yearly').executeTakeFirstOrThrow();
    expect(plan).toMatchObject({ status: 'drawn', year: Number(todayInChina().slice(0, 4)), published_on: todayInChina() });
    expect(plan.seed).toMatch(/^[0-9a-f]{64}$/);
    const items = await db.selectFrom('inspection_items').selectAll().where('plan_id', '=', plan.id).execute();
    const population = await db.selectFrom('inspection_population').select((eb) => eb.fn.countAll<string>().as('n')).where('plan_id', '=', plan.id).executeTakeFirstOrThrow();
    expect(items.length).toBe(Math.ceil((plan.ratio_bp * Number(population.n)) / 10_000));
    expect(items.length).toBeGreaterThanOrEqual(2);
    for (const i of items) {
      const active = await db.selectFrom('inspection_inspectors').select('user_id').where('item_id', '=', i.id).where('status', '=', 'active').execute();
      expect(active.length).toBeGreaterThanOrEqual(2);
    }
    expect(items.filter((i) => i.result === 'problems' && i.rectify_by !== null)).toHaveLength(1);
    expect(items.filter((i) => i.result === 'no_problem' && i.published_on !== null)).toHaveLength(1);
  });
});

describe('demo credit lists (issue 14 item 3)', () => {
  it('holds credit entries of 吉州区: one listed on each list, one removed with its history, letters, a proposal, a notice open to objection', async () => {
    const db = database.db;
    const entries = await db.selectFrom('credit_entries as e').innerJoin('orgs as o', 'o.id', 'e.org_id').select(['e.id', 'e.list', 'e.status', 'e.rule_key', 'o.name']).where('o.level3_id', 'is not', null).execute();
    const grounds = await db.selectFrom('credit_grounds as g').innerJoin('credit_entries as e', 'e.id', 'g.entry_id').select(['g.rule_key', 'g.remedied_on', 'e.status']).execute();
    expect(grounds.some((g) => g.status === 'listed' && g.rule_key === 'credit.abnormal.unreachable')).toBe(true);
    // Last year's reports still missing or filed late (吉州区 ran that year's reporting on the platform): a few, not the register.
    const late = grounds.filter((g) => g.rule_key === 'credit.abnormal.annual_report').length;
    expect(late).toBeGreaterThan(0);
    expect(late).toBeLessThan(40);
    expect(entries.some((e) => e.list === 'dishonest' && e.status === 'listed' && e.rule_key === 'credit.dishonest.defaulter')).toBe(true);
    const removed = entries.find((e) => e.status === 'removed' && e.rule_key === 'credit.abnormal.rectification')!;
    const trail = await db.selectFrom('credit_events').select('kind').where('entry_id', '=', removed.id).orderBy('on_day').orderBy('id').execute();
    expect(trail.map((e) => e.kind)).toEqual(['noticed', 'listed', 'restarted', 'compliance_verified', 'removed']);
    expect((await db.selectFrom('credit_letters').select('id').execute()).length).toBe(2);
    expect((await db.selectFrom('credit_proposals').select(['status', 'rule_key']).execute())).toEqual([{ status: 'pending', rule_key: 'credit.abnormal.party' }]);
    const leader = await db.selectFrom('users').select('org_id').where('username', '=', 'cangkou-leader').executeTakeFirstOrThrow();
    expect((await db.selectFrom('credit_entries').select('status').where('org_id', '=', Number(leader.org_id)).execute()).map((e) => e.status)).toEqual(['noticed']);
    expect((await db.selectFrom('job_runs').select('status').where('job', '=', 'credit').execute()).map((r) => r.status)).toEqual(['done']);
  });
});
