import { defineAccessCases } from '../../../../test/access-matrix/kit.js';

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
});
