import fs from 'node:fs';
import net from 'node:net';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { TEST_PASSWORD } from './factories.js';
import { TEST_DATA_KEY } from './db.js';
import { loadConfig } from '../src/server/config.js';
import { LeakScanner } from './leak-scan.js';

/**
 * A real `npm start` server process on an embedded data directory (tests that stop, kill and restart it): the
 * compiled dist/server/server.js, built by buildServer when missing or stale, as `npm start` does.
 */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  base: string;
  output: () => string;
  exited: Promise<number | null>;
  /**
   * fetch on this server (`url` after /api/v1), its answer scanned for personal data in full like the test app's
   * (test/leak-scan.ts; no answer here is an audited reveal), as every line the process prints is.
   */
  fetch(url: string, init?: RequestInit): Promise<Response>;
}

/** Each process's leak scan, reported by cleanUp. */
const scanners = new Map<ChildProcess, LeakScanner>();

/** Builds dist/server when missing or stale (call it in beforeAll, with a minute's timeout). */
export function buildServer() {
  const build = spawnSync(process.execPath, ['scripts/ensure-build.mjs', 'server'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Spawns the server on `dataDir` (no demo data), or on the PostgreSQL database `databaseUrl` when given, with the
 * test data key (a server on PostgreSQL refuses to start without SHEZU_DATA_KEY); `env` adds to or overrides its
 * environment. `children` collects it so the test can kill what is left.
 */
export async function spawnServer(dataDir: string, children: ChildProcess[], opts: { databaseUrl?: string; env?: Record<string, string> } = {}): Promise<ServerProcess> {
  const port = await freePort();
  // Logs at the level production does, so the leak scan reads the request and error lines it would write.
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', SHEZU_DEMO: '0', SHEZU_JOBS: 'off', LOG_LEVEL: loadConfig({}).logLevel };
  delete env.DATABASE_URL;
  delete env.SHEZU_DATA_KEY;
  if (opts.databaseUrl) Object.assign(env, { DATABASE_URL: opts.databaseUrl, SHEZU_DATA_KEY: TEST_DATA_KEY });
  Object.assign(env, opts.env);
  const child = spawn(process.execPath, ['dist/server/server.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const scanner = new LeakScanner();
  scanners.set(child, scanner);
  let out = '';
  const partial = { stdout: '', stderr: '' };
  const collect = (stream: 'stdout' | 'stderr') => (d: Buffer) => {
    out += d;
    const text = partial[stream] + String(d);
    const end = text.lastIndexOf('\n') + 1;
    scanner.logStream.write(text.slice(0, end));
    partial[stream] = text.slice(end);
  };
  child.stdout!.on('data', collect('stdout'));
  child.stderr!.on('data', collect('stderr'));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      scanner.logStream.write(`${partial.stdout}\n${partial.stderr}\n`);
      resolve(code);
    }),
  );
  const base = `http://127.0.0.1:${port}/api/v1`;
  const scannedFetch = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(`${base}${url}`, init);
    const body = Buffer.from(await res.clone().arrayBuffer());
    await scanner.scanBody(`${init.method ?? 'GET'} /api/v1${url.split('?')[0]}`, res.headers.get('content-type') ?? '', body);
    scanner.assertClean();
    return res;
  };
  return { child, port, base, output: () => out, exited, fetch: scannedFetch };
}

/** Waits until the server answers its health check; returns the health body. */
export async function waitHealthy(s: ServerProcess) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (s.child.exitCode !== null) throw new Error(`server exited: ${s.output()}`);
    try {
      const res = await s.fetch('/health');
      if (res.ok) return res.json();
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy: ${s.output()}`);
}

/** Kills what a test left running and removes its data directory. */
export function cleanUp(children: ChildProcess[], dataDir: string) {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
  // What the processes printed and answered, found clean or not (test/leak-scan.ts).
  for (const c of children) {
    const scanner = scanners.get(c);
    scanners.delete(c);
    scanner?.record();
    scanner?.assertClean();
  }
}

/** A signed-in session against a server process: its cookie and CSRF token. */
export interface ProcessSession {
  cookie: string;
  csrf: string;
}

/** Signs `username` in on the server process. */
export async function signIn(s: ServerProcess, username: string, password = TEST_PASSWORD): Promise<ProcessSession> {
  const res = await s.fetch('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('shezu_sid='))!;
  return { cookie, csrf: (await res.json()).csrfToken as string };
}

/** A request of the session's (`url` below /api/v1). */
export const callAs = (s: ServerProcess, who: ProcessSession, url: string, init: RequestInit = {}) =>
  s.fetch(url, { ...init, headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, ...(init.headers ?? {}) } });

/** Uploads a registry import file as the session (POST /orgs/import, multipart); returns the job's id (202 only). */
export async function startOrgImport(s: ServerProcess, who: ProcessSession, file: Buffer, filename: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), filename);
  const res = await callAs(s, who, '/orgs/import', { method: 'POST', body: form });
  if (res.status !== 202) throw new Error(`import: ${res.status} ${await res.text()}`);
  return (await res.json()).id as string;
}
