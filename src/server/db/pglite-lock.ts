import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * PGlite takes no lock on its data directory, and a second process writing to it loses data
 * (STACK-NOTES). We hold an exclusive lock file with our pid; a lock left by a dead process (kill -9, a crash) is
 * taken over, by one process only when several start at once.
 */
export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `数据目录 ${dir} 正被另一个进程（pid ${pid}）使用。同一嵌入式数据库只能由一个进程打开；` +
        `请先停止该进程，或用 DATA_DIR 指定其他目录，多进程请使用 PostgreSQL（DATABASE_URL）。\n` +
        `The data directory ${dir} is in use by process ${pid}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Waits synchronously (the lock is taken before anything else runs, in a synchronous call). */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Creates the lock file holding our pid, all at once: written aside, then linked into place (link fails if the lock
 * exists). A lock opened and then written would be empty for a moment, and a process starting in that moment would
 * read no pid and take it over. Where the file system has no hard links, an exclusive create stands in.
 */
function createLock(lockPath: string): boolean {
  const aside = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(aside, String(process.pid));
  try {
    fs.linkSync(aside, lockPath);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw err;
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
  } finally {
    fs.rmSync(aside, { force: true });
  }
}

/** The pid in the lock and when it was written; null when there is no lock (released meanwhile). */
function readLock(lockPath: string): { pid: number; writtenAt: number } | null {
  try {
    const pid = Number(fs.readFileSync(lockPath, 'utf8').trim());
    return { pid: Number.isInteger(pid) && pid > 0 ? pid : 0, writtenAt: fs.statSync(lockPath).mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Removes a dead process's lock, under a takeover guard (a directory beside it): two processes that both found the
 * same dead lock would otherwise both remove it, the second removing the lock the first had just made, and both
 * would hold the directory. Under the guard the lock is read again and removed only if it is still the dead one.
 * A guard left by a process killed in this instant is stale after a few seconds.
 */
function removeDeadLock(lockPath: string, dead: { pid: number; writtenAt: number }) {
  const guard = `${lockPath}.takeover`;
  try {
    fs.mkdirSync(guard);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const since = fs.statSync(guard, { throwIfNoEntry: false })?.mtimeMs;
    if (since !== undefined && Date.now() - since > 5_000) fs.rmSync(guard, { recursive: true, force: true });
    // Another process is taking over right now: look again in a moment (it will most likely own the lock then).
    else pause(50);
    return;
  }
  try {
    const now = readLock(lockPath);
    if (now && now.pid === dead.pid && now.writtenAt === dead.writtenAt) fs.rmSync(lockPath, { force: true });
  } finally {
    fs.rmSync(guard, { recursive: true, force: true });
  }
}

export function acquireDataDirLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, '.shezu.lock');
  // Longer than a stale takeover guard lives: a guard left by a killed process is cleared within this time.
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (createLock(lockPath)) {
      // Our lock is held, so any postmaster.pid is a leftover of a killed process: PGlite would refuse to start.
      fs.rmSync(path.join(dir, 'postmaster.pid'), { force: true });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        // Only our own lock: never one another process holds.
        if (readLock(lockPath)?.pid === process.pid) fs.rmSync(lockPath, { force: true });
      };
    }
    const holder = readLock(lockPath);
    if (!holder) continue;
    // No pid yet: a lock being written by exclusive create (no hard links here); look again in a moment.
    if (!holder.pid && Date.now() - holder.writtenAt < 2_000) {
      pause(20);
      continue;
    }
    if (holder.pid && holder.pid !== process.pid && isAlive(holder.pid)) throw new DataDirLockedError(dir, holder.pid);
    removeDeadLock(lockPath, holder);
  }
  throw new Error(`无法获取数据目录锁：${lockPath}`);
}
