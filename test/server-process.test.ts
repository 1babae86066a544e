import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, cleanUp, spawnServer, waitHealthy } from './server-process.js';

/**
 * The real `npm start` entry point, the compiled dist/server/server.js (built here when missing or stale, as `npm start`
 * does), on an embedded data directory: one process per directory, clean stops, recovery after a kill.
 */
beforeAll(buildServer, 60_000);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shezu-server-'));
const children: ChildProcess[] = [];
afterAll(() => cleanUp(children, dataDir));
const start = () => spawnServer(dataDir, children);

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

  it('keeps the data key in an owner-only file of the data directory, and refuses PostgreSQL without SHEZU_DATA_KEY', async () => {
    const key = path.join(dataDir, 'shezu-data.key');
    expect(fs.statSync(key).mode & 0o777).toBe(0o600);
    const refused = await spawnServer(dataDir, children, { env: { DATABASE_URL: 'postgres://shezu@127.0.0.1:1/none' } });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain('必须设置个人信息加密密钥 SHEZU_DATA_KEY，拒绝启动');
    expect(refused.output()).toContain('npx shezu keys new');
  });
});
