/**
 * Is a folder on a network share? SQLite's locking and WAL shared memory only work between
 * processes on one machine, so a database file on SMB, NFS and the like can be corrupted by a
 * second station. Pure functions: the caller (electron/main) reads the mount table or resolves
 * the Windows path, and passes the text in; the data-safety checks reuse the same rules.
 */

export type PathPlatform = 'win32' | 'linux' | 'darwin';

export interface MountEntry {
  /** What is mounted: a device, `server:/export`, `//server/share`, `user@host:`. */
  source: string;
  mountPoint: string;
  fsType: string;
}

export interface NetworkShareVerdict {
  network: boolean;
  /** Why: the file system type of the mount, or 'unc' for a Windows UNC path. */
  kind: string | null;
  /** The mount point (POSIX) or the \\server\share prefix (Windows) that decided it. */
  where: string | null;
}

/**
 * File systems whose files live on another machine. `fuse.*` names are how Linux reports FUSE
 * mounts; gvfs is GNOME's mount of smb://, sftp:// and the like under /run/user.
 */
export const NETWORK_FS_TYPES: ReadonlySet<string> = new Set([
  'nfs',
  'nfs4',
  'cifs',
  'smb',
  'smb2',
  'smb3',
  'smbfs',
  'afpfs',
  'afs',
  'ncpfs',
  'ncp',
  'coda',
  'ceph',
  'glusterfs',
  'lustre',
  'gpfs',
  'beegfs',
  'orangefs',
  'pvfs2',
  'davfs',
  'webdav',
  'ftp',
  'sshfs',
  'fuse.sshfs',
  'fuse.rclone',
  'fuse.s3fs',
  'fuse.glusterfs',
  'fuse.cephfs',
  'fuse.ceph-fuse',
  'fuse.curlftpfs',
  'fuse.davfs2',
  'fuse.gvfsd-fuse',
  'fuse.smbnetfs',
]);

export function isNetworkFsType(fsType: string): boolean {
  return NETWORK_FS_TYPES.has(fsType.toLowerCase());
}

/** Undoes the octal escapes /proc/mounts uses for space, tab, newline and backslash. */
function unescapeProc(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/** Parses Linux /proc/mounts (or /etc/mtab): `source mountpoint fstype options dump pass`. */
export function parseProcMounts(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 3 || fields[0]!.startsWith('#')) continue;
    out.push({ source: unescapeProc(fields[0]!), mountPoint: unescapeProc(fields[1]!), fsType: fields[2]! });
  }
  return out;
}

/**
 * Parses the output of macOS (BSD) `mount`:
 * `//alice@nas/care on /Volumes/care (smbfs, nodev, nosuid, mounted by alice)`.
 * The type is the first word in the final parentheses; the mount point may contain spaces.
 */
export function parseMountOutput(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    const on = line.indexOf(' on ');
    const open = line.lastIndexOf(' (');
    if (on <= 0 || open <= on + 4 || !line.endsWith(')')) continue;
    const fsType = line.slice(open + 2, -1).split(',')[0]!.trim();
    if (!fsType) continue;
    out.push({ source: line.slice(0, on), mountPoint: line.slice(on + 4, open), fsType });
  }
  return out;
}

/**
 * `\\server\share\…`, `//server/share/…`, `\\?\UNC\server\share\…` and `\\.\UNC\…` are network
 * paths; `\\?\C:\…` and `\\?\Volume{…}\…` are local paths in long form. A mapped drive letter
 * (Z:) cannot be told from its name: main resolves it first (fs.realpath.native answers with
 * the UNC path behind it) and passes that here.
 */
export function windowsUncShare(p: string): string | null {
  const s = p.replace(/\//g, '\\');
  const long = /^\\\\[?.]\\UNC\\([^\\]+)\\([^\\]+)/i.exec(s);
  if (long) return `\\\\${long[1]}\\${long[2]}`;
  if (/^\\\\[?.]\\/.test(s)) return null;
  const unc = /^\\\\([^\\]+)\\([^\\]+)/.exec(s);
  return unc ? `\\\\${unc[1]}\\${unc[2]}` : null;
}

function normalisePosix(p: string): string {
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/**
 * The mount holding `p`: the longest mount point that is `p` or a parent of it; of several
 * mounts on one point, the last in the table (the one on top). macOS volumes are usually
 * case-insensitive, so there the comparison is too.
 */
export function mountFor(p: string, mounts: readonly MountEntry[], o: { caseInsensitive?: boolean } = {}): MountEntry | null {
  const fold = (s: string) => (o.caseInsensitive ? s.toLowerCase() : s);
  const target = fold(normalisePosix(p));
  let best: MountEntry | null = null;
  let bestLength = -1;
  for (const m of mounts) {
    const point = fold(normalisePosix(m.mountPoint));
    const inside = point === '/' || target === point || target.startsWith(`${point}/`);
    if (inside && point.length >= bestLength) {
      best = m;
      bestLength = point.length;
    }
  }
  return best;
}

/**
 * Whether `p` (an absolute, already resolved path) lives on a network share. On Windows the
 * path alone decides; elsewhere the mount table does (`mounts`, parsed from /proc/mounts or
 * `mount`). With no mount table a POSIX path is reported as local: the caller decides whether
 * an unreadable table is itself a problem.
 */
export function networkShareOf(p: string, o: { platform: PathPlatform; mounts?: readonly MountEntry[] }): NetworkShareVerdict {
  if (o.platform === 'win32') {
    const share = windowsUncShare(p);
    return share ? { network: true, kind: 'unc', where: share } : { network: false, kind: null, where: null };
  }
  const m = mountFor(p, o.mounts ?? [], { caseInsensitive: o.platform === 'darwin' });
  if (m && isNetworkFsType(m.fsType)) return { network: true, kind: m.fsType.toLowerCase(), where: m.mountPoint };
  // Old-style FUSE entries carry the helper in the source: `sshfs#alice@host:/srv fuse …`.
  if (m && m.fsType === 'fuse' && /^(sshfs|curlftpfs|davfs)#/.test(m.source)) return { network: true, kind: m.source.split('#')[0]!, where: m.mountPoint };
  return { network: false, kind: m ? m.fsType : null, where: m ? m.mountPoint : null };
}
