import { defineAccessCases, type MatrixKit, type Target } from '../../../../test/access-matrix/kit.js';
import type { Client } from '../../../../test/app.js';
import { declarationBody, fieldsOf, insertActivity, insertDeclaration } from '../../../../test/declarations.js';

/**
 * The declarations routes in the authorization matrix (test/access-matrix.test.ts). The matrix's organization leader
 * has no organization linked, so it reaches none (404: ownOnly); a hub manager has no federation, likewise.
 * Fixtures are made fresh per request, placed at the target's organization, declared by the target's account.
 */

/** A declaration in review (a case at the community step), filed by that community's staff. */
const filers = new Map<string, Client>();
async function inReview(kit: MatrixKit, t: Target, n: number): Promise<number> {
  if (!filers.has(t.region)) filers.set(t.region, await kit.t.loginAs({ role: 'community_staff', regionCode: t.region }));
  const res = await filers.get(t.region)!.post('/api/v1/declarations', declarationBody(t.orgId, { submit: true, title: `矩阵申报${n}` }));
  if (res.statusCode !== 201) throw new Error(`matrix declaration fixture: ${res.body}`);
  return res.json().id as number;
}

/** An approved declaration of an activity held last month (written directly: no submission can be that late). */
const approved = (kit: MatrixKit, t: Target) => insertDeclaration(kit.t.database.db, t.orgId, t.userId);

/** Where the client may file, its own draft; otherwise the request goes to one it may not touch. */
async function ownDraft(c: Client, kit: MatrixKit, t: Target, n: number): Promise<{ id: number; version: number }> {
  const res = await c.post('/api/v1/declarations', declarationBody(t.orgId, { title: `矩阵草稿${n}` }));
  if (res.statusCode === 201) return { id: res.json().id, version: res.json().version };
  return { id: await insertDeclaration(kit.t.database.db, t.orgId, t.userId, { status: 'submitted', summaryDueOn: null }), version: 1 };
}

const readers = ['org_leader', 'hub_manager'] as const;

export default defineAccessCases({
  routes: [
    { method: 'GET', url: '/api/v1/declarations', permission: 'declaration.read', placed: false, request: (c) => c.get('/api/v1/declarations?status=submitted') },
    {
      method: 'POST', url: '/api/v1/declarations', permission: 'declaration.file', placed: true, ownOnly: ['org_leader'],
      request: (c, t, n) => c.post('/api/v1/declarations', declarationBody(t.orgId, { title: `矩阵新申报${n}` })),
    },
    { method: 'GET', url: '/api/v1/declarations/rules', permission: 'declaration.read', placed: true, ownOnly: [...readers], request: (c, t) => c.get(`/api/v1/declarations/rules?org=${t.orgId}`) },
    { method: 'GET', url: '/api/v1/declarations/flags', permission: 'declaration.read', placed: true, request: (c, t) => c.get(`/api/v1/declarations/flags?region=${t.region}`) },
    {
      method: 'GET', url: '/api/v1/declarations/:id', permission: 'declaration.read', placed: true, ownOnly: [...readers],
      request: async (c, t, n, kit) => c.get(`/api/v1/declarations/${await insertDeclaration(kit.t.database.db, t.orgId, t.userId, { status: 'submitted', title: `矩阵查看${n}` })}`),
    },
    {
      method: 'PATCH', url: '/api/v1/declarations/:id', permission: 'declaration.file', placed: true, ownOnly: ['org_leader'],
      request: async (c, t, n, kit) => {
        const own = await ownDraft(c, kit, t, n);
        return c.patch(`/api/v1/declarations/${own.id}`, { ...fieldsOf(declarationBody(t.orgId, { title: `矩阵改${n}` })), version: own.version });
      },
    },
    {
      method: 'POST', url: '/api/v1/declarations/:id/submit', permission: 'declaration.file', placed: true, ownOnly: ['org_leader'],
      request: async (c, t, n, kit) => c.post(`/api/v1/declarations/${(await ownDraft(c, kit, t, n)).id}/submit`),
    },
    {
      method: 'POST', url: '/api/v1/declarations/:id/withdraw', permission: 'declaration.file', placed: true, ownOnly: ['org_leader'],
      request: async (c, t, n, kit) => c.post(`/api/v1/declarations/${(await ownDraft(c, kit, t, n)).id}/withdraw`, {}),
    },
    {
      // Reviewers above the community step are not at their turn (409): turn order is tested in the flow tests.
      method: 'POST', url: '/api/v1/declarations/:id/review', permission: 'review.decide', placed: true, alsoOk: [409],
      request: async (c, t, n, kit) => c.post(`/api/v1/declarations/${await inReview(kit, t, n)}/review`, { decision: 'return', opinion: '矩阵测试退回' }),
    },
    {
      method: 'POST', url: '/api/v1/declarations/:id/summary', permission: 'declaration.file', placed: true, ownOnly: ['org_leader'],
      request: async (c, t, _n, kit) => c.post(`/api/v1/declarations/${await approved(kit, t)}/summary`, { effect: '到会 60 人', problems: '无', nextSteps: '按章程按期换届' }),
    },
    {
      method: 'POST', url: '/api/v1/declarations/:id/link', permission: 'declaration.file', placed: true, ownOnly: ['org_leader'],
      request: async (c, t, _n, kit) => {
        const id = await approved(kit, t);
        const activityId = await insertActivity(kit.t.database.db, t.orgId, t.userId, { participants: 70 });
        return c.post(`/api/v1/declarations/${id}/link`, { activityId });
      },
    },
  ],
});
