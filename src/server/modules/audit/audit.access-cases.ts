import { defineAccessCases } from '../../../../test/access-matrix/kit.js';

/** The audit routes in the authorization matrix (test/access-matrix.test.ts). */
export default defineAccessCases({
  routes: [
    { method: 'GET', url: '/api/v1/audit', permission: 'audit.read', placed: false, request: (c) => c.get('/api/v1/audit') },
    { method: 'GET', url: '/api/v1/audit/export.xlsx', permission: 'audit.read', placed: false, request: (c) => c.get('/api/v1/audit/export.xlsx') },
  ],
});
