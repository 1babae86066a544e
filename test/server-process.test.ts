import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The real `npm start` entry point, the compiled dist/server/server.js (built here when missing or stale, as `npm start`
 * does), on an embedded data directory: one process per directory, clean stops, recovery after a kill.
 */
beforeAll(() => {
  const build = spawnSync(process.execPath, ['scripts/ensure-build.mjs', 'server'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
}, 60_000);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shezu-server-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

interface Started {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

async function start(): Promise<Started> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', SHEZU_DEMO: '0', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['dist/server/server.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, output: () => out, exited };
}

async function waitHealthy(s: Started) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (s.child.exitCode !== null) throw new Error(`server exited: ${s.output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${s.port}/api/v1/health`);
      if (res.ok) return res.json();
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy: ${s.output()}`);
}

describe('server process on an embedded data directory', () => {
  it('serves health, refuses a second process, stops cleanly on SIGTERM and recovers after SIGKILL', async () => {
    const first = await start();
    const health = await waitHealthy(first);
    expect(health).toEqual({ status: 'ok', db: 'pglite', migrations: expect.any(Number) });
    expect(health.migrations).toBeGreaterThanOrEqual(3);

    const second = await start();
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('正被另一个进程');

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, '.shezu.lock'))).toBe(false);

    const third = await start();
    await waitHealthy(third);
    third.child.kill('SIGKILL');
    await third.exited;
    expect(fs.existsSync(path.join(dataDir, '.shezu.lock'))).toBe(true);

    const fourth = await start();
    expect((await waitHealthy(fourth)).status).toBe('ok');
    fourth.child.kill('SIGINT');
    expect(await fourth.exited).toBe(0);
  }, 240_000);
});
