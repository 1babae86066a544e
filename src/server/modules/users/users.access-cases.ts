import { defineAccessCases } from '../../../../test/access-matrix/kit.js';
import { PLACES } from '../../../../test/factories.js';

/** The users routes in the authorization matrix (test/access-matrix.test.ts). */
export default defineAccessCases({
  routes: [
    { method: 'GET', url: '/api/v1/users', permission: 'user.read', placed: false, request: (c) => c.get('/api/v1/users') },
    {
      method: 'POST', url: '/api/v1/users', permission: 'user.manage', placed: true,
      request: (c, t, n) => c.post('/api/v1/users', { username: `matrix-${n}`, displayName: '矩阵用户', role: 'community_staff', regionCode: t.region, password: 'Matrix-Pass-1' }),
    },
    { method: 'GET', url: '/api/v1/users/:id', permission: 'user.read', placed: true, request: (c, t) => c.get(`/api/v1/users/${t.userId}`) },
    { method: 'PATCH', url: '/api/v1/users/:id', permission: 'user.manage', placed: true, request: (c, t) => c.patch(`/api/v1/users/${t.userId}`, { displayName: '改名用户' }) },
    { method: 'POST', url: '/api/v1/users/:id/password', permission: 'user.manage', placed: true, request: (c, t) => c.post(`/api/v1/users/${t.userId}/password`, { password: 'Other-Pass-2' }) },
    { method: 'POST', url: '/api/v1/users/:id/unlock', permission: 'user.manage', placed: true, request: (c, t) => c.post(`/api/v1/users/${t.userId}/unlock`) },
  ],
  publicRoutes: ['POST /api/v1/public/signup'],
  publicWrites: [
    {
      method: 'POST', url: '/api/v1/public/signup',
      succeed: (_kit, n, c) => c.post('/api/v1/public/signup', { username: `matrix-applicant-${n}`, displayName: '矩阵申请人', phone: '13907960000', password: 'Apply-Pass-2026', regionCode: PLACES.cangkou }),
      // The same name twice: the second is refused (409) and must leave nothing (the watch keeps the last call's writes).
      refuse: async (_kit, n, c) => {
        const body = { username: `matrix-twice-${n}`, displayName: '矩阵申请人', phone: '13907960000', password: 'Apply-Pass-2026', regionCode: PLACES.cangkou };
        await c.post('/api/v1/public/signup', body);
        return c.post('/api/v1/public/signup', body);
      },
    },
  ],
});
