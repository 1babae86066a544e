import { defineAccessCases, type MatrixKit, type Target } from '../../../../test/access-matrix/kit.js';
import type { Client } from '../../../../test/app.js';
import { PLACES } from '../../../../test/factories.js';
import { todayInChina } from '../../lib/working-days.js';

/**
 * The printed credit letters in the authorization matrix (test/access-matrix.test.ts): reading an entry's letters
 * needs what reading the entry needs (credit.read in reach; an organization's leader or hub its own). One entry per
 * target organization, entered by a district admin: a notice (readable at once) that is listed and then removed on
 * verified compliance, so both letters exist.
 */
let admin: Client | null = null;
const entries = new Map<number, Promise<number>>();

async function removedEntryOf(kit: MatrixKit, t: Target): Promise<number> {
  admin ??= await kit.t.loginAs({ role: 'district_admin', regionCode: PLACES.jizhou });
  const a = admin;
  const created = (await a.post('/api/v1/credit', { orgId: t.orgId, ground: 'credit.abnormal.other', factOn: todayInChina(), facts: '矩阵测试：未按规定公开信息。', basisNote: '《社会团体登记管理条例》第三十条' })).json();
  const listed = (await a.post(`/api/v1/credit/${created.id}/list`, { reason: '矩阵测试：书面放弃陈述申辩', version: created.version })).json();
  await a.post(`/api/v1/credit/${created.id}/compliance`, { verifiedOn: todayInChina(), evidence: '矩阵测试：已公开', removeNow: true, version: listed.version });
  return created.id as number;
}

const entryOf = (kit: MatrixKit, t: Target) => {
  if (!entries.has(t.orgId)) entries.set(t.orgId, removedEntryOf(kit, t));
  return entries.get(t.orgId)!;
};

export default defineAccessCases({
  routes: [
    { method: 'GET', url: '/api/v1/credit/:id/notice.pdf', permission: 'credit.read', placed: true, ownOnly: ['org_leader', 'hub_manager'], request: async (c, t, _n, kit) => c.get(`/api/v1/credit/${await entryOf(kit, t)}/notice.pdf`) },
    { method: 'GET', url: '/api/v1/credit/:id/removal.pdf', permission: 'credit.read', placed: true, ownOnly: ['org_leader', 'hub_manager'], request: async (c, t, _n, kit) => c.get(`/api/v1/credit/${await entryOf(kit, t)}/removal.pdf`) },
  ],
});
