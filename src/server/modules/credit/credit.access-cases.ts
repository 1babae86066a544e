import { randomUUID } from 'node:crypto';
import { defineAccessCases, type MatrixKit, type Target } from '../../../../test/access-matrix/kit.js';
import type { Client } from '../../../../test/app.js';
import { createTestOrg } from '../../../../test/factories.js';
import { leaderOf } from '../../../../test/declarations.js';
import { insertPenalty } from '../../../../test/credit.js';
import { todayInChina } from '../../lib/working-days.js';

/**
 * The credit routes in the authorization matrix (test/access-matrix.test.ts). Each request gets a fresh organization
 * at the target's community with its own entry (one open entry per organization and list), made through the penalty
 * listener as a recorded warning makes it. The matrix's organization leader and hub manager have no organization
 * linked, so they read none (404: ownOnly); for the leader's own requests the leader is linked to the fresh
 * organization first (asOwnLeader).
 */
const readers = ['org_leader', 'hub_manager'] as const;

async function freshOrg(kit: MatrixKit, t: Target, n: number) {
  return (await createTestOrg(kit.t.database.db, { name: `矩阵信用测试队${n}-${randomUUID().slice(0, 6)}`, regionCode: t.region })).id;
}

/** A warning recorded today: an abnormal entry in notice. */
async function noticed(kit: MatrixKit, t: Target, n: number) {
  const orgId = await freshOrg(kit, t, n);
  await insertPenalty(kit.t.database.db, orgId, { kind: 'warning', decidedOn: todayInChina(), tell: true });
  const row = await kit.t.database.db.selectFrom('credit_entries').select(['id', 'version']).where('org_id', '=', orgId).executeTakeFirstOrThrow();
  return { orgId, id: Number(row.id), version: row.version };
}

/** The same, listed (its window passed: written directly, as the job would list it). */
async function listed(kit: MatrixKit, t: Target, n: number) {
  const e = await noticed(kit, t, n);
  const today = todayInChina();
  await kit.t.database.db.updateTable('credit_entries').set({ status: 'listed', listed_on: today, period_from: today }).where('id', '=', e.id).execute();
  return e;
}

/** An objection filed by the organization's leader: a case at the district step. */
async function objection(kit: MatrixKit, t: Target, n: number) {
  const e = await noticed(kit, t, n);
  const leader = await leaderOf(kit.t, e.orgId, t.region);
  const res = await leader.post(`/api/v1/credit/${e.id}/objection`, { statement: '矩阵测试申辩' });
  if (res.statusCode !== 200) throw new Error(`matrix objection fixture: ${res.body}`);
  return res.json().requests[0].id as number;
}

/**
 * For the organization's own requests: a leader calling is linked to the fresh organization first (the matrix's leader
 * has none), so inside its community the leader's call succeeds; outside, its region still refuses it (404).
 */
async function asOwnLeader(c: Client, kit: MatrixKit, orgId: number) {
  if (c.userId === null) return;
  const db = kit.t.database.db;
  const user = await db.selectFrom('users').select('role').where('id', '=', c.userId).executeTakeFirst();
  if (user?.role === 'org_leader') await db.updateTable('users').set({ org_id: orgId }).where('id', '=', c.userId).execute();
}

