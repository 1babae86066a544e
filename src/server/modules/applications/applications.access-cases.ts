import { defineAccessCases } from '../../../../test/access-matrix/kit.js';
import { multipart, PDF_BYTES, upload } from '../../../../test/applications.js';

/** The applications routes in the authorization matrix (test/access-matrix.test.ts). */
export default defineAccessCases({
  routes: [
    { method: 'GET', url: '/api/v1/applications', permission: 'application.read', placed: false, request: (c) => c.get('/api/v1/applications?queue=mine') },
    { method: 'GET', url: '/api/v1/applications/counts', permission: 'application.read', placed: false, request: (c) => c.get('/api/v1/applications/counts') },
    { method: 'GET', url: '/api/v1/applications/overdue', permission: 'application.review', placed: true, request: (c, t) => c.get(`/api/v1/applications/overdue?region=${t.region}`) },
    {
      method: 'POST', url: '/api/v1/applications', permission: 'application.apply', placed: true,
      request: (c, t, n) => c.post('/api/v1/applications', { kind: 'filing', data: { org: { name: `矩阵申请${n}`, regionCode: t.region }, members: [] } }),
    },
    { method: 'GET', url: '/api/v1/applications/:id', permission: 'application.read', placed: true, ownOnly: ['org_leader'], request: (c, t) => c.get(`/api/v1/applications/${t.applicationId}`) },
    {
      method: 'PATCH', url: '/api/v1/applications/:id', permission: 'application.apply', placed: true,
      request: async (c, t, n, kit) => {
        const own = await kit.ownApplication(c, t, n);
        return c.patch(`/api/v1/applications/${own?.id ?? t.applicationId}`, { version: own?.version ?? 1, data: { org: { name: `矩阵申请改${n}`, regionCode: t.region }, members: [] } });
      },
    },
    {
      method: 'POST', url: '/api/v1/applications/:id/submit', permission: 'application.apply', placed: true,
      request: async (c, t, n, kit) => {
        const own = await kit.ownApplication(c, t, n, true);
        return c.post(`/api/v1/applications/${own?.id ?? t.applicationId}/submit`);
      },
    },
    {
      method: 'POST', url: '/api/v1/applications/:id/withdraw', permission: 'application.apply', placed: true,
      request: async (c, t, n, kit) => c.post(`/api/v1/applications/${(await kit.ownApplication(c, t, n))?.id ?? t.applicationId}/withdraw`, {}),
    },
    {
      method: 'POST', url: '/api/v1/applications/:id/review', permission: 'application.review', placed: true, alsoOk: [409],
      request: async (c, t, _n, kit) => c.post(`/api/v1/applications/${await kit.newApplication(t.region)}/review`, { decision: 'return', opinion: '矩阵测试退回' }),
    },
    {
      method: 'POST', url: '/api/v1/applications/review-batch', permission: 'application.review', placed: false,
      request: async (c, t, _n, kit) => c.post('/api/v1/applications/review-batch', { ids: [await kit.newApplication(t.region)], decision: 'return', opinion: '矩阵测试退回' }),
    },
    {
      method: 'POST', url: '/api/v1/applications/:id/attachments', permission: 'application.apply', placed: true,
      request: async (c, t, n, kit) => {
        const m = multipart('charter', 'c.pdf', PDF_BYTES);
        const id = (await kit.ownApplication(c, t, n))?.id ?? t.applicationId;
        return c.request({ method: 'POST', url: `/api/v1/applications/${id}/attachments`, payload: m.payload, headers: { 'content-type': m.contentType } });
      },
    },
    {
      method: 'GET', url: '/api/v1/applications/:id/attachments/:attachmentId', permission: 'application.read', placed: true, ownOnly: ['org_leader'],
      request: (c, t) => c.get(`/api/v1/applications/${t.applicationId}/attachments/${t.applicationAttachmentId}`),
    },
    {
      method: 'DELETE', url: '/api/v1/applications/:id/attachments/:attachmentId', permission: 'application.apply', placed: true,
      request: async (c, t, n, kit) => {
        const own = await kit.ownApplication(c, t, n);
        if (!own) return c.delete(`/api/v1/applications/${t.applicationId}/attachments/${t.applicationAttachmentId}`);
        const up = (await upload(c, own.id, 'other')).json();
        return c.delete(`/api/v1/applications/${own.id}/attachments/${up.id}`);
      },
    },
  ],
});
