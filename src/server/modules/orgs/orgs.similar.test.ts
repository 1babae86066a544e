import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { createTestOrg, PLACES } from '../../../../test/factories.js';

/**
 * Issue 22 item 5, through the API: seed 004's "组织形式、业务范围相同或相近" decides, not the category. The demo gives
 * every 文体 group the same stock purpose; that shared phrase is no evidence. The warning names why and cites the
 * seed, and it appears where the decision is made (saving, review), not on the record for every viewer.
 */
const STOCK = '丰富居民文化体育生活，弘扬传统文化，促进邻里和睦';
let t: TestApp;
let community: Client;
beforeAll(async () => {
  t = await createTestApp();
  for (const name of ['仓口社区葫芦丝队', '仓口社区京剧票友社', '新村社区合唱团', '新村社区门球队']) {
    await createTestOrg(t.database.db, { name, category: '文体活动', purpose: STOCK, regionCode: name.startsWith('仓口') ? PLACES.cangkou : PLACES.xincun });
  }
  community = await t.loginAs({ role: 'community_staff', regionCode: PLACES.cangkou });
});
afterAll(async () => t?.close());

const body = (name: string) => ({ name, legalForm: 'filed', category: '文体活动', regionCode: PLACES.cangkou, status: 'active', purpose: STOCK, leaderName: '张三' });

describe('similarity warning', () => {
  it('does not flag a 象棋社 against a 葫芦丝队 and a 京剧票友社 of the same category and stock purpose', async () => {
    const res = await community.post('/api/v1/orgs', body('仓口社区象棋社'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().warnings.filter((w: { code: string }) => w.code === 'similar_org')).toEqual([]);
  });

  it('flags a second 舞蹈队, says why and cites seed 004, on saving but not on the record', async () => {
    const first = await community.post('/api/v1/orgs', body('仓口社区舞蹈队'));
    expect(first.json().warnings.filter((w: { code: string }) => w.code === 'similar_org')).toEqual([]);
    const second = await community.post('/api/v1/orgs', body('仓口夕阳红舞蹈队'));
    expect(second.statusCode).toBe(201);
    const w = second.json().warnings.find((x: { code: string }) => x.code === 'similar_org');
    expect(w.orgs).toEqual([{ id: first.json().id, name: '仓口社区舞蹈队', why: ['name'] }]);
    expect(w.message).toContain('组织形式相同、名称所示活动相近');
    expect(w.message).toContain('对组织形式、业务范围相同或相近的社区社会组织');
    const record = await community.get(`/api/v1/orgs/${second.json().id}`);
    expect(record.json().warnings.map((x: { code: string }) => x.code)).not.toContain('similar_org');
  });
});
