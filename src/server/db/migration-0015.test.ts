import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type Database } from './database.js';
import { MIGRATIONS_DIR, migrate, type DataStep } from './migrate.js';
import { DATA_STEPS } from './data-steps.js';
import { isSealedBytes, Keyring, open, openBytes, openJson, personalHash, useKeyring } from '../lib/personal-data.js';
import { TEST_DATA_KEY } from '../../../test/db.js';
import { findPersonalData } from '../../../test/personal-data-scan.js';

// Migration 0015 (and its data step) on a database that holds personal data in clear, as migrations up to 0014 and
// the code of that time stored it: columns, application documents, an audit record, an import's file and report.
let database: Database;
let dir: string;
const ID = '36080219800101001X';
const ID2 = '340302196203154021';
const CSV = Buffer.from(`名称,负责人身份证号,联系电话\n甲队,${ID2},13607960021\n`);
const DATA = {
  org: { name: '仓口社区银龄书画社', leaderIdNumber: ID2, leaderPhone: '13907961501' },
  members: [{ name: '刘秀英1', kind: 'individual', phone: '13507961001' }, { name: '刘桂兰2', kind: 'individual' }],
  charter: '第一条 本组织名称：仓口社区银龄书画社。',
};
const q = (text: string) => sql.raw(text).execute(database.db);

beforeAll(async () => {
  useKeyring(Keyring.fromTexts(TEST_DATA_KEY));
  database = await openDatabase({});
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shezu-0015-'));
  for (const f of fs.readdirSync(MIGRATIONS_DIR).filter((f) => f < '0015')) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
  await migrate(database.db, dir);
  await q(`INSERT INTO regions (id, code, name, level, kind, level3_id, level4_id, level5_id, pinyin, initials, name_bigrams)
           VALUES (1, '360802', '吉州区', 3, 'district', 1, NULL, NULL, 'jizhouqu', 'jzq', '{}')`);
  // 250 accounts: more than one batch of the data step.
  await q(`INSERT INTO users (id, username, display_name, role, region_id, phone, password_hash)
           SELECT n, 'user' || n, '用户' || n, 'community_staff', 1, '1380013' || lpad(n::text, 4, '0'), 'x' FROM generate_series(1, 250) n`);
  await q(`INSERT INTO orgs (id, name, legal_form, category, region_id, level3_id, leader_name, leader_id_number, leader_phone, status, pinyin, initials, search_grams)
           VALUES (1, '吉州区书画协会', 'social_group', '文体活动', 1, 1, '刘桂芳', '${ID}', '0796-8221234', 'active', 'x', 'x', '{}'),
                  (2, '无负责人信息的协会', 'social_group', '文体活动', 1, 1, NULL, NULL, NULL, 'active', 'y', 'y', '{}')`);
  await sql`INSERT INTO applications (kind, status, name, region_id, level3_id, data, applicant_id, created_at, updated_at)
            VALUES ('filing', 'draft', '仓口社区银龄书画社', 1, 1, ${JSON.stringify(DATA)}::jsonb, 1, now(), now())`.execute(database.db);
  // What the users service logged before: the request body with the phone in clear.
  await q(`INSERT INTO audit_log (action, entity_type, entity_id, old_value, new_value)
           VALUES ('user.update', 'user', '1', '{"phone": "138****0001"}', '{"phone": "13900139000"}'),
                  ('org.update', 'org', '1', '{"leaderPhone": "0796-***1234"}', '{"leaderPhone": null}')`);
  await sql`INSERT INTO import_jobs (id, user_id, kind, filename, status, file, report) VALUES
            ('job-kept', 1, 'orgs', 'a.csv', 'interrupted', ${CSV}, NULL), ('job-done', 1, 'orgs', 'b.csv', 'done', NULL, ${CSV})`.execute(database.db);
});
afterAll(async () => {
  await database?.close();
  fs.rmSync(dir, { recursive: true, force: true });
  useKeyring(null);
});

/** Every row of the tables that held personal data, as text; a sealed file counts as nothing readable. */
async function rawText() {
  const { rows } = await sql<{ t: string }>`select
    (select string_agg(u::text, ' ') from users u) || (select string_agg(o::text, ' ') from orgs o) ||
    (select string_agg(a.data::text, ' ') from applications a) || (select string_agg(l::text, ' ') from audit_log l) as t`.execute(database.db);
  const files = await database.db.selectFrom('import_jobs').select(['file', 'report']).execute();
  const readable = files.flatMap((f) => [f.file, f.report]).filter((b): b is Buffer => !!b && !isSealedBytes(b)).map((b) => Buffer.from(b).toString('utf8'));
  return [rows[0].t ?? '', ...readable].join(' ');
}

