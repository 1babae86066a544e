#!/usr/bin/env node
// Runs the whole suite on in-memory PGlite, then again on PostgreSQL when TEST_DATABASE_URL is set,
// and prints the combined count as the last line: `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const extra = process.argv.slice(2);
const runs = [{ name: 'PGlite', env: { SHEZU_TEST_DB: 'pglite' } }];
if (process.env.TEST_DATABASE_URL) runs.push({ name: 'PostgreSQL', env: { SHEZU_TEST_DB: 'postgres' } });
else console.log('TEST_DATABASE_URL 未设置：本次只在 PGlite 上运行（.ci/run 会启动 PostgreSQL 并两者都跑）。');

let passed = 0;
let failed = 0;
let skipped = 0;
let crashed = false;
const scoreboard = [];

function readScores(runName, file) {
  if (!fs.existsSync(file)) return [];
  const sums = new Map();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const { check, figures } = JSON.parse(line);
    const sum = sums.get(check) ?? {};
    for (const [k, v] of Object.entries(figures)) sum[k] = (sum[k] ?? 0) + v;
    sums.set(check, sum);
  }
  return [...sums].sort(([a], [b]) => a.localeCompare(b)).map(
    ([check, sum]) => `计分板 / scoreboard [${runName}] ${check}: ${Object.entries(sum).map(([k, v]) => `${k} ${v}`).join(', ')}`,
  );
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shezu-results-'));
for (const run of runs) {
  console.log(`\n=== 测试 / tests on ${run.name} ===`);
  const out = path.join(dir, `${run.env.SHEZU_TEST_DB}.json`);
  const scores = path.join(dir, `${run.env.SHEZU_TEST_DB}.scores.jsonl`);
  const res = spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...extra],
    { stdio: 'inherit', env: { ...process.env, ...run.env, SHEZU_SCOREBOARD_FILE: scores } },
  );
  if (!fs.existsSync(out)) {
    console.error(`${run.name}: vitest produced no results (exit ${res.status})`);
    crashed = true;
    continue;
  }
  const r = JSON.parse(fs.readFileSync(out, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  // A file that failed to load, or whose setup (beforeAll) failed so its tests were skipped, has no failed test to
  // count: count the file as a failure rather than lose it among the skipped.
  const brokenFiles = r.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length;
  failed += brokenFiles;
  if (res.status !== 0 && r.numFailedTests === 0 && brokenFiles === 0) crashed = true;
  scoreboard.push(...readScores(run.name, scores));
  console.log(`${run.name}: ${r.numPassedTests} passed, ${r.numFailedTests + brokenFiles} failed${skipped ? `, ${skipped} skipped` : ''}`);
}
fs.rmSync(dir, { recursive: true, force: true });
// The reliability scoreboard (test/scoreboard.ts): one line per check and database, read by people from CI output.
if (scoreboard.length) console.log('');
for (const line of scoreboard) console.log(line);
if (crashed) failed += 1;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || skipped > 0 ? 1 : 0);
