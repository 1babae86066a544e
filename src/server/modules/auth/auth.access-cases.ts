import { defineAccessCases } from '../../../../test/access-matrix/kit.js';
import { createTestUser, TEST_PASSWORD } from '../../../../test/factories.js';

/** The auth routes in the authorization matrix (test/access-matrix.test.ts). */
export default defineAccessCases({
  routes: [
    { method: 'GET', url: '/api/v1/auth/me', permission: 'session', placed: false, request: (c) => c.get('/api/v1/auth/me') },
    { method: 'POST', url: '/api/v1/auth/logout', permission: 'session', placed: false, request: (c) => c.post('/api/v1/auth/logout') },
    {
      method: 'POST', url: '/api/v1/auth/password', permission: 'session', placed: false,
      request: (c) => c.post('/api/v1/auth/password', { currentPassword: 'Test-Pass-2026', newPassword: 'Test-Pass-2026' }),
    },
  ],
  publicRoutes: ['POST /api/v1/auth/login'],
  publicWrites: [
    {
      method: 'POST', url: '/api/v1/auth/login',
      succeed: async (kit, _n, c) => c.post('/api/v1/auth/login', { username: (await createTestUser(kit.t.database.db, { role: 'auditor' })).username, password: TEST_PASSWORD }),
      refuse: async (kit, _n, c) => c.post('/api/v1/auth/login', { username: (await createTestUser(kit.t.database.db, { role: 'auditor' })).username, password: 'Wrong-Pass-1' }),
      // A failed login is audited (auth.login_failed) and counted toward the account's lockout, in one transaction.
      refusedWrites: { tables: ['audit_log', 'users'], audits: 1 },
    },
  ],
});
