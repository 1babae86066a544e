// The login page's first load from the built assets: what a browser fetches before the sign-in form shows, gzipped.
// Goal (issue 11): at most 400 KB of gzipped JavaScript and CSS (1 KB = 1,000 bytes here).
//
// The first load is the page's own links (the entry script, its modulepreload links, its stylesheets), then the
// route's lazy chunk (features/auth/LoginPage.tsx) with every chunk it imports statically and their CSS, read from
// Vite's manifest. The whole app (every .js and .css file of the build) is printed beside it as the ratio.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const ROOT = path.resolve(import.meta.dirname, '..');
const WEB = path.join(ROOT, 'dist/web');
const GOAL_KB = 400;
const LOGIN_ROUTE = 'features/auth/LoginPage.tsx';

interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const gzipSize = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(WEB, file))).length;
const kb = (bytes: number) => (bytes / 1000).toFixed(1);

/** The files a page's HTML links: the module entry, its modulepreload links and its stylesheets. */
export function linkedFiles(html: string): string[] {
  const files: string[] = [];
  for (const m of html.matchAll(/<(script|link)\b([^>]*)>/g)) {
    const attrs = m[2];
    const rel = /\brel="([^"]+)"/.exec(attrs)?.[1];
    const url = /\b(?:src|href)="([^"]+)"/.exec(attrs)?.[1];
    if (!url || !url.startsWith('/assets/')) continue;
    if (m[1] === 'script' ? /\btype="module"/.test(attrs) : rel === 'modulepreload' || rel === 'stylesheet') files.push(url.slice(1));
  }
  return files;
}

/** A manifest chunk with everything it imports statically, and their CSS (what loading it fetches). */
export function staticClosure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the Vite manifest`);
  if (into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const css of chunk.css ?? []) into.add(css);
  for (const dep of chunk.imports ?? []) staticClosure(manifest, dep, into);
  return into;
}

export async function webBundleBench() {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/ensure-build.mjs'), 'web'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('web build failed');
  const html = fs.readFileSync(path.join(WEB, 'index.html'), 'utf8');
  const manifest = JSON.parse(fs.readFileSync(path.join(WEB, '.vite/manifest.json'), 'utf8')) as Manifest;

  const page = linkedFiles(html);
  const login = new Set(page);
  staticClosure(manifest, LOGIN_ROUTE, login);
  const sizes = new Map([...login].map((f) => [f, gzipSize(f)]));
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);

  const assets = fs.readdirSync(path.join(WEB, 'assets')).filter((f) => /\.(js|css)$/.test(f));
  const whole = assets.reduce((sum, f) => sum + gzipSize(`assets/${f}`), 0);

  console.log('login page first load (gzip):');
  for (const [file, size] of [...sizes].sort((a, b) => b[1] - a[1])) {
    console.log(`  ${kb(size).padStart(7)} KB  ${file}${page.includes(file) ? '' : '  (login route)'}`);
  }
  console.log(
    `login first load: ${kb(total)} KB gzip in ${sizes.size} files — goal ≤ ${GOAL_KB} KB: ${total <= GOAL_KB * 1000 ? 'met' : 'NOT met'} (${((total / (GOAL_KB * 1000)) * 100).toFixed(0)}% of the goal)`,
  );
  console.log(`whole app: ${kb(whole)} KB gzip in ${assets.length} files; the login page loads ${((total / whole) * 100).toFixed(0)}% of it`);
}
