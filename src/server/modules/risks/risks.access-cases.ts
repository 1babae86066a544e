import { defineAccessCases, type MatrixKit, type Target } from '../../../../test/access-matrix/kit.js';
import { insertRiskItem } from '../../../../test/risks.js';
import { todayInChina } from '../../lib/working-days.js';
import type { RiskStatus } from '../../db/types-risks.js';

/**
 * The risk routes in the authorization matrix (test/access-matrix.test.ts). Items are made fresh per request at the
 * target's organization (a filed one: owned by its community, so every business role above it may handle it). The
 * matrix's organization leader and hub manager have no organization linked, so they reach none (ownOnly).
 */
const item = (kit: MatrixKit, t: Target, status: RiskStatus = 'open') => insertRiskItem(kit.t.database.db, t.orgId, status);
const readers = ['org_leader', 'hub_manager'] as const;
const today = () => todayInChina();

export default defineAccessCases({
  routes: [
    { method: 'GET', url: '/api/v1/risks', permission: 'risk.read', placed: false, request: (c) => c.get('/api/v1/risks?status=active&sort=-level') },
    { method: 'GET', url: '/api/v1/risks/board', permission: 'risk.read', placed: true, request: (c, t) => c.get(`/api/v1/risks/board?region=${t.region}`) },
    { method: 'GET', url: '/api/v1/risks/:id', permission: 'risk.read', placed: true, ownOnly: [...readers], request: async (c, t, _n, kit) => c.get(`/api/v1/risks/${await item(kit, t)}`) },
    {
      method: 'GET', url: '/api/v1/risks/:id/interview-notice.pdf', permission: 'risk.read', placed: true, ownOnly: [...readers],
      request: async (c, t, _n, kit) => c.get(`/api/v1/risks/${await item(kit, t, 'interview_noticed')}/interview-notice.pdf`),
    },
    {
      method: 'GET', url: '/api/v1/risks/:id/rectification-notice.pdf', permission: 'risk.read', placed: true, ownOnly: [...readers],
      request: async (c, t, _n, kit) => c.get(`/api/v1/risks/${await item(kit, t, 'rectifying')}/rectification-notice.pdf`),
    },
    { method: 'POST', url: '/api/v1/risks/:id/remind', permission: 'risk.handle', placed: true, request: async (c, t, _n, kit) => c.post(`/api/v1/risks/${await item(kit, t)}/remind`, { version: 1, note: '矩阵提醒' }) },
    {
      method: 'POST', url: '/api/v1/risks/:id/interview-notice', permission: 'risk.handle', placed: true,
      request: async (c, t, _n, kit) => c.post(`/api/v1/risks/${await item(kit, t)}/interview-notice`, { version: 1, date: today(), time: '09:30', place: '社区会议室', attendees: '理事长', reason: '矩阵约谈' }),
    },
    {
      method: 'POST', url: '/api/v1/risks/:id/interview-record', permission: 'risk.handle', placed: true,
      request: async (c, t, _n, kit) =>
        c.post(`/api/v1/risks/${await item(kit, t, 'interview_noticed')}/interview-record`, { version: 1, heldOn: today(), attendees: '理事长', record: '矩阵记录', rectifyItems: '完善制度', rectifyDueOn: '2099-12-31' }),
    },
    {
      // Only an organization's own leader reports: the matrix's leader account is linked to the target's organization
      // for this one call (inside: its own; outside: beyond its region, 404), and unlinked after it.
      method: 'POST', url: '/api/v1/risks/:id/report', permission: 'risk.report', placed: true,
      request: async (c, t, _n, kit) => {
        const id = await item(kit, t, 'rectifying');
        const db = kit.t.database.db;
        const account = c.userId === null ? undefined : await db.selectFrom('users').select(['role', 'org_id']).where('id', '=', c.userId).executeTakeFirst();
        const link = account?.role === 'org_leader' && account.org_id === null;
        if (link) await db.updateTable('users').set({ org_id: t.orgId }).where('id', '=', c.userId!).execute();
        try {
          return await c.post(`/api/v1/risks/${id}/report`, { version: 1, measures: '矩阵整改报告' });
        } finally {
          if (link) await db.updateTable('users').set({ org_id: null }).where('id', '=', c.userId!).execute();
        }
      },
    },
    { method: 'POST', url: '/api/v1/risks/:id/verify', permission: 'risk.handle', placed: true, request: async (c, t, _n, kit) => c.post(`/api/v1/risks/${await item(kit, t, 'reported')}/verify`, { version: 1, passed: true, note: '矩阵核查' }) },
    { method: 'POST', url: '/api/v1/risks/:id/close', permission: 'risk.handle', placed: true, request: async (c, t, _n, kit) => c.post(`/api/v1/risks/${await item(kit, t)}/close`, { version: 1, outcome: 'false_alarm', note: '矩阵销号' }) },
  ],
});
