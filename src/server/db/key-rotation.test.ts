import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/app.js';
import { TEST_DATA_KEY } from '../../../test/db.js';
import { makeResidentId, PLACES } from '../../../test/factories.js';
import { establishmentData } from '../../../test/applications.js';
import { finished, upload } from '../../../test/sheets.js';
import { dataKeyFrom, Keyring, newDataKeyText, openBytes, openJson, parseDataKey, personalHashes, sealedKeyId, useKeyring } from '../lib/personal-data.js';
import { countSealedNotUnder, rotateDataKey } from './key-rotation.js';

// `shezu keys rotate` (issue 12 §5): every sealed value moves to the new key, in batches, resumable; afterwards the
// old key is not needed, and the audited reveal still returns the original value.
let t: TestApp;
let community: Client;
let street: Client;
let leader: Client;
let orgId: number;
let appId: number;
let jobId: string;
const ID = makeResidentId('360802', '19680708');
const CLI_CTX = { actor: null, requestId: 'test-rotate', ip: 'cli' };
const oldRing = Keyring.fromTexts(TEST_DATA_KEY);

beforeAll(async () => {
  t = await createTestApp();
  community = await t.loginAs({ role: 'community_staff', regionCode: PLACES.cangkou });
  street = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
  leader = await t.loginAs({ role: 'org_leader', regionCode: PLACES.cangkou });
  for (let i = 0; i < 12; i++) {
    const res = await community.post('/api/v1/orgs', { name: `仓口轮换测试${i}队`, legalForm: 'filed', category: '文体活动', regionCode: PLACES.cangkou, leaderIdNumber: i === 0 ? ID : makeResidentId('360802', '19690101'), leaderPhone: `1380796${String(2000 + i)}` });
    expect(res.statusCode, res.body).toBe(201);
    if (i === 0) orgId = res.json().id;
  }
  const app = await leader.post('/api/v1/applications', { kind: 'filing', data: establishmentData(PLACES.cangkou, '仓口轮换测试申请') });
  appId = app.json().id;
  const job = await upload(street, '名单.csv', Buffer.from(`名称,组织形式,类别,所在区划代码,负责人身份证号\n仓口轮换导入队,草根,文体活动,${PLACES.cangkou},${ID}\n`));
  jobId = job.json().id;
  expect((await finished(street, jobId)).status).toBe('done');
});
afterAll(async () => {
  useKeyring(oldRing);
  await t?.close();
});

describe('shezu keys rotate', () => {
  it('re-seals everything under the new key, resumes after an interruption, and needs the old key no more', async () => {
    const target = dataKeyFrom(parseDataKey(newDataKeyText()));
    const rotating = new Keyring(target, [oldRing.current]);
    // The first run dies in its fifth batch, within the organizations (the throw aborts that batch's transaction, as a kill would).
    let batches = 0;
    await expect(
      rotateDataKey(t.database.db, CLI_CTX, oldRing, target, {
        batchSize: 5,
        onProgress: () => {
          if (++batches === 5) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    const stopped = await t.database.db.selectFrom('key_rotations').selectAll().where('target_key_id', '=', target.id).executeTakeFirstOrThrow();
    expect(stopped.finished_at).toBeNull();
    expect(Number(stopped.resealed)).toBeGreaterThan(0);
    expect(await countSealedNotUnder(t.database.db, target.id)).toBeGreaterThan(0);

    // Meanwhile a server keeps working (its keyring seals under the new key and still opens the old).
    useKeyring(rotating);
    const more = await community.post('/api/v1/orgs', { name: '仓口轮换期间新建队', legalForm: 'filed', category: '文体活动', regionCode: PLACES.cangkou, leaderPhone: '13807963000' });
    expect(more.statusCode).toBe(201);

    const done = await rotateDataKey(t.database.db, CLI_CTX, oldRing, target, { batchSize: 5 });
    expect(done).toMatchObject({ from: oldRing.current.id, to: target.id, alreadyDone: false, resumed: true });
    expect(await countSealedNotUnder(t.database.db, target.id)).toBe(0);
    expect((await rotateDataKey(t.database.db, CLI_CTX, oldRing, target)).alreadyDone).toBe(true);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'keys.rotate').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].new_value).toMatchObject({ from: oldRing.current.id, to: target.id, resealed: done.resealed });

    // The old key retired: only the new one is configured from here on.
    useKeyring(new Keyring(target));
    const reveal = await community.post(`/api/v1/orgs/${orgId}/reveal`, { field: 'leaderIdNumber' });
    expect(reveal.json()).toEqual({ field: 'leaderIdNumber', value: ID });
    expect((await community.post(`/api/v1/orgs/${orgId}/reveal`, { field: 'leaderPhone' })).json().value).toBe('13807962000');
    // The hash moved too: the exact-match lookup finds the organization under the new key alone.
    const byHash = await t.database.db.selectFrom('orgs').select('id').where('leader_id_number_hash', 'in', personalHashes(ID)).execute();
    expect(byHash.map((r) => Number(r.id))).toContain(orgId);
    // Documents and files: under the new key, the same content.
    const app = await t.database.db.selectFrom('applications').select('data').where('id', '=', appId).executeTakeFirstOrThrow();
    expect(sealedKeyId((app.data as { org: { leaderIdNumber: { $sealed: string } } }).org.leaderIdNumber.$sealed)).toBe(target.id);
    expect((openJson(app.data) as { org: { leaderPhone: string } }).org.leaderPhone).toBe('13907960001');
    const job = await t.database.db.selectFrom('import_jobs').select('report').where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(sealedKeyId(Buffer.from(job.report!))).toBe(target.id);
    expect(openBytes(job.report!).length).toBeGreaterThan(100);
    // An organization edited afterwards shows its history masked, old entries opened under the new key.
    const org = (await community.get(`/api/v1/orgs/${orgId}`)).json();
    expect((await community.patch(`/api/v1/orgs/${orgId}`, { version: org.version, leaderPhone: '13807964000' })).statusCode).toBe(200);
    expect((await community.post(`/api/v1/orgs/${orgId}/reveal`, { field: 'leaderPhone' })).json().value).toBe('13807964000');
  });
});
