import { defineAccessCases } from '../../../../test/access-matrix/kit.js';

/** The stats routes in the authorization matrix (test/access-matrix.test.ts). */
export default defineAccessCases({
  routes: [
    { method: 'GET', url: '/api/v1/stats/targets', permission: 'stats.read', placed: true, request: (c, t) => c.get(`/api/v1/stats/targets?region=${t.region}`) },
    { method: 'GET', url: '/api/v1/stats/breakdown', permission: 'stats.read', placed: true, request: (c, t) => c.get(`/api/v1/stats/breakdown?region=${t.region}`) },
    { method: 'GET', url: '/api/v1/stats/orgs', permission: 'stats.read', placed: true, request: (c, t) => c.get(`/api/v1/stats/orgs?region=${t.region}`) },
    { method: 'GET', url: '/api/v1/stats/targets.xlsx', permission: 'stats.export', placed: true, request: (c, t) => c.get(`/api/v1/stats/targets.xlsx?region=${t.region}`) },
    { method: 'GET', url: '/api/v1/stats/report.xlsx', permission: 'stats.export', placed: true, request: (c, t) => c.get(`/api/v1/stats/report.xlsx?region=${t.region}&year=2025`) },
  ],
});
