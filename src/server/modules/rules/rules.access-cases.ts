import { defineAccessCases } from '../../../../test/access-matrix/kit.js';
import { PLACES } from '../../../../test/factories.js';

const day = (n: number) => new Date(Date.UTC(2030, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

/** The rules routes in the authorization matrix (test/access-matrix.test.ts). Rules are public law: not placed. */
export default defineAccessCases({
  routes: [
    { method: 'GET', url: '/api/v1/rules', permission: 'rule.read', placed: false, request: (c) => c.get('/api/v1/rules?prefix=credit.') },
    { method: 'GET', url: '/api/v1/rules/:key', permission: 'rule.read', placed: false, request: (c) => c.get('/api/v1/rules/inspection.ratio') },
    // A fresh day per call: one override per district, rule and day.
    {
      method: 'POST', url: '/api/v1/rules/:key/overrides', permission: 'rule.override', placed: false,
      request: (c, _t, n) => c.post(`/api/v1/rules/inspection.ratio/overrides?region=${PLACES.jizhou}`, { validFrom: day(n), params: { percent: 5 }, reason: '矩阵测试调整' }),
    },
  ],
});
