import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite takes no lock on its data directory, and a second process writing to it loses data
 * (STACK-NOTES). We hold an exclusive lock file with our pid; a lock left by a dead process is taken over.
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

export function acquireDataDirLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, '.shezu.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      // Our lock is held, so any postmaster.pid is a leftover of a killed process: PGlite would refuse to start.
      fs.rmSync(path.join(dir, 'postmaster.pid'), { force: true });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        fs.rmSync(lockPath, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (pid && pid !== process.pid && isAlive(pid)) throw new DataDirLockedError(dir, pid);
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`无法获取数据目录锁：${lockPath}`);
}
