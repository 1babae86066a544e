import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './app.js';
import { createTestCertificate, createTestOrg, createTestOrgAttachment, PLACES } from './factories.js';
import { upload } from './applications.js';

/**
 * The organization relation (lib/access.ts requireOrgAccess / listScope; DESIGN §1): an organization leader acts
 * for their own organization only, a hub manager (以社管社) for their federation and its members. Both are placed in
 * the same community as the organizations they must not reach, so the region subtree alone would let them through.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function linkAccount(c: Client, orgId: number) {
  await t.database.db.updateTable('users').set({ org_id: orgId }).where('id', '=', c.userId!).execute();
}

const addOrgFile = (orgId: number) => createTestOrgAttachment(t.database.db, orgId);
const addCertificate = (orgId: number, serial: string) => createTestCertificate(t.database.db, orgId, `BA-360802-2026-${serial}-RLTN`);

describe('organization leaders', () => {
  it('get 404 on every application and certificate route of another organization, in their own community', async () => {
    const a = await createTestOrg(t.database.db, { name: '仓口关系测试甲舞蹈队', regionCode: PLACES.cangkou });
    const b = await createTestOrg(t.database.db, { name: '仓口关系测试乙合唱队', regionCode: PLACES.cangkou });
    const leaderA = await t.loginAs({ role: 'org_leader', regionCode: PLACES.cangkou });
    const leaderB = await t.loginAs({ role: 'org_leader', regionCode: PLACES.cangkou });
    await linkAccount(leaderA, a.id);
    await linkAccount(leaderB, b.id);
    const certA = await addCertificate(a.id, '91001');
    const certB = await addCertificate(b.id, '91002');

    // B's own change application, with a file.
    const created = await leaderB.post('/api/v1/applications', { kind: 'filing_change', orgId: b.id });
    expect(created.statusCode, created.body).toBe(201);
    const appB = created.json();
    const fileB = (await upload(leaderB, appB.id, 'other')).json().id as number;

    const refused = [
      await leaderA.post('/api/v1/applications', { kind: 'filing_change', orgId: b.id }),
      await leaderA.post('/api/v1/applications', { kind: 'filing_deregistration', orgId: b.id }),
      await leaderA.get(`/api/v1/applications/${appB.id}`),
      await leaderA.patch(`/api/v1/applications/${appB.id}`, { version: appB.version, data: { org: { name: '冒名修改' }, members: [] } }),
      await leaderA.post(`/api/v1/applications/${appB.id}/submit`),
      await leaderA.post(`/api/v1/applications/${appB.id}/withdraw`, {}),
      await upload(leaderA, appB.id, 'other'),
      await leaderA.get(`/api/v1/applications/${appB.id}/attachments/${fileB}`),
      await leaderA.delete(`/api/v1/applications/${appB.id}/attachments/${fileB}`),
      await leaderA.get(`/api/v1/certificates/${certB}.pdf`),
    ];
    for (const res of refused) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.body).not.toContain('乙合唱队');
    }
    const listed = (await leaderA.get('/api/v1/applications?queue=all&pageSize=100')).json();
    expect(listed.items.map((i: { id: number }) => i.id)).not.toContain(appB.id);
    // The registry itself is not a leader's to read, for their own organization as for another (403, no data).
    for (const id of [a.id, b.id]) expect((await leaderA.get(`/api/v1/orgs/${id}`)).statusCode).toBe(403);

    // Their own organization is theirs: the same routes answer.
    expect((await leaderA.get(`/api/v1/certificates/${certA}.pdf`)).statusCode).toBe(200);
    const own = await leaderA.post('/api/v1/applications', { kind: 'filing_change', orgId: a.id });
    expect(own.statusCode, own.body).toBe(201);
    expect((await leaderA.get(`/api/v1/applications/${own.json().id}`)).statusCode).toBe(200);
    // And B's leader still has their application, untouched.
    const still = await leaderB.get(`/api/v1/applications/${appB.id}`);
    expect(still.statusCode).toBe(200);
    expect(still.json()).toMatchObject({ status: 'draft', version: appB.version });
    expect(still.json().attachments.map((f: { id: number }) => f.id)).toEqual([fileB]);
  });

  it('see applications staff filed on behalf of their organization, not those of another', async () => {
    const a = await createTestOrg(t.database.db, { name: '仓口关系测试丙书画社', regionCode: PLACES.cangkou });
    const b = await createTestOrg(t.database.db, { name: '仓口关系测试丁读书会', regionCode: PLACES.cangkou });
    const leaderA = await t.loginAs({ role: 'org_leader', regionCode: PLACES.cangkou });
    await linkAccount(leaderA, a.id);
    const staff = await t.loginAs({ role: 'community_staff', regionCode: PLACES.cangkou });
    const forA = (await staff.post('/api/v1/applications', { kind: 'filing_change', orgId: a.id })).json();
    const forB = (await staff.post('/api/v1/applications', { kind: 'filing_change', orgId: b.id })).json();
    expect((await leaderA.get(`/api/v1/applications/${forA.id}`)).statusCode).toBe(200);
    expect((await leaderA.get(`/api/v1/applications/${forB.id}`)).statusCode).toBe(404);
    const ids = (await leaderA.get('/api/v1/applications?queue=all&pageSize=100')).json().items.map((i: { id: number }) => i.id);
    expect(ids).toContain(forA.id);
    expect(ids).not.toContain(forB.id);
  });
});

describe('hub managers (以社管社)', () => {
  it('see their federation and its members only, in lists and on every record route', async () => {
    const hub = await createTestOrg(t.database.db, { name: '文山关系测试联合会', category: '枢纽型', regionCode: PLACES.wenshan });
    const member = await createTestOrg(t.database.db, { name: '仓口关系测试会员太极队', regionCode: PLACES.cangkou, hubOrgId: hub.id });
    const otherHub = await createTestOrg(t.database.db, { name: '文山关系测试另一联合会', category: '枢纽型', regionCode: PLACES.wenshan });
    const otherMember = await createTestOrg(t.database.db, { name: '仓口关系测试另一会员棋社', regionCode: PLACES.cangkou, hubOrgId: otherHub.id });
    const outsider = await createTestOrg(t.database.db, { name: '仓口关系测试非会员腰鼓队', regionCode: PLACES.cangkou });
    const manager = await t.loginAs({ role: 'hub_manager', regionCode: PLACES.wenshan });
    await linkAccount(manager, hub.id);

    const list = (await manager.get('/api/v1/orgs?pageSize=200&facets=true')).json();
    expect(list.items.map((o: { id: number }) => o.id).sort()).toEqual([hub.id, member.id].sort());
    expect(list.total).toBe(2);
    expect(list.facets.status.reduce((n: number, f: { count: number }) => n + f.count, 0)).toBe(2);
    const searched = (await manager.get(`/api/v1/orgs?q=${encodeURIComponent('关系测试')}`)).json();
    expect(searched.items.map((o: { id: number }) => o.id).sort()).toEqual([hub.id, member.id].sort());
    expect((await manager.get(`/api/v1/orgs?hub=${otherHub.id}`)).json().total).toBe(0);

    for (const org of [hub, member]) {
      const file = await addOrgFile(org.id);
      for (const url of [`/api/v1/orgs/${org.id}`, `/api/v1/orgs/${org.id}/history`, `/api/v1/orgs/${org.id}/attachments`, `/api/v1/orgs/${org.id}/attachments/${file}`]) {
        expect((await manager.get(url)).statusCode, url).toBe(200);
      }
    }
    for (const org of [otherHub, otherMember, outsider]) {
      const file = await addOrgFile(org.id);
      for (const url of [`/api/v1/orgs/${org.id}`, `/api/v1/orgs/${org.id}/history`, `/api/v1/orgs/${org.id}/attachments`, `/api/v1/orgs/${org.id}/attachments/${file}`]) {
        const res = await manager.get(url);
        expect(res.statusCode, url).toBe(404);
        expect(res.body).not.toContain(org.name);
      }
    }
  });
});
