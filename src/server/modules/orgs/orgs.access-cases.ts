import { defineAccessCases } from '../../../../test/access-matrix/kit.js';

/** The orgs routes in the authorization matrix (test/access-matrix.test.ts). */
export default defineAccessCases({
  routes: [
    { method: 'GET', url: '/api/v1/orgs', permission: 'org.read', placed: false, request: (c) => c.get('/api/v1/orgs?q=xyh') },
    {
      method: 'POST', url: '/api/v1/orgs', permission: 'org.create', placed: true,
      request: (c, t, n) => c.post('/api/v1/orgs', { name: `矩阵测试组织${n}`, legalForm: 'filed', category: '文体活动', regionCode: t.region }),
    },
    { method: 'GET', url: '/api/v1/orgs/:id', permission: 'org.read', placed: true, ownOnly: ['hub_manager'], request: (c, t) => c.get(`/api/v1/orgs/${t.orgId}`) },
    {
      method: 'PATCH', url: '/api/v1/orgs/:id', permission: 'org.update', placed: true,
      request: async (c, t, n, kit) => c.patch(`/api/v1/orgs/${t.orgId}`, { version: await kit.orgVersion(t.orgId), individualMembers: n }),
    },
    { method: 'GET', url: '/api/v1/orgs/:id/history', permission: 'org.read', placed: true, ownOnly: ['hub_manager'], request: (c, t) => c.get(`/api/v1/orgs/${t.orgId}/history`) },
    {
      method: 'POST', url: '/api/v1/orgs/:id/reveal', permission: 'org.personal.reveal', placed: true,
      request: (c, t) => c.post(`/api/v1/orgs/${t.orgId}/reveal`, { field: 'leaderPhone' }),
    },
    { method: 'GET', url: '/api/v1/orgs/:id/attachments', permission: 'org.read', placed: true, ownOnly: ['hub_manager'], request: (c, t) => c.get(`/api/v1/orgs/${t.orgId}/attachments`) },
    {
      method: 'GET', url: '/api/v1/orgs/:id/attachments/:attachmentId', permission: 'org.read', placed: true, ownOnly: ['hub_manager'],
      request: (c, t) => c.get(`/api/v1/orgs/${t.orgId}/attachments/${t.attachmentId}`),
    },
    {
      method: 'POST', url: '/api/v1/orgs/:id/attachments', permission: 'org.update', placed: true,
      request: (c, t) => {
        const b = 'matrixattach';
        const payload = `--${b}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncharter\r\n--${b}\r\nContent-Disposition: form-data; name="file"; filename="c.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 test\r\n--${b}--\r\n`;
        return c.request({ method: 'POST', url: `/api/v1/orgs/${t.orgId}/attachments`, payload, headers: { 'content-type': `multipart/form-data; boundary=${b}` } });
      },
    },
    {
      method: 'DELETE', url: '/api/v1/orgs/:id/attachments/:attachmentId', permission: 'org.update', placed: true,
      request: async (c, t, _n, kit) => c.delete(`/api/v1/orgs/${t.orgId}/attachments/${await kit.newAttachment(t.orgId)}`),
    },
    { method: 'GET', url: '/api/v1/orgs/export.xlsx', permission: 'org.export', placed: false, request: (c) => c.get('/api/v1/orgs/export.xlsx') },
    { method: 'GET', url: '/api/v1/orgs/import-template.xlsx', permission: 'org.import', placed: false, request: (c) => c.get('/api/v1/orgs/import-template.xlsx') },
    {
      method: 'POST', url: '/api/v1/orgs/import', permission: 'org.import', placed: false,
      // The job's: org.import for the one organization of the file (in its batch's transaction), org.import_file at its finish.
      audits: 2, auditedByJob: true,
      request: (c, t, n) => {
        const boundary = 'matrixboundary';
        const csv = `名称,组织形式,类别,所在区划代码\n矩阵导入组织${n},草根,文体活动,${t.region}\n`;
        const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="m.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
        return c.request({ method: 'POST', url: '/api/v1/orgs/import', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
      },
    },
  ],
  publicRoutes: ['GET /api/v1/public/orgs', 'GET /api/v1/public/orgs/:id', 'GET /api/v1/public/places'],
});
