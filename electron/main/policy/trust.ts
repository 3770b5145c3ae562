/**
 * Is a policy file safe to obey? Only if no one but an administrator could have written it:
 * a policy that a user (or malware running as the user) can edit would let them turn on
 * DevTools or silent printing, or point CareDesk at a database of their own. Pure functions
 * over what main reads from the disk (POSIX stat results, or a Windows SDDL string).
 */

export interface StatLike {
  uid: number;
  gid: number;
  mode: number;
}

export interface PosixTrustOptions {
  /** Owners allowed besides root (a developer's own uid when not packaged). */
  trustedUids?: readonly number[];
  /** Groups whose members are administrators anyway (root's group; macOS's admin, 80). */
  trustedGids?: readonly number[];
}

/**
 * The file and every folder above it must be owned by root and writable by no one else (a
 * writable folder lets its file be swapped), as sshd's StrictModes checks.
 * `chain` is [file, its folder, …, '/'] with the stat of each.
 */
export function posixTrustProblem(chain: readonly { path: string; stat: StatLike }[], o: PosixTrustOptions = {}): string | null {
  const uids = new Set([0, ...(o.trustedUids ?? [])]);
  const gids = new Set([0, ...(o.trustedGids ?? [])]);
  for (const { path, stat } of chain) {
    if (!uids.has(stat.uid)) return `${path} is owned by uid ${stat.uid}, not by root`;
    if (stat.mode & 0o002) return `${path} is writable by every user`;
    if (stat.mode & 0o020 && !gids.has(stat.gid)) return `${path} is writable by group ${stat.gid}`;
  }
  return null;
}

// ------------------------------------------------------------------------------------ Windows

const SYSTEM = 'S-1-5-18';
const ADMINISTRATORS = 'S-1-5-32-544';
const TRUSTED_INSTALLER = 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464';

/** SDDL's two-letter names for the SIDs that matter here. */
const SID_ALIASES: Record<string, string> = {
  SY: SYSTEM,
  BA: ADMINISTRATORS,
  BU: 'S-1-5-32-545',
  AU: 'S-1-5-11',
  WD: 'S-1-1-0',
  IU: 'S-1-5-4',
  CO: 'S-1-3-0',
  OW: 'S-1-3-4',
  PU: 'S-1-5-32-547',
  AN: 'S-1-5-7',
};

const TRUSTED = new Set([SYSTEM, ADMINISTRATORS, TRUSTED_INSTALLER]);

const RIGHTS: Record<string, number> = {
  GA: 0x10000000,
  GW: 0x40000000,
  GR: 0x80000000,
  GX: 0x20000000,
  RC: 0x20000,
  SD: 0x10000,
  WD: 0x40000,
  WO: 0x80000,
  FA: 0x1f01ff,
  FR: 0x120089,
  FW: 0x120116,
  FX: 0x1200a0,
  CC: 0x1,
  DC: 0x2,
  LC: 0x4,
  SW: 0x8,
  RP: 0x10,
  WP: 0x20,
  DT: 0x40,
  LO: 0x80,
  CR: 0x100,
  KA: 0xf003f,
  KR: 0x20019,
  KW: 0x20006,
  KX: 0x20019,
};

/** Rights that change a file's content or who controls it: data, append, EA, delete, DACL, owner, generic all/write. */
const FILE_WRITE = 0x2 | 0x4 | 0x10 | 0x10000 | 0x40000 | 0x80000 | 0x10000000 | 0x40000000;
/** Rights on a folder that let its files be removed or replaced: delete child, DACL, owner, generic all. */
const FOLDER_WRITE = 0x40 | 0x40000 | 0x80000 | 0x10000000;

export function parseRights(s: string): number | null {
  if (/^0x[0-9a-f]+$/i.test(s)) return parseInt(s, 16);
  if (s.length % 2 !== 0) return null;
  let mask = 0;
  for (let i = 0; i < s.length; i += 2) {
    const bit = RIGHTS[s.slice(i, i + 2).toUpperCase()];
    if (bit === undefined) return null;
    mask |= bit;
  }
  return mask;
}

export interface Ace {
  type: string;
  flags: string;
  rights: number | null;
  sid: string;
}

export interface SecurityDescriptor {
  owner: string | null;
  aces: Ace[];
}

function sidOf(s: string): string {
  return SID_ALIASES[s.toUpperCase()] ?? s.toUpperCase();
}

/** Parses the owner and DACL of an SDDL string such as `O:BAG:SYD:PAI(A;;FA;;;SY)(A;;0x1200a9;;;BU)`. */
export function parseSddl(sddl: string): SecurityDescriptor {
  const owner = /O:([A-Z]{2}|S-[0-9-]+)/i.exec(sddl)?.[1];
  const dacl = /D:[A-Z]*((?:\([^)]*\))*)/i.exec(sddl)?.[1] ?? '';
  const aces: Ace[] = [];
  for (const m of dacl.matchAll(/\(([^)]*)\)/g)) {
    const parts = m[1]!.split(';');
    if (parts.length < 6) continue;
    aces.push({ type: parts[0]!.toUpperCase(), flags: parts[1]!.toUpperCase(), rights: parseRights(parts[2]!), sid: sidOf(parts[5]!) });
  }
  return { owner: owner ? sidOf(owner) : null, aces };
}

/**
 * Why a file (or its folder) could be changed by someone other than SYSTEM, Administrators or
 * TrustedInstaller; null when it could not. Deny entries are not needed to prove safety and
 * are ignored; inherit-only entries do not apply to the object itself; an entry whose rights
 * cannot be read counts as a write.
 */
export function windowsTrustProblem(sddl: string, what: 'file' | 'folder', path: string): string | null {
  const sd = parseSddl(sddl);
  if (!sd.owner) return `${path}: its owner cannot be read`;
  if (!TRUSTED.has(sd.owner)) return `${path} is owned by ${sd.owner}, not by Administrators or SYSTEM`;
  const dangerous = what === 'file' ? FILE_WRITE : FOLDER_WRITE;
  for (const ace of sd.aces) {
    if (!['A', 'OA', 'XA', 'ZA'].includes(ace.type)) continue;
    if (ace.flags.split(/(..)/).includes('IO')) continue;
    // Creator Owner / Owner Rights stand for the owner, already checked above.
    const sid = ace.sid === 'S-1-3-0' || ace.sid === 'S-1-3-4' ? sd.owner : ace.sid;
    if (TRUSTED.has(sid)) continue;
    if (ace.rights === null || ace.rights & dangerous) return `${path} can be changed by ${sid}`;
  }
  return null;
}
