import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type Client, type TestApp } from './app.js';
import { makeResidentId, PLACES } from './factories.js';
import { establishmentData, PDF_BYTES, submitFiling } from './applications.js';
import { finished, upload } from './sheets.js';
import { findPersonalData, type PersonalDataFinding } from './personal-data-scan.js';
import { recordScore } from './scoreboard.js';
import { isSealedBytes, openJson } from '../src/server/lib/personal-data.js';
import { insertJob } from '../src/server/modules/imports/imports.repository.js';

// Issue 12 §5: after every kind of write that stores a resident ID number or a phone, no table holds one in clear
// (PIPL art. 51). Every text, jsonb and bytea column of every table is read raw, from information_schema's list.
let t: TestApp;
let admin: Client;
let community: Client;
let street: Client;
let leader: Client;
const clear: { idNumbers: string[]; phones: string[] } = { idNumbers: [], phones: [] };
let imported: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.loginAs({ role: 'sysadmin', regionCode: null });
  community = await t.loginAs({ role: 'community_staff', regionCode: PLACES.cangkou });
  street = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
  leader = await t.loginAs({ role: 'org_leader', regionCode: PLACES.cangkou });

  // An organization created, then edited (history and audit with old → new personal values).
  const id1 = makeResidentId('360802', '19700203');
  const id2 = makeResidentId('360802', '19710304');
  clear.idNumbers.push(id1, id2);
  clear.phones.push('13807960001', '13807960002', '0796-8221234');
  const created = await community.post('/api/v1/orgs', {
    name: '仓口社区加密测试合唱团', legalForm: 'filed', category: '文体活动', regionCode: PLACES.cangkou,
    leaderName: '李桂英', leaderIdNumber: id1, leaderPhone: '13807960001',
  });
  expect(created.statusCode, created.body).toBe(201);
  const org = created.json();
  const updated = await community.patch(`/api/v1/orgs/${org.id}`, { version: org.version, leaderIdNumber: id2, leaderPhone: '0796-8221234', reason: '换届' });
  expect(updated.statusCode, updated.body).toBe(200);
  const again = await community.patch(`/api/v1/orgs/${org.id}`, { version: updated.json().version, leaderPhone: '13807960002' });
  expect(again.statusCode, again.body).toBe(200);

  // Accounts with phones: created by an administrator, changed, and a public sign-up.
  const user = await admin.post('/api/v1/users', { username: 'jiami-ceshi', displayName: '加密测试', role: 'community_staff', regionCode: PLACES.cangkou, phone: '13907960011', password: 'Jiami-Test-2026' });
  expect(user.statusCode, user.body).toBe(201);
  expect((await admin.patch(`/api/v1/users/${user.json().id}`, { phone: '13907960012' })).statusCode).toBe(200);
  clear.phones.push('13907960011', '13907960012');

  // Applications with the leader's ID number and phone and a member list with phones, one approved into the registry.
  const data = establishmentData(PLACES.cangkou, '仓口社区加密测试舞蹈队');
  const members = data.members.map((m, i) => ({ ...m, phone: `1350796${String(1000 + i)}` }));
  clear.idNumbers.push(data.org.leaderIdNumber);
  clear.phones.push(data.org.leaderPhone, ...members.map((m) => m.phone));
  const draft = await leader.post('/api/v1/applications', { kind: 'filing', data: { ...data, members } });
  expect(draft.statusCode, draft.body).toBe(201);
  const approvedId = await submitFiling(leader, PLACES.cangkou, '仓口社区加密测试太极队');
  for (const c of [community, street]) {
    const res = await c.post(`/api/v1/applications/${approvedId}/review`, { decision: 'approve', opinion: '同意，已核实' });
    expect(res.statusCode, res.body).toBe(200);
  }

  // An import of a CSV holding ID numbers and phones (its report kept), and a job whose file is still kept.
  const idNumbers = (imported = [makeResidentId('360802', '19750101'), makeResidentId('360802', '19760202')]);
  clear.idNumbers.push(...idNumbers);
  clear.phones.push('13607960021', '13607960022');
  const csv = Buffer.from(
    `名称,组织形式,类别,所在区划代码,负责人,负责人身份证号,联系电话\n` +
      `仓口加密导入甲队,草根,文体活动,${PLACES.cangkou},王一,${idNumbers[0]},13607960021\n` +
      `仓口加密导入乙队,草根,文体活动,${PLACES.cangkou},王二,${idNumbers[1]},13607960022\n` +
      `仓口加密导入丙队,草根,不存在的类别,${PLACES.cangkou},王三,${idNumbers[1]},13607960022\n`,
  );
  const job = await upload(street, '名单.csv', csv);
  expect(job.statusCode, job.body).toBe(202);
  expect((await finished(street, job.json().id)).status).toBe('done');
  await insertJob(t.database.db, { id: 'kept-file-job', userId: street.userId!, kind: 'orgs', filename: '名单.csv', total: 3, skipped: 0, file: csv, unknownHeaders: [], runner: 'x' });
});
afterAll(async () => t?.close());