async function proposal(kit: MatrixKit, t: Target, n: number) {
  const orgId = await freshOrg(kit, t, n);
  const row = await kit.t.database.db
    .insertInto('credit_proposals')
    .values({ org_id: orgId, rule_key: 'credit.abnormal.party', subject_kind: 'party_check', subject_id: n, fact_on: todayInChina(), evidence: '矩阵测试：未按规定设立党组织' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export default defineAccessCases({
  routes: [
    { method: 'GET', url: '/api/v1/credit', permission: 'credit.read', placed: false, request: (c) => c.get('/api/v1/credit?list=abnormal&current=true') },
    {
      method: 'POST', url: '/api/v1/credit', permission: 'credit.write', placed: true,
      request: async (c, t, n, kit) => c.post('/api/v1/credit', { orgId: await freshOrg(kit, t, n), ground: 'credit.dishonest.defaulter', factOn: todayInChina(), facts: `矩阵测试：纳入失信被执行人名单${n}` }),
    },
    { method: 'GET', url: '/api/v1/credit/proposals', permission: 'credit.write', placed: false, request: (c) => c.get('/api/v1/credit/proposals?status=pending') },
    {
      method: 'POST', url: '/api/v1/credit/proposals/:id/confirm', permission: 'credit.write', placed: true,
      // The confirmation and the notice it issues are two records.
      audits: 2,
      request: async (c, t, n, kit) => c.post(`/api/v1/credit/proposals/${await proposal(kit, t, n)}/confirm`, { version: 1 }),
    },
    {
      method: 'POST', url: '/api/v1/credit/proposals/:id/dismiss', permission: 'credit.write', placed: true,
      request: async (c, t, n, kit) => c.post(`/api/v1/credit/proposals/${await proposal(kit, t, n)}/dismiss`, { reason: '已设立党组织', version: 1 }),
    },
    {
      // Only the district decides by default: a street or community reviewer is not at their turn (409).
      method: 'POST', url: '/api/v1/credit/requests/:id/review', permission: 'review.decide', placed: true, alsoOk: [409],
      request: async (c, t, n, kit) => c.post(`/api/v1/credit/requests/${await objection(kit, t, n)}/review`, { decision: 'reject', opinion: '矩阵测试：申辩不成立' }),
    },
    {
      method: 'GET', url: '/api/v1/credit/:id', permission: 'credit.read', placed: true, ownOnly: [...readers],
      request: async (c, t, n, kit) => c.get(`/api/v1/credit/${(await noticed(kit, t, n)).id}`),
    },
    {
      method: 'POST', url: '/api/v1/credit/:id/objection', permission: 'credit.apply', placed: true,
      request: async (c, t, n, kit) => {
        const e = await noticed(kit, t, n);
        await asOwnLeader(c, kit, e.orgId);
        return c.post(`/api/v1/credit/${e.id}/objection`, { statement: '矩阵测试申辩' });
      },
    },
    {
      method: 'POST', url: '/api/v1/credit/:id/list', permission: 'credit.write', placed: true,
      request: async (c, t, n, kit) => {
        const e = await noticed(kit, t, n);
        return c.post(`/api/v1/credit/${e.id}/list`, { reason: '组织书面放弃陈述申辩', version: e.version });
      },
    },
    {
      method: 'POST', url: '/api/v1/credit/:id/removal-application', permission: 'credit.apply', placed: true,
      request: async (c, t, n, kit) => {
        const e = await listed(kit, t, n);
        await asOwnLeader(c, kit, e.orgId);
        return c.post(`/api/v1/credit/${e.id}/removal-application`, { statement: '已完成整改' });
      },
    },
    {
      method: 'POST', url: '/api/v1/credit/:id/compliance', permission: 'credit.write', placed: true,
      request: async (c, t, n, kit) => {
        const e = await listed(kit, t, n);
        return c.post(`/api/v1/credit/${e.id}/compliance`, { verifiedOn: todayInChina(), evidence: '已完成整改', version: e.version });
      },
    },
    { method: 'GET', url: '/api/v1/orgs/:id/letters', permission: 'credit.read', placed: true, ownOnly: [...readers], request: (c, t) => c.get(`/api/v1/orgs/${t.orgId}/letters`) },
    {
      method: 'POST', url: '/api/v1/orgs/:id/letters', permission: 'credit.write', placed: true,
      request: (c, t) => c.post(`/api/v1/orgs/${t.orgId}/letters`, { sentOn: todayInChina(), trackingNo: `XA${randomUUID().replace(/-/g, '').slice(0, 16)}`, address: '吉州区矩阵路 1 号', signed: false }),
    },
    { method: 'GET', url: '/api/v1/orgs/:id/eligibility', permission: 'credit.read', placed: true, ownOnly: [...readers], request: (c, t) => c.get(`/api/v1/orgs/${t.orgId}/eligibility`) },
  ],
});
