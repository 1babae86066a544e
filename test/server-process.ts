import fs from 'node:fs';
import net from 'node:net';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

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
}

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
 * Spawns the server on `dataDir` (no demo data); `children` collects it so the test can kill what is left. `extra`
 * adds to its environment: a server on PostgreSQL needs `DATABASE_URL` and `SHEZU_DATA_KEY` (TEST_DATA_KEY of
 * test/db.ts), or it refuses to start.
 */
export async function spawnServer(dataDir: string, children: ChildProcess[], extra: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', SHEZU_DEMO: '0', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.SHEZU_DATA_KEY;
  Object.assign(env, extra);
  const child = spawn(process.execPath, ['dist/server/server.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, base: `http://127.0.0.1:${port}/api/v1`, output: () => out, exited };
}

/** Waits until the server answers its health check; returns the health body. */
export async function waitHealthy(s: ServerProcess) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (s.child.exitCode !== null) throw new Error(`server exited: ${s.output()}`);
    try {
      const res = await fetch(`${s.base}/health`);
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
}
