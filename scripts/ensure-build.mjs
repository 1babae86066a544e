#!/usr/bin/env node
// Builds what is missing or older than its sources, so `npm start` (and `npx shezu`) run compiled JavaScript right after
// `npm ci` and never an outdated build. Stale = any source file newer than the build.
//   node scripts/ensure-build.mjs            server + CLI and web (npm start)
//   node scripts/ensure-build.mjs server     server + CLI (bin/shezu.js, the server-process test)
//   node scripts/ensure-build.mjs web        web only (npm test: the browser tests)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, buildServer, buildWeb } from './build.mjs';

const TARGETS = {
  server: {
    built: 'dist/server/server.js',
    // Tests beside the sources are not compiled: editing one does not make the build stale.
    sources: ['src/server', 'src/shared', 'src/cli', 'package-lock.json', 'scripts/build.mjs'],
    build: buildServer,
    label: '服务端',
  },
  web: {
    built: 'dist/web/index.html',
    sources: ['src/web', 'src/shared', 'vite.config.ts', 'package-lock.json'],
    build: buildWeb,
    label: '网页',
  },
};

function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return /\.test\.ts$/.test(p) ? 0 : st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))));
}

/** Builds each of `names` ('server', 'web') whose output is missing or older than its newest source. */
export async function ensureBuild(names = ['server', 'web'], log = console.log) {
  for (const name of names) {
    const t = TARGETS[name];
    const built = path.join(ROOT, t.built);
    const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
    const sourcesAt = Math.max(...t.sources.map((p) => newest(path.join(ROOT, p))));
    if (builtAt >= sourcesAt) continue;
    log(builtAt ? `${t.label}源码有更新，正在重新构建… (${name} sources changed, rebuilding)` : `正在构建${t.label}… (building ${name})`);
    await t.build(log);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2);
  const unknown = names.filter((n) => !(n in TARGETS));
  if (unknown.length) {
    console.error(`用法：node scripts/ensure-build.mjs [server] [web]（未知参数 ${unknown.join(' ')}）`);
    process.exit(2);
  }
  try {
    await ensureBuild(names.length ? names : ['server', 'web']);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
