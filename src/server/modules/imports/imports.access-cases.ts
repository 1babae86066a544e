import { defineAccessCases } from '../../../../test/access-matrix/kit.js';

/**
 * The import-job routes in the authorization matrix (test/access-matrix.test.ts). A job is its importer's alone and
 * needs its kind's permission (the registry's: org.import); the upload route belongs to the module that imports.
 */
export default defineAccessCases({
  routes: [
    { method: 'GET', url: '/api/v1/imports', permission: 'org.import', placed: false, request: (c) => c.get('/api/v1/imports?kind=orgs') },
    {
      method: 'GET', url: '/api/v1/imports/:id', permission: 'org.import', placed: false,
      request: async (c, _t, _n, kit) => c.get(`/api/v1/imports/${await kit.ownImportJob(c)}`),
    },
    {
      method: 'GET', url: '/api/v1/imports/:id/report.xlsx', permission: 'org.import', placed: false,
      request: async (c, _t, _n, kit) => c.get(`/api/v1/imports/${await kit.ownImportJob(c)}/report.xlsx`),
    },
    {
      method: 'POST', url: '/api/v1/imports/:id/resume', permission: 'org.import', placed: false,
      // import.resume with the restart itself; then the job's org.import for the file's one row and org.import_file at its finish.
      audits: 3,
      request: async (c, t, n, kit) => c.post(`/api/v1/imports/${await kit.ownImportJob(c, { name: `矩阵续导组织${n}`, region: t.region })}/resume`),
    },
    {
      method: 'POST', url: '/api/v1/imports/:id/rerun', permission: 'org.import', placed: false,
      // import.rerun with the restart itself; then the job's org.import for the file's one row and org.import_file at its finish.
      audits: 3,
      request: async (c, t, n, kit) => c.post(`/api/v1/imports/${await kit.ownImportJob(c, { name: `矩阵重导组织${n}`, region: t.region })}/rerun`),
    },
  ],
});
