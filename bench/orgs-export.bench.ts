import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { openDatabase } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { importRegions } from '../src/server/modules/regions/index.js';
import { insertOrgsBulk, type BulkOrg } from '../src/server/modules/orgs/index.js';
import { fmt } from './pg.js';
import { Keyring, newDataKeyText, sealedColumns, useKeyring } from '../src/server/lib/personal-data.js';

/** Excel export of 100k organizations, streaming: rows per second and peak RSS (it should stay flat). */
export async function orgsExportBench() {
  const n = Number(process.env.BENCH_EXPORT_ROWS ?? 100_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shezu-bench-export-'));
  const database = await openDatabase({ dataDir: dir });
  try {
    await migrate(database.db);
    await importRegions(database.db, '360802');
    // A fifth of the rows in one street: the same export over 20k and 100k rows shows whether memory stays flat.
    const street = await database.db.selectFrom('regions').select('code').where('level', '=', 4).orderBy('code').executeTakeFirstOrThrow();
    const communities = await database.db.selectFrom('regions').select('code').where('level', '=', 5).execute();
    const inStreet = communities.filter((c) => c.code.startsWith(street.code.slice(0, 9)));
    const elsewhere = communities.filter((c) => !c.code.startsWith(street.code.slice(0, 9)));
    // The personal columns as every write stores them: sealed, masked, hashed (the export reads the masked form).
    useKeyring(Keyring.fromTexts(newDataKeyText()));
    const leader = { ...sealedColumns('leader_id_number', 'resident_id', '36080219800101123X'), ...sealedColumns('leader_phone', 'phone', '13800001234') };
    const orgs: BulkOrg[] = Array.from({ length: n }, (_, i) => ({
      regionCode: i < n / 5 ? inStreet[i % inStreet.length].code : elsewhere[i % elsewhere.length].code,
      recordedAt: new Date(),
      row: {
        name: `导出测试组织${i}`, former_names: [], credit_code: null, legal_form: 'filed', category: '文体活动',
        address: '吉州区文山街道', leader_name: '张三', ...leader,
        individual_members: 30, unit_members: null, founded_on: '2015-06-01', purpose: '丰富居民文化生活', activities: '合唱、舞蹈',
        venue: '社区活动室', hub_org_id: null, status: 'active', is_demo_site: false, is_brand: false, is_incubating: false, certificate_no: null, created_by: null,
      },
    }));
    await insertOrgsBulk(database.db, orgs, 'bench');
    await database.close();
    const run = (region: string, mode: 'export' | 'raw' | 'read') => {
      const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'orgs-export.child.ts'), dir, region, mode], { encoding: 'utf8', maxBuffer: 1 << 26 });
      if (child.status !== 0) throw new Error(child.stderr);
      return JSON.parse(child.stdout.trim().split('\n').pop()!) as { seconds: number; bytes: number; rssBefore: number; peak: number; heapPeak: number };
    };
    const mb = (b: number) => fmt(b / 1048576);
    const peaks: number[] = [];
    const reads: number[] = [];
    for (const [rows, region] of [[n / 5, street.code], [n, '']] as const) {
      const r = run(region, 'export');
      const raw = run(region, 'raw');
      const read = run(region, 'read');
      // The raw write holds the export's own rows: a much smaller export lost rows (a bench of a broken export lies).
      if (r.bytes < raw.bytes * 0.8) throw new Error(`export wrote ${r.bytes} bytes, ExcelJS alone ${raw.bytes}: rows are missing`);
      peaks.push(r.peak - r.rssBefore);
      reads.push(read.peak - read.rssBefore);
      console.log(
        `PGlite export of ${fmt(rows)} rows: ${r.seconds.toFixed(1)} s = ${fmt(rows / r.seconds)} rows/s, ${mb(r.bytes)} MB .xlsx, peak RSS ${mb(r.peak)} MB (+${mb(r.peak - r.rssBefore)} MB over the start; JS heap peak ${mb(r.heapPeak)} MB)` +
          `; ExcelJS alone writing the same rows: ${fmt(rows / raw.seconds)} rows/s, +${mb(raw.peak - raw.rssBefore)} MB (export ${(r.seconds / raw.seconds).toFixed(1)}× the raw write)`,
      );
    }
    console.log(`  peak RSS growth ${fmt(n)} vs ${fmt(n / 5)} rows: +${mb(peaks[1] - peaks[0])} MB; of which the database reading the same pages (no sheet written): +${mb(reads[1] - reads[0])} MB (+${mb(reads[0])} and +${mb(reads[1])} MB)`);
    console.log('  goals: ≥ 20,000 rows/s; flat memory (peak at 100k within 50 MB of the peak at 20k; each export runs in a process of its own)');
  } finally {
    await database.close().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