/**
 * Whether a finding lies inside a long hexadecimal token (a session token's hash, a migration checksum, a request's
 * UUID): eleven digits in a row turn up in those by chance every few runs, and they are no one's phone. A value
 * written as data stands apart (quotes, commas, spaces around it).
 */
function inHexToken(text: string, f: PersonalDataFinding) {
  let from = f.index;
  let to = f.index + f.value.length;
  while (from > 0 && /[0-9a-fA-F-]/.test(text[from - 1])) from--;
  while (to < text.length && /[0-9a-fA-F-]/.test(text[to])) to++;
  const token = text.slice(from, to);
  return token.replace(/-/g, '').length >= 32 && /[a-fA-F]/.test(token);
}

describe('personal data at rest', () => {
  it('holds no resident ID number or phone in clear in any text, jsonb or bytea column of any table', async () => {
    const { rows: columns } = await sql<{ table_name: string; column_name: string; data_type: string }>`
      select c.table_name, c.column_name, c.data_type from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = 'public' and (c.data_type in ('text', 'jsonb', 'json', 'bytea', 'character varying', 'ARRAY'))
      order by c.table_name, c.column_name`.execute(t.database.db);
    const found: (PersonalDataFinding & { at: string })[] = [];
    let values = 0;
    for (const c of columns) {
      const { rows } = await sql<{ v: unknown }>`select ${sql.ref(c.column_name)}${c.data_type === 'bytea' ? sql`` : sql`::text`} as v from ${sql.table(c.table_name)}`.execute(t.database.db);
      for (const { v } of rows) {
        if (v === null) continue;
        values++;
        // A stored file is sealed whole; one that is not is read as the text it holds.
        const text = v instanceof Uint8Array ? (isSealedBytes(v) ? '' : Buffer.from(v).toString('utf8')) : String(v);
        for (const f of findPersonalData(text)) if (!inHexToken(text, f)) found.push({ ...f, at: `${c.table_name}.${c.column_name}` });
      }
    }
    recordScore('encryption at rest', { 'clear values found': found.length, 'columns scanned': columns.length });
    expect(values).toBeGreaterThan(100);
    expect(columns.map((c) => `${c.table_name}.${c.column_name}`)).toEqual(expect.arrayContaining(['orgs.leader_id_number_enc', 'users.phone_enc', 'applications.data', 'audit_log.new_value', 'import_jobs.file']));
    // One line per value found: the table and column say where the write that left it is.
    expect(found.map((f) => `${f.at}: ${f.kind} ${f.value}`).join('\n')).toBe('');
  });

  it('stores the values sealed (they are there, not dropped), and the audited reveal returns the originals', async () => {
    const org = await t.database.db.selectFrom('orgs').selectAll().where('name', '=', '仓口社区加密测试合唱团').executeTakeFirstOrThrow();
    expect(org.leader_id_number_enc).toMatch(/^sz1\./);
    expect(org.leader_id_number_masked).toBe(`${clear.idNumbers[1].slice(0, 4)}**********${clear.idNumbers[1].slice(-4)}`);
    const reveal = await community.post(`/api/v1/orgs/${org.id}/reveal`, { field: 'leaderIdNumber' });
    expect(reveal.json()).toEqual({ field: 'leaderIdNumber', value: clear.idNumbers[1] });
    expect((await community.post(`/api/v1/orgs/${org.id}/reveal`, { field: 'leaderPhone' })).json().value).toBe('13807960002');
    // The history shows the change masked, and keeps it (sealed) rather than losing it.
    const history = (await community.get(`/api/v1/orgs/${org.id}/history`)).json().items;
    expect(history.find((h: { version: number }) => h.version === 2).changes.leaderPhone).toEqual({ from: '138****0001', to: '0796-***1234' });
    const job = await t.database.db.selectFrom('import_jobs').select(['file', 'report']).where('id', '=', 'kept-file-job').executeTakeFirstOrThrow();
    expect(isSealedBytes(job.file)).toBe(true);
    // Stored files (an ID card scan, a member list) are sealed whole, and the entitled reader gets them back as sent.
    const files = [
      ...(await t.database.db.selectFrom('application_attachments').select('content').execute()),
      ...(await t.database.db.selectFrom('org_attachments').select('content').execute()),
    ];
    expect(files.length).toBeGreaterThanOrEqual(8);
    expect(files.every((f) => isSealedBytes(f.content))).toBe(true);
    const approvedOrg = await t.database.db.selectFrom('orgs').select('id').where('name', '=', '仓口社区加密测试太极队').executeTakeFirstOrThrow();
    const [attachment] = (await community.get(`/api/v1/orgs/${approvedOrg.id}/attachments`)).json().items;
    const download = await community.get(`/api/v1/orgs/${approvedOrg.id}/attachments/${attachment.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF_BYTES)).toBe(true);
    // The approved filing's organization carries the applicant's values, sealed and hashed.
    const approved = await t.database.db.selectFrom('orgs').select(['leader_id_number_hash', 'leader_phone_masked']).where('name', '=', '仓口社区加密测试太极队').executeTakeFirstOrThrow();
    expect(approved.leader_id_number_hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(approved.leader_phone_masked).toBe('139****0001');
  });

  it('finds an organization by its leader\'s ID number through the keyed hash alone', async () => {
    const { personalHashes } = await import('../src/server/lib/personal-data.js');
    const named = async (id: string) =>
      (await t.database.db.selectFrom('orgs').select('name').where('leader_id_number_hash', 'in', personalHashes(id)).execute()).map((r) => r.name);
    expect(await named(imported[1])).toEqual(['仓口加密导入乙队']);
    expect(await named(clear.idNumbers[1].toLowerCase())).toEqual(['仓口社区加密测试合唱团']);
    expect(await named(clear.idNumbers[0])).toEqual([]);
  });

  it('shows the applicant their own application masked too, and keeps the values a form sends back untouched', async () => {
    const data = establishmentData(PLACES.cangkou, '仓口社区加密测试秧歌队');
    const members = data.members.map((m, i) => ({ ...m, phone: `1370796${String(1000 + i)}` }));
    const created = await leader.post('/api/v1/applications', { kind: 'filing', data: { ...data, members } });
    expect(created.statusCode, created.body).toBe(201);
    const shown = created.json();
    expect(findPersonalData(JSON.stringify(shown))).toEqual([]);
    expect(shown.data.org.leaderIdNumber).toBe(`${data.org.leaderIdNumber.slice(0, 4)}**********${data.org.leaderIdNumber.slice(-4)}`);
    expect(shown.data.members[3].phone).toBe('137****1003');
    // The form sends everything back as shown, with one member moved to the top and one phone retyped.
    const back = { ...shown.data, members: [shown.data.members[5], ...shown.data.members.filter((_: unknown, i: number) => i !== 5)] };
    back.members[1] = { ...back.members[1], phone: '13607969999' };
    const saved = await leader.patch(`/api/v1/applications/${shown.id}`, { version: shown.version, data: back });
    expect(saved.statusCode, saved.body).toBe(200);
    const row = await t.database.db.selectFrom('applications').select('data').where('id', '=', shown.id).executeTakeFirstOrThrow();
    const stored = openJson(row.data) as Omit<typeof data, 'members'> & { members: typeof members };
    expect(stored.org.leaderIdNumber).toBe(data.org.leaderIdNumber);
    expect(stored.org.leaderPhone).toBe(data.org.leaderPhone);
    expect(stored.members.map((m) => m.phone)).toEqual([members[5].phone, '13607969999', ...members.filter((_, i) => i !== 0 && i !== 5).map((m) => m.phone)]);
    // Submitted, the rules check the real ID number (opened on the server), not its mask.
    const { uploadRequired } = await import('./applications.js');
    await uploadRequired(leader, shown.id);
    const submitted = await leader.post(`/api/v1/applications/${shown.id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
  });
});
