import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type Database } from './database.js';
import { MIGRATIONS_DIR, migrate } from './migrate.js';

// Migration 0013 on a database that holds applications in every state, as the filing work left them before the
// review chain (migrations up to 0012 applied, rows written the way the old applications service wrote them).
let database: Database;
let dir: string;
const ids: Record<string, number> = {};

beforeAll(async () => {
  database = await openDatabase({});
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shezu-0013-'));
  for (const f of fs.readdirSync(MIGRATIONS_DIR).filter((f) => f < '0013')) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
  await migrate(database.db, dir);
  const q = (text: string) => sql.raw(text).execute(database.db);
  await q(`INSERT INTO regions (id, code, name, level, kind, level3_id, level4_id, level5_id, pinyin, initials, name_bigrams)
           VALUES (1, '360802', '吉州区', 3, 'district', 1, NULL, NULL, 'jizhouqu', 'jzq', '{}'),
                  (2, '360802001', '文山街道', 4, 'street', 1, 2, NULL, 'wenshan', 'ws', '{}'),
                  (3, '360802001001', '仓口社区', 5, 'community', 1, 2, 3, 'cangkou', 'ck', '{}')`);
  await q(`INSERT INTO users (id, username, display_name, role, region_id, password_hash) VALUES
           (1, 'leader', '刘桂芳', 'org_leader', 3, 'x'), (2, 'staff', '社区工作人员', 'community_staff', 3, 'x'), (3, 'street', '街道审核员', 'street_reviewer', 2, 'x')`);
  const app = async (name: string, status: string, chain: { steps: string; step: string | null; due: string | null; uncertain?: boolean; submitted: boolean; decided?: boolean }) => {
    const res = await sql<{ id: number }>`INSERT INTO applications (kind, status, name, region_id, level3_id, level4_id, level5_id, data, steps, current_step, step_due_on, due_uncertain, applicant_id, submitted_at, decided_at, created_at, updated_at)
      VALUES ('filing', ${status}, ${name}, 3, 1, 2, 3, '{}'::jsonb, ${chain.steps}::text[], ${chain.step}, ${chain.due}, ${chain.uncertain ?? false}, 1,
              ${chain.submitted ? sql`'2026-11-02 09:00+08'` : sql`NULL`}, ${chain.decided ? sql`'2026-11-20 10:00+08'` : sql`NULL`}, '2026-11-01 09:00+08', '2026-11-21 09:00+08')
      RETURNING id`.execute(database.db);
    ids[name] = Number(res.rows[0]!.id);
    return ids[name];
  };
  const event = (appId: number, action: string, step: string | null, at: string, opts: { opinion?: string; due?: string; by?: number } = {}) =>
    sql`INSERT INTO application_events (application_id, at, actor_id, actor_name, actor_role, step, action, opinion, due_on)
        VALUES (${appId}, ${at}::timestamptz, ${opts.by ?? 1}, '某人', 'org_leader', ${step}, ${action}, ${opts.opinion ?? null}, ${opts.due ?? null})`.execute(database.db);

  const draft = await app('草稿', 'draft', { steps: '{}', step: null, due: null, submitted: false });
  await event(draft, 'create', null, '2026-11-01 09:00+08');
  const draftWithdrawn = await app('撤回的草稿', 'withdrawn', { steps: '{}', step: null, due: null, submitted: false, decided: true });
  await event(draftWithdrawn, 'create', null, '2026-11-01 09:00+08');
  await event(draftWithdrawn, 'withdraw', null, '2026-11-03 09:00+08', { opinion: '不办了' });
  const atCommunity = await app('社区在审', 'in_review', { steps: '{community,street}', step: 'community', due: '2026-11-09', uncertain: true, submitted: true });
  await event(atCommunity, 'create', null, '2026-11-01 09:00+08');
  await event(atCommunity, 'submit', 'community', '2026-11-02 09:00+08', { due: '2026-11-09' });
  const atStreet = await app('街道在审', 'in_review', { steps: '{community,street}', step: 'street', due: '2026-11-16', submitted: true });
  await event(atStreet, 'create', null, '2026-11-01 09:00+08');
  await event(atStreet, 'submit', 'community', '2026-11-02 09:00+08', { due: '2026-11-09' });
  await event(atStreet, 'approve', 'community', '2026-11-03 09:00+08', { opinion: '同意', due: '2026-11-17', by: 2 });
  // A returned application keeps the step that returned it (the resubmission goes back there) and no due date.
  const returned = await app('退回补正', 'returned', { steps: '{community,street}', step: 'street', due: null, uncertain: true, submitted: true });
  await event(returned, 'create', null, '2026-11-01 09:00+08');
  await event(returned, 'submit', 'community', '2026-11-02 09:00+08', { due: '2026-11-09' });
  await event(returned, 'approve', 'community', '2026-11-03 09:00+08', { opinion: '同意', due: '2026-11-17', by: 2 });
  await event(returned, 'return', 'street', '2026-11-04 09:00+08', { opinion: '请补充章程', by: 3 });
  const approved = await app('已备案', 'approved', { steps: '{street}', step: null, due: null, submitted: true, decided: true });
  await event(approved, 'create', null, '2026-11-01 09:00+08');
  await event(approved, 'submit', 'street', '2026-11-02 09:00+08', { due: '2026-11-16' });
  await event(approved, 'approve', 'street', '2026-11-20 10:00+08', { opinion: '准予备案', by: 3 });
  const rejected = await app('不予备案', 'rejected', { steps: '{street}', step: null, due: null, submitted: true, decided: true });
  await event(rejected, 'submit', 'street', '2026-11-02 09:00+08', { due: '2026-11-16' });
  await event(rejected, 'reject', 'street', '2026-11-20 10:00+08', { opinion: '属禁止类', by: 3 });
  // Withdrawn after submission: the old service cleared the step and the due date but left due_uncertain set.
  const withdrawn = await app('提交后撤回', 'withdrawn', { steps: '{community,street}', step: null, due: null, uncertain: true, submitted: true, decided: true });
  await event(withdrawn, 'create', null, '2026-11-01 09:00+08');
  await event(withdrawn, 'submit', 'community', '2026-11-02 09:00+08', { due: '2026-11-09' });
  await event(withdrawn, 'withdraw', 'community', '2026-11-05 09:00+08', { opinion: '材料有误' });

  await migrate(database.db);
});

