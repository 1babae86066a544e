import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openDatabase } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { importRegions } from '../src/server/modules/regions/index.js';
import { insertOrgsBulk, type BulkOrg } from '../src/server/modules/orgs/index.js';
import { exportOrgs } from '../src/server/modules/orgs/orgs.export.js';
import { fmt } from './pg.js';

/** Excel export of 100k organizations, streaming: rows per second and peak RSS (it should stay flat). */
export async function orgsExportBench() {
  const n = Number(process.env.BENCH_EXPORT_ROWS ?? 100_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shezu-bench-export-'));
  const database = await openDatabase({ dataDir: dir });
  try {
    await migrate(database.db);
    await importRegions(database.db, '360802');
    const communities = await database.db.selectFrom('regions').select('code').where('level', '=', 5).execute();
    const orgs: BulkOrg[] = Array.from({ length: n }, (_, i) => ({
      regionCode: communities[i % communities.length].code,
      recordedAt: new Date(),
      row: {
        name: `导出测试组织${i}`, former_names: [], credit_code: null, legal_form: 'filed', category: '文体活动',
        address: '吉州区文山街道', leader_name: '张三', leader_id_number: '36080219800101123X', leader_phone: '13800001234',
        individual_members: 30, unit_members: null, founded_on: '2015-06-01', purpose: '丰富居民文化生活', activities: '合唱、舞蹈',
        venue: '社区活动室', hub_org_id: null, status: 'active', is_demo_site: false, is_brand: false, is_incubating: false, certificate_no: null, created_by: null,
      },
    }));
    await insertOrgsBulk(database.db, orgs, 'bench');
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const ctx = { actor: { id: 0, username: 'bench', displayName: 'bench', role: 'district_admin' as const, region: null }, requestId: 'bench', ip: null };
    let bytes = 0;
    const t0 = performance.now();
    await pipeline(await exportOrgs(database.db, ctx, {}), new Writable({ write(c, _e, cb) { bytes += c.length; cb(); } }));
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(timer);
    console.log(`PGlite export of ${fmt(n)} rows: ${seconds.toFixed(1)} s = ${fmt(n / seconds)} rows/s, ${fmt(bytes / 1048576)} MB .xlsx, peak RSS ${fmt(peak / 1048576)} MB (+${fmt((peak - rssBefore) / 1048576)} MB over the start)`);
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
