// One export in a process of its own, so its peak RSS is its own: `node --import tsx bench/orgs-export.child.ts <dataDir> [region]`.
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openDatabase } from '../src/server/db/database.js';
import { exportOrgs } from '../src/server/modules/orgs/orgs.export.js';

const [dataDir, region] = process.argv.slice(2);
const database = await openDatabase({ dataDir });
const ctx = { actor: { id: 0, username: 'bench', displayName: 'bench', role: 'district_admin' as const, region: null, orgId: null }, requestId: 'bench', ip: null };
// Warm the database (first queries grow its memory) before taking the starting point.
await database.db.selectFrom('orgs').selectAll().limit(2000).execute();
const rssBefore = process.memoryUsage().rss;
let peak = rssBefore;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
let bytes = 0;
const t0 = performance.now();
await pipeline(await exportOrgs(database.db, ctx, region ? { region } : {}), new Writable({ write(c, _e, cb) { bytes += c.length; cb(); } }));
const seconds = (performance.now() - t0) / 1000;
clearInterval(timer);
await database.close();
console.log(JSON.stringify({ seconds, bytes, rssBefore, peak }));