afterAll(async () => {
  await database?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const caseOf = (name: string) =>
  database.db.selectFrom('review_cases').selectAll().where('subject_kind', '=', 'application').where('subject_id', '=', ids[name]!).execute();
const trail = async (table: 'review_events' | 'application_events', name: string) => {
  if (table === 'application_events') {
    return (await database.db.selectFrom('application_events').select(['action', 'opinion']).where('application_id', '=', ids[name]!).orderBy('id').execute()).map((e) => [e.action, e.opinion]);
  }
  const [c] = await caseOf(name);
  if (!c) return [];
  return (await database.db.selectFrom('review_events').select(['action', 'step', 'opinion', 'due_on', 'actor_id']).where('case_id', '=', c.id).orderBy('id').execute()).map((e) => [e.action, e.step, e.opinion, e.due_on, Number(e.actor_id)]);
};

describe('migration 0013: applications on review_cases', () => {
  it('gives every submitted application one case with its chain state, and drafts none', async () => {
    const cases = await database.db.selectFrom('review_cases').selectAll().orderBy('subject_id').execute();
    const named = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
    expect(cases.map((c) => [named[Number(c.subject_id)], c.title, c.status, c.steps, c.current_step, c.step_due_on, c.due_uncertain, Number(c.submitted_by), Number(c.region_id), Number(c.level5_id), c.version])).toEqual([
      ['社区在审', '社区在审', 'in_review', ['community', 'street'], 'community', '2026-11-09', true, 1, 3, 3, 1],
      ['街道在审', '街道在审', 'in_review', ['community', 'street'], 'street', '2026-11-16', false, 1, 3, 3, 1],
      ['退回补正', '退回补正', 'returned', ['community', 'street'], 'street', null, false, 1, 3, 3, 1],
      ['已备案', '已备案', 'approved', ['street'], null, null, false, 1, 3, 3, 1],
      ['不予备案', '不予备案', 'rejected', ['street'], null, null, false, 1, 3, 3, 1],
      ['提交后撤回', '提交后撤回', 'withdrawn', ['community', 'street'], null, null, false, 1, 3, 3, 1],
    ]);
    expect(await caseOf('草稿')).toEqual([]);
    expect(await caseOf('撤回的草稿')).toEqual([]);
  });

  it('keeps the submission and decision times', async () => {
    const [open] = await caseOf('社区在审');
    expect(open!.submitted_at.toISOString()).toBe('2026-11-02T01:00:00.000Z');
    expect(open!.decided_at).toBeNull();
    const [approved] = await caseOf('已备案');
    expect(approved!.decided_at!.toISOString()).toBe('2026-11-20T02:00:00.000Z');
    const [withdrawn] = await caseOf('提交后撤回');
    expect(withdrawn!.decided_at!.toISOString()).toBe('2026-11-20T02:00:00.000Z');
  });

  it('moves the chain’s events to the case’s trail and keeps the draft’s own entries', async () => {
    expect(await trail('review_events', '退回补正')).toEqual([
      ['submit', 'community', null, '2026-11-09', 1],
      ['approve', 'community', '同意', '2026-11-17', 2],
      ['return', 'street', '请补充章程', null, 3],
    ]);
    expect(await trail('application_events', '退回补正')).toEqual([['create', null]]);
    expect(await trail('review_events', '提交后撤回')).toEqual([
      ['submit', 'community', null, '2026-11-09', 1],
      ['withdraw', 'community', '材料有误', null, 1],
    ]);
    expect(await trail('review_events', '已备案')).toEqual([
      ['submit', 'street', null, '2026-11-16', 1],
      ['approve', 'street', '准予备案', null, 3],
    ]);
    expect(await trail('review_events', '不予备案')).toEqual([
      ['submit', 'street', null, '2026-11-16', 1],
      ['reject', 'street', '属禁止类', null, 3],
    ]);
    // A draft withdrawn before submission has no case: its withdrawal stays in its own trail.
    expect(await trail('application_events', '撤回的草稿')).toEqual([
      ['create', null],
      ['withdraw', '不办了'],
    ]);
    const left = await database.db.selectFrom('application_events').select('action').distinct().orderBy('action').execute();
    expect(left.map((r) => r.action)).toEqual(['create', 'withdraw']);
  });

  it('drops the moved columns and their queue index, and keeps the applications themselves', async () => {
    const columns = await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'applications'`.execute(database.db);
    const names = columns.rows.map((r) => r.column_name);
    for (const moved of ['steps', 'current_step', 'step_due_on', 'due_uncertain']) expect(names).not.toContain(moved);
    const index = await sql<{ t: string | null }>`select to_regclass('applications_queue_idx')::text as t`.execute(database.db);
    expect(index.rows[0]!.t).toBeNull();
    const apps = await database.db.selectFrom('applications').select(['name', 'status']).orderBy('id').execute();
    expect(apps.map((a) => a.status)).toEqual(['draft', 'withdrawn', 'in_review', 'in_review', 'returned', 'approved', 'rejected', 'withdrawn']);
  });

  it('refuses a chain event in the applications’ own trail from now on', async () => {
    await expect(
      sql`INSERT INTO application_events (application_id, actor_name, action) VALUES (${ids['草稿']!}, '某人', 'approve')`.execute(database.db),
    ).rejects.toThrow(/application_events_action_check/);
  });
});
