import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from './pglite-lock.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'shezu-lock-'));

/** A pid that surely belongs to no running process: one that just exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
}

describe('data directory lock', () => {
  it('refuses a second holder while the first lives, and frees on release', () => {
    const dir = tmp();
    const release = acquireDataDirLock(dir);
    // Same process asking twice stands in for a second process: the pid in the file is alive.
    fs.writeFileSync(path.join(dir, '.shezu.lock'), String(process.ppid));
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(dir)).toThrow(/正被另一个进程/);
    fs.writeFileSync(path.join(dir, '.shezu.lock'), String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, '.shezu.lock'))).toBe(false);
    acquireDataDirLock(dir)();
  });

  it('takes over a lock left by a killed process and clears its postmaster.pid', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, '.shezu.lock'), String(deadPid()));
    fs.writeFileSync(path.join(dir, 'postmaster.pid'), '12345\n');
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(dir, '.shezu.lock'), 'utf8')).toBe(String(process.pid));
    expect(fs.existsSync(path.join(dir, 'postmaster.pid'))).toBe(false);
    release();
  });

  it('clears a takeover guard left by a process killed while taking over, and takes the dead lock', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, '.shezu.lock'), String(deadPid()));
    const guard = path.join(dir, '.shezu.lock.takeover');
    fs.mkdirSync(guard);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(guard, old, old);
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(dir, '.shezu.lock'), 'utf8')).toBe(String(process.pid));
    expect(fs.existsSync(guard)).toBe(false);
    release();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('leaves a lock that is not its own in place on release', () => {
    const dir = tmp();
    const release = acquireDataDirLock(dir);
    // Another process's lock in its place (as if ours had been taken): a release must not remove it.
    fs.writeFileSync(path.join(dir, '.shezu.lock'), String(process.ppid));
    release();
    expect(fs.readFileSync(path.join(dir, '.shezu.lock'), 'utf8')).toBe(String(process.ppid));
  });
});
