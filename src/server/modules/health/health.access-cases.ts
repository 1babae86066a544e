import { defineAccessCases } from '../../../../test/access-matrix/kit.js';

/** The health routes in the authorization matrix (test/access-matrix.test.ts). */
export default defineAccessCases({
  routes: [],
  publicRoutes: ['GET /api/v1/health'],
});
