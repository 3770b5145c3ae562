import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { folderFs } from './folders';
import type { StatLike } from './trust';

/**
 * Everything the policy loader asks of the machine. main passes `machineDeps()`; the tests pass
 * fakes, so the Windows registry and ACL paths run on Linux too.
 */
export interface PolicyDeps {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** The installed app ignores CAREDESK_POLICY; development and the tests use it. */
  isPackaged: boolean;
  readText(file: string): string;
  /** Raw bytes, for the UTF-16 .reg export. */
  readBytes(file: string): Buffer;
  /** lstat-like: a symlink's own owner and mode, not its target's. */
  stat(file: string): StatLike & { isFile: boolean };
  exec(file: string, args: readonly string[], o?: { env?: Record<string, string | undefined> }): { status: number | null; stdout: string; stderr: string };
  /** Runs fn with the path of a new file name in a private temp folder, then removes the folder. */
  withTempFile<T>(name: string, fn: (file: string) => T): T;
  realpath(p: string): string;
  isDirectory(p: string): boolean;
  canWrite(dir: string): boolean;
  /** The uid this process runs as (POSIX), trusted as a policy owner only when not packaged. */
  uid: number | null;
}

export function machineDeps(o: { isPackaged: boolean; env?: Record<string, string | undefined> }): PolicyDeps {
  return {
    platform: process.platform,
    env: o.env ?? process.env,
    isPackaged: o.isPackaged,
    readText: (f) => fs.readFileSync(f, 'utf8'),
    readBytes: (f) => fs.readFileSync(f),
    stat: (f) => {
      const s = fs.lstatSync(f);
      return { uid: s.uid, gid: s.gid, mode: s.mode, isFile: s.isFile() };
    },
    exec: (file, args, x) => {
      const r = spawnSync(file, args, { encoding: 'utf8', windowsHide: true, timeout: 15_000, env: x?.env ?? process.env });
      return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
    },
    withTempFile: (name, fn) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caredesk-policy-'));
      try {
        return fn(path.join(dir, name));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    ...folderFs,
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
  };
}
