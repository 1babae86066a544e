import { defineAccessCases, type MatrixKit, type Target } from '../../../../test/access-matrix/kit.js';

/**
 * The penalties routes in the authorization matrix (test/access-matrix.test.ts). The matrix's organization leader
 * has no organization linked and its hub manager no federation, so they reach none (404: ownOnly). Each request gets
 * a fresh penalty of the target's organization, written directly (the recording route is its own case).
 */
// Fixed past days: the request counter runs across the whole matrix, and a decision may not lie in the future.
const DECIDED_ON = '2025-03-01';
const LATER = '2025-04-01';

// Its own counter: the session check calls every route with the same n.
let serial = 0;
async function fixture(kit: MatrixKit, t: Target): Promise<number> {
  const n = ++serial;
  const { id } = await kit.t.database.db
    .insertInto('penalties')
    .values({ org_id: t.orgId, kind: 'warning', decision_no: `矩阵固定〔${n}〕号-${t.region}`, decided_on: DECIDED_ON, facts: '矩阵测试事实', legal_basis: '《社会团体登记管理条例》第三十条', deciding_body: '矩阵测试民政局', by_registrar: true, recorded_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

const readers = ['org_leader', 'hub_manager'] as const;
const body = (t: Target, n: number) => ({
  orgId: t.orgId, kind: 'fine', amountFen: 100_000, decisionNo: `矩阵罚〔${n}-${++serial}〕号-${t.region}`, decidedOn: DECIDED_ON, facts: '矩阵测试事实',
  legalBasis: '《社会团体登记管理条例》第三十条', decidingBody: '矩阵测试民政局', byRegistrar: true,
});

export default defineAccessCases({
  routes: [
    { method: 'GET', url: '/api/v1/penalties', permission: 'penalty.read', placed: false, request: (c) => c.get('/api/v1/penalties?sort=-amount') },
    { method: 'POST', url: '/api/v1/penalties', permission: 'penalty.write', placed: true, request: (c, t, n) => c.post('/api/v1/penalties', body(t, n)) },
    {
      method: 'GET', url: '/api/v1/penalties/:id', permission: 'penalty.read', placed: true, ownOnly: [...readers],
      request: async (c, t, n, kit) => c.get(`/api/v1/penalties/${await fixture(kit, t)}`),
    },
    {
      method: 'POST', url: '/api/v1/penalties/:id/annul', permission: 'penalty.write', placed: true,
      request: async (c, t, n, kit) => c.post(`/api/v1/penalties/${await fixture(kit, t)}/annul`, { annulledOn: LATER, reason: '矩阵测试：复议撤销', version: 1 }),
    },
    {
      method: 'POST', url: '/api/v1/penalties/:id/carried-out', permission: 'penalty.write', placed: true,
      request: async (c, t, n, kit) => c.post(`/api/v1/penalties/${await fixture(kit, t)}/carried-out`, { carriedOutOn: LATER, version: 1 }),
    },
  ],
});
