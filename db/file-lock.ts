import fs from 'node:fs';
import os from 'node:os';
import { OWNER_FILE_MODE } from './backup';

/**
 * One CareDesk per database file (issue 15). Electron's single-instance lock covers one Windows
 * account; a data folder shared by two accounts on one PC, or a second copy started another
 * way, is caught here: `<file>.lock` names the process holding the file. A lock left by a process
 * that is gone (a crash, a power cut) is taken over; one held by a live process on this machine
 * is "in use", and nothing is opened.
 */
export interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

export interface FileLockDeps {
  /** Whether a process with this id is running on this machine. */
  alive(pid: number): boolean;
  pid: number;
  host: string;
  now(): Date;
}

export const processDeps: FileLockDeps = {
  alive(pid) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      // EPERM: it exists, but belongs to another account.
      return (e as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
  pid: process.pid,
  host: os.hostname(),
  now: () => new Date(),
};

export class DatabaseInUseError extends Error {
  constructor(readonly owner: LockOwner) {
    super(`in use by process ${owner.pid} on ${owner.host} since ${owner.since}`);
    this.name = 'DatabaseInUseError';
  }
}

function readOwner(lock: string): LockOwner | null {
  try {
    const o = JSON.parse(fs.readFileSync(lock, 'utf8')) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? { pid: o.pid, host: o.host, since: String(o.since ?? '') } : null;
  } catch {
    return null;
  }
}

/** Takes the lock, or throws DatabaseInUseError naming who holds it. Returns the release function. */
export function acquireFileLock(file: string, deps: FileLockDeps = processDeps): () => void {
  const lock = `${file}.lock`;
  const me: LockOwner = { pid: deps.pid, host: deps.host, since: deps.now().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lock, 'wx', OWNER_FILE_MODE);
      fs.writeSync(fd, JSON.stringify(me));
      fs.closeSync(fd);
      return () => {
        const owner = readOwner(lock);
        if (owner && owner.pid === me.pid && owner.host === me.host) fs.rmSync(lock, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = readOwner(lock);
      // Another process on this machine that is still running holds it. (Another machine's lock means
      // the file is on a share, which is refused before this; it is treated as held.)
      if (owner && owner.pid !== deps.pid && (owner.host !== deps.host || deps.alive(owner.pid))) throw new DatabaseInUseError(owner);
      // Stale (its process is gone), unreadable (a crash while writing it) or our own: take it over.
      fs.rmSync(lock, { force: true });
    }
  }
  throw new Error(`could not take the lock ${lock}`);
}
