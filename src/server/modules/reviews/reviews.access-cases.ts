import { defineAccessCases } from '../../../../test/access-matrix/kit.js';

/** The reviews routes in the authorization matrix (test/access-matrix.test.ts). */
export default defineAccessCases({
  routes: [
    { method: 'GET', url: '/api/v1/reviews', permission: 'review.read', placed: false, request: (c) => c.get('/api/v1/reviews?queue=mine') },
    { method: 'GET', url: '/api/v1/reviews/counts', permission: 'review.read', placed: false, request: (c) => c.get('/api/v1/reviews/counts') },
    { method: 'GET', url: '/api/v1/reviews/overdue', permission: 'review.decide', placed: true, request: (c, t) => c.get(`/api/v1/reviews/overdue?region=${t.region}`) },
    { method: 'GET', url: '/api/v1/reviews/:id', permission: 'review.read', placed: true, ownOnly: ['org_leader'], request: (c, t) => c.get(`/api/v1/reviews/${t.reviewCaseId}`) },
    {
      method: 'POST', url: '/api/v1/reviews/:id/decide', permission: 'review.decide', placed: true, alsoOk: [409],
      request: async (c, t, _n, kit) => c.post(`/api/v1/reviews/${await kit.newReviewCase(t)}/decide`, { decision: 'return', opinion: '矩阵测试退回' }),
    },
    {
      method: 'POST', url: '/api/v1/reviews/decide-batch', permission: 'review.decide', placed: false,
      request: async (c, t, _n, kit) => c.post('/api/v1/reviews/decide-batch', { ids: [await kit.newReviewCase(t)], decision: 'return', opinion: '矩阵测试退回' }),
    },
  ],
});
