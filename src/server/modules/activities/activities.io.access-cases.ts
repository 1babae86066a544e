import { defineAccessCases, type MatrixKit, type Target } from '../../../../test/access-matrix/kit.js';
import type { Client } from '../../../../test/app.js';
import { createTestOrg } from '../../../../test/factories.js';

/**
 * The one organization a one-row ledger file names for this client: the target's, or, for a hub manager (who keeps
 * only its federation's and members' ledgers, 以社管社), a federation of its own at the target, linked to its account
 * before the request (outside the request's writes).
 */
async function orgFor(c: Client, t: Target, n: number, kit: MatrixKit): Promise<string> {
  const db = kit.t.database.db;
  const target = await db.selectFrom('orgs').select('name').where('id', '=', t.orgId).executeTakeFirstOrThrow();
  if (c.userId === null) return target.name;
  const user = await db.selectFrom('users').select(['role', 'org_id']).where('id', '=', c.userId).executeTakeFirstOrThrow();
  if (user.role !== 'hub_manager') return target.name;
  const hub = await createTestOrg(db, { name: `矩阵台账联合会${n}`, category: '枢纽型', regionCode: t.region });
  await db.updateTable('users').set({ org_id: hub.id }).where('id', '=', c.userId).execute();
  return hub.name;
}

/** The ledger's spreadsheets and printed ledger in the authorization matrix (test/access-matrix.test.ts). */
export default defineAccessCases({
  routes: [
    {
      method: 'POST', url: '/api/v1/activities/import', permission: 'activity.import', placed: false,
      // The job's: activity.import for the file's one activity (in its batch's transaction), activity.import_file at its finish.
      audits: 2, auditedByJob: true,
      request: async (c, t, n, kit) => {
        const csv = `组织名称,开始时间,活动名称,活动类型,活动地点,参与人数\n${await orgFor(c, t, n, kit)},2026-03-05 09:00,矩阵导入活动${n},文体活动,社区活动室,12\n`;
        const boundary = 'matrixledger';
        const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
        return c.request({ method: 'POST', url: '/api/v1/activities/import', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
      },
    },
    { method: 'GET', url: '/api/v1/activities/import-template.xlsx', permission: 'activity.import', placed: false, request: (c) => c.get('/api/v1/activities/import-template.xlsx') },
    { method: 'GET', url: '/api/v1/activities/export.xlsx', permission: 'activity.read', placed: true, request: (c, t) => c.get(`/api/v1/activities/export.xlsx?region=${t.region}`) },
    { method: 'GET', url: '/api/v1/ledger/print.pdf', permission: 'activity.read', placed: true, request: (c, t) => c.get(`/api/v1/ledger/print.pdf?region=${t.region}&from=2026-01-01&to=2026-12-31`) },
  ],
});
