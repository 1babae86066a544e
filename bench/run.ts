// `npm run bench`: speed goals measured side by side in one run, printed as ratios (never asserted in tests).
// PostgreSQL parts need BENCH_DATABASE_URL (or TEST_DATABASE_URL): a server where the bench may create databases.
import { regionsImportBench } from './regions-import.bench.js';
import { orgsSearchBench } from './orgs-search.bench.js';
import { orgsExportBench } from './orgs-export.bench.js';
import { statsTargetsBench } from './stats-targets.bench.js';
import { importsBench } from './imports.bench.js';
import { webBundleBench } from './web-bundle.bench.js';
import { activityImportBench, ledgerTotalsBench } from './ledger.bench.js';

const only = process.argv.slice(2);
const benches: Record<string, () => Promise<void>> = {
  'regions-import': regionsImportBench,
  'orgs-search': orgsSearchBench,
  'orgs-import': importsBench,
  'orgs-export': orgsExportBench,
  'stats-targets': statsTargetsBench,
  'ledger-totals': ledgerTotalsBench,
  'activities-import': activityImportBench,
  'web-bundle': webBundleBench,
};

for (const [name, run] of Object.entries(benches)) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n## ${name}`);
  await run();
}
