import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { networkShareOf, parseMountOutput, parseProcMounts, type MountEntry, type PathPlatform } from '../../../shared/policy/network-share';
import type { PolicyProblem } from '../../../shared/policy/schema';
import type { PolicyDeps } from './deps';

/**
 * The checks on a folder the policy names: it exists, is a folder, can be written, and is not
 * on a network share. Nothing is created: a missing folder is the administrator's to make, and
 * creating one in the wrong place (a drive letter that is not mapped yet) would start a second,
 * empty database there. The write check writes one empty probe file and removes it.
 */

/** The mount table: /proc/mounts on Linux, `mount`'s output on macOS; null when it cannot be read. */
export function readMounts(deps: PolicyDeps): MountEntry[] | null {
  if (deps.platform === 'linux') {
    try {
      return parseProcMounts(deps.readText('/proc/self/mounts'));
    } catch {
      try {
        return parseProcMounts(deps.readText('/proc/mounts'));
      } catch {
        return null;
      }
    }
  }
  if (deps.platform === 'darwin') {
    const r = deps.exec('/sbin/mount', []);
    return r.status === 0 ? parseMountOutput(r.stdout) : null;
  }
  return null;
}

export function checkFolder(key: 'dataFolder' | 'backupFolder', folder: string, source: string, deps: PolicyDeps): PolicyProblem | null {
  const problem = (code: PolicyProblem['code'], params?: Record<string, string | number>): PolicyProblem => ({
    source,
    key,
    code,
    params: { path: folder, ...params },
  });
  let real: string;
  try {
    // Resolves symlinks and, on Windows, a mapped drive letter to the \\server\share behind it.
    real = deps.realpath(folder);
  } catch {
    return problem('not_found');
  }
  if (!deps.isDirectory(real)) return problem('not_a_folder');

  const platform = deps.platform as PathPlatform;
  if (platform === 'win32') {
    const verdict = networkShareOf(real, { platform });
    if (verdict.network) return problem('network_share', { where: verdict.where ?? real });
  } else {
    const mounts = readMounts(deps);
    if (mounts === null) return problem('mounts_unreadable');
    const verdict = networkShareOf(real, { platform, mounts });
    if (verdict.network) return problem('network_share', { where: verdict.where ?? real, kind: verdict.kind ?? '' });
  }
  if (!deps.canWrite(real)) return problem('not_writable');
  return null;
}

/** Real file-system answers for checkFolder (the tests pass their own). */
export const folderFs = {
  realpath: (p: string) => fs.realpathSync.native(p),
  isDirectory: (p: string) => {
    try {
      return fs.statSync(p).isDirectory();
    } catch {
      return false;
    }
  },
  /**
   * Creates and removes an empty probe file: on Windows access(W_OK) only looks at the
   * read-only attribute, not at who the folder's permissions let in.
   */
  canWrite: (dir: string) => {
    const probe = path.join(dir, `.caredesk-write-check-${randomBytes(6).toString('hex')}`);
    try {
      fs.closeSync(fs.openSync(probe, 'wx'));
      fs.rmSync(probe, { force: true });
      return true;
    } catch {
      return false;
    }
  },
};

/**
 * The database's own folder, wherever it came from (the policy's data folder, or the per-user
 * default, which a roaming or redirected profile can put on a server): the network-share verdict,
 * or null when it is local. The folder may not exist yet: its nearest existing parent decides.
 */
export function databaseFolderShare(file: string, deps: Pick<PolicyDeps, 'platform' | 'realpath' | 'readText' | 'exec'>): { where: string; kind: string } | null {
  const p = deps.platform === 'win32' ? path.win32 : path.posix;
  let dir = p.dirname(file);
  let real: string | null = null;
  for (let i = 0; i < 64 && real === null; i++) {
    try {
      real = deps.realpath(dir);
    } catch {
      const parent = p.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  const target = real ?? p.dirname(file);
  const platform = deps.platform as PathPlatform;
  const verdict = platform === 'win32' ? networkShareOf(target, { platform }) : networkShareOf(target, { platform, mounts: readMounts(deps as PolicyDeps) ?? [] });
  return verdict.network ? { where: verdict.where ?? target, kind: verdict.kind ?? '' } : null;
}
