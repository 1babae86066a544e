import { defineAccessCases } from '../../../../test/access-matrix/kit.js';

/** The regions routes in the authorization matrix (test/access-matrix.test.ts). */
export default defineAccessCases({
  routes: [
    { method: 'GET', url: '/api/v1/regions', permission: 'region.read', placed: false, request: (c) => c.get('/api/v1/regions?q=jzq') },
    { method: 'GET', url: '/api/v1/regions/:code', permission: 'region.read', placed: true, request: (c, t) => c.get(`/api/v1/regions/${t.region}`) },
    { method: 'GET', url: '/api/v1/regions/:code/children', permission: 'region.read', placed: true, request: (c, t) => c.get(`/api/v1/regions/${t.region}/children`) },
    {
      method: 'PUT', url: '/api/v1/regions/:code/population', permission: 'region.population.update', placed: true,
      request: (c, t, n) => c.put(`/api/v1/regions/${t.region}/population`, { population: 1000 + n }),
    },
    {
      method: 'POST', url: '/api/v1/regions/:code/grids', permission: 'region.grid.create', placed: true,
      request: (c, t, n) => c.post(`/api/v1/regions/${t.region}/grids`, { name: `矩阵网格${n}` }),
    },
  ],
  publicRoutes: ['GET /api/v1/public/communities'],
});
