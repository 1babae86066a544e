import { defineAccessCases } from '../../../../test/access-matrix/kit.js';
import { PLACES } from '../../../../test/factories.js';

/** The settings routes in the authorization matrix (test/access-matrix.test.ts). */
export default defineAccessCases({
  routes: [
    { method: 'GET', url: '/api/v1/settings', permission: 'settings.manage', placed: false, request: (c) => c.get(`/api/v1/settings?region=${PLACES.jizhou}`) },
    {
      method: 'PUT', url: '/api/v1/settings/:key', permission: 'settings.manage', placed: false,
      request: (c) => c.put(`/api/v1/settings/workdays.overrides?region=${PLACES.jizhou}`, { value: { '2027': { holidays: ['2027-01-01'], workdays: [] } } }),
    },
  ],
});
