import { defineAccessCases } from '../../../../test/access-matrix/kit.js';

/** The certificates routes in the authorization matrix (test/access-matrix.test.ts). */
export default defineAccessCases({
  routes: [
    { method: 'GET', url: '/api/v1/certificates/:file', permission: 'certificate.read', placed: true, ownOnly: ['org_leader'], request: (c, t) => c.get(`/api/v1/certificates/${t.certificateNo}.pdf`) },
  ],
  publicRoutes: ['GET /api/v1/public/certificates/:number'],
});