describe('migration 0015: personal data sealed', () => {
  it('stops in the middle of the data step with its progress kept and the clear columns still there, then resumes', async () => {
    expect(findPersonalData(await rawText()).length).toBeGreaterThan(250);
    let calls = 0;
    const killed: Record<string, DataStep> = {
      '0015': {
        batch(trx, progress) {
          if (++calls === 2) throw new Error('killed');
          return DATA_STEPS['0015'].batch(trx, progress);
        },
      },
    };
    await expect(migrate(database.db, MIGRATIONS_DIR, killed)).rejects.toThrow('killed');
    const row = await database.db.selectFrom('schema_migrations').select(['step_progress', 'step_done_at']).where('version', '=', '0015').executeTakeFirstOrThrow();
    expect(row.step_done_at).toBeNull();
    expect(row.step_progress).toEqual({ t: 0, after: 200 });
    expect(await database.db.selectFrom('schema_migrations').select('version').where('version', '=', '0016').executeTakeFirst()).toBeUndefined();

    await migrate(database.db);
    const done = await database.db.selectFrom('schema_migrations').select(['step_done_at']).where('version', '=', '0015').executeTakeFirstOrThrow();
    expect(done.step_done_at).not.toBeNull();
  });

  it('leaves no ID number or phone in clear, and drops the clear columns', async () => {
    expect(findPersonalData(await rawText())).toEqual([]);
    const { rows } = await sql<{ column_name: string }>`select column_name from information_schema.columns
      where table_name in ('users', 'orgs') and column_name in ('phone', 'leader_id_number', 'leader_phone')`.execute(database.db);
    expect(rows).toEqual([]);
  });

  it('keeps every value: opened, the sealed forms give the originals back, masked and hashed beside them', async () => {
    const org = await database.db.selectFrom('orgs').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    expect(open(org.leader_id_number_enc!)).toBe(ID);
    expect(org.leader_id_number_masked).toBe('3608**********001X');
    expect(org.leader_id_number_hash).toBe(personalHash(ID));
    expect(open(org.leader_phone_enc!)).toBe('0796-8221234');
    expect(org.leader_phone_masked).toBe('0796-***1234');
    const empty = await database.db.selectFrom('orgs').selectAll().where('id', '=', 2).executeTakeFirstOrThrow();
    expect([empty.leader_id_number_enc, empty.leader_phone_enc, empty.leader_phone_hash]).toEqual([null, null, null]);
    const users = await database.db.selectFrom('users').select(['id', 'phone_enc', 'phone_masked']).orderBy('id').execute();
    expect(users).toHaveLength(250);
    expect(users.map((u) => open(u.phone_enc!))).toEqual(users.map((u) => `1380013${String(u.id).padStart(4, '0')}`));
    expect(users[0].phone_masked).toBe('138****0001');
    const app = await database.db.selectFrom('applications').select('data').executeTakeFirstOrThrow();
    expect(openJson(app.data)).toEqual(DATA);
    const audit = await database.db.selectFrom('audit_log').select(['action', 'old_value', 'new_value']).orderBy('id').execute();
    expect(audit.map((a) => [a.action, openJson(a.old_value), openJson(a.new_value)])).toEqual([
      ['user.update', { phone: '138****0001' }, { phone: '13900139000' }],
      ['org.update', { leaderPhone: '0796-***1234' }, { leaderPhone: null }],
    ]);
    const jobs = await database.db.selectFrom('import_jobs').select(['id', 'file', 'report']).orderBy('id').execute();
    expect(openBytes(jobs[0].report!).equals(CSV)).toBe(true);
    expect(openBytes(jobs[1].file!).equals(CSV)).toBe(true);
  });

  it('leaves the audit log append-only again after rewriting it', async () => {
    await expect(q(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(q(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });

  it('needs no key on a database without personal data (a new one)', async () => {
    useKeyring(null);
    const fresh = await openDatabase({});
    try {
      expect(await migrate(fresh.db)).toBeGreaterThanOrEqual(16);
    } finally {
      await fresh.close();
      useKeyring(Keyring.fromTexts(TEST_DATA_KEY));
    }
  });
});
