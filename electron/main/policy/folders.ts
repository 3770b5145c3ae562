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
