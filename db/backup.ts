import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * Backups of the SQLite file: consistent copies made with `VACUUM INTO` (on an encrypted file it
 * writes an encrypted copy with the same key; SQLite's online backup API refuses encrypted
 * databases), verified with `integrity_check` before they count, owner-only, and rotated.
 */

export type BackupKind = 'daily' | 'manual' | 'before-migration' | 'before-restore' | 'before-encryption';

export interface BackupFile {
  file: string;
  name: string;
  kind: BackupKind;
  /** When it was made (ISO instant), from its name. */
  at: string;
  bytes: number;
}

export interface VerifiedBackup extends BackupFile {
  ok: boolean;
  /** Rows in the main tables, to tell a full copy from an empty one at a glance. */
  records: { residents: number; users: number; auditRows: number } | null;
  /** Why it cannot be used, when `ok` is false. */
  problem: string | null;
}

/** How the database's key (if any) is applied to a freshly opened connection; nothing for a plain file. */
export type KeyApplier = (db: Database.Database) => void;

export const OWNER_FILE_MODE = 0o600;
export const OWNER_DIR_MODE = 0o700;

/** Creates a folder owner-only (0700), and tightens one that exists. Windows ignores the modes (ACLs of the profile apply). */
export function ensurePrivateFolder(folder: string): void {
  fs.mkdirSync(folder, { recursive: true, mode: OWNER_DIR_MODE });
  try {
    fs.chmodSync(folder, OWNER_DIR_MODE);
  } catch {
    // A folder named by the administrator may belong to someone else; its own rights then apply.
  }
}

export function tightenFile(file: string): void {
  try {
    fs.chmodSync(file, OWNER_FILE_MODE);
  } catch {
    // Not ours to change (see ensurePrivateFolder).
  }
}

const NAME = /^caredesk-(\d{8}T\d{6}Z)-(daily|manual|before-migration|before-restore|before-encryption)(?:-[\w.-]+)?\.sqlite$/;

function stamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

function parseStamp(s: string): string {
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`;
}

export function backupName(kind: BackupKind, at: Date, suffix?: string): string {
  return `caredesk-${stamp(at)}-${kind}${suffix ? `-${suffix}` : ''}.sqlite`;
}

/** The backups in a folder, newest first (files CareDesk did not name are left alone). */
export function listBackupFiles(folder: string): BackupFile[] {
  if (!fs.existsSync(folder)) return [];
  const out: BackupFile[] = [];
  for (const name of fs.readdirSync(folder)) {
    const m = NAME.exec(name);
    if (!m) continue;
    const file = path.join(folder, name);
    out.push({ file, name, kind: m[2] as BackupKind, at: parseStamp(m[1]!), bytes: fs.statSync(file).size });
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.name < b.name ? 1 : -1));
}

function count(db: Database.Database, table: string): number {
  try {
    return (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  } catch {
    return 0;
  }
}

/** Opens a copy read-only (with the key), runs `integrity_check`, and counts its records. */
export function verifyBackup(b: BackupFile, applyKey?: KeyApplier): VerifiedBackup {
  let db: Database.Database | null = null;
  try {
    db = new Database(b.file, { readonly: true, fileMustExist: true });
    applyKey?.(db);
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    if (rows[0]?.integrity_check !== 'ok') return { ...b, ok: false, records: null, problem: rows.map((r) => r.integrity_check).slice(0, 3).join('; ') };
    const hasHistory = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
    if (!hasHistory) return { ...b, ok: false, records: null, problem: 'not a CareDesk database' };
    return { ...b, ok: true, records: { residents: count(db, 'residents'), users: count(db, 'users'), auditRows: count(db, 'audit_log') }, problem: null };
  } catch (e) {
    return { ...b, ok: false, records: null, problem: e instanceof Error ? e.message : String(e) };
  } finally {
    db?.close();
  }
}

/**
 * Writes a verified copy of the open database into `folder` as `name`: `VACUUM INTO` a temporary
 * file, `integrity_check` on it, then rename (so a half-written copy never looks like a backup).
 * Throws when the copy cannot be made or does not verify; the temporary file is removed.
 */
export function writeBackup(sqlite: Database.Database, folder: string, name: string, applyKey?: KeyApplier): VerifiedBackup {
  ensurePrivateFolder(folder);
  const target = path.join(folder, name);
  const tmp = `${target}.tmp`;
  fs.rmSync(tmp, { force: true });
  try {
    // Created empty and owner-only first, so the copy is never readable by others, even briefly.
    // (VACUUM INTO accepts an empty file.)
    fs.closeSync(fs.openSync(tmp, 'w', OWNER_FILE_MODE));
    sqlite.prepare('VACUUM INTO ?').run(tmp);
    tightenFile(tmp);
    const m = NAME.exec(name);
    const checked = verifyBackup({ file: tmp, name, kind: (m?.[2] ?? 'manual') as BackupKind, at: m ? parseStamp(m[1]!) : new Date().toISOString(), bytes: fs.statSync(tmp).size }, applyKey);
    if (!checked.ok) throw new Error(`the backup copy failed its check: ${checked.problem}`);
    fs.renameSync(tmp, target);
    return { ...checked, file: target };
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

export interface RotationPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}
export const DEFAULT_ROTATION: RotationPolicy = { daily: 7, weekly: 4, monthly: 12 };
/** Copies made before a migration, a restore or encryption: the newest few of each are kept. */
export const KEEP_SPECIAL = 5;

function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${week}`;
}

/**
 * Which backups rotation removes (pure): of the scheduled and manual copies, the newest in each of
 * the last `daily` days, `weekly` ISO weeks and `monthly` months stay; of each special kind, the
 * newest KEEP_SPECIAL. Days are UTC days.
 */
export function backupsToRemove(files: readonly Pick<BackupFile, 'name' | 'kind' | 'at'>[], policy: RotationPolicy = DEFAULT_ROTATION): string[] {
  const newestFirst = [...files].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const keep = new Set<string>();
  const buckets = (key: (d: Date) => string, limit: number) => {
    const seen = new Set<string>();
    for (const f of newestFirst) {
      if (f.kind !== 'daily' && f.kind !== 'manual') continue;
      const k = key(new Date(f.at));
      if (seen.has(k)) continue;
      if (seen.size >= limit) break;
      seen.add(k);
      keep.add(f.name);
    }
  };
  buckets((d) => d.toISOString().slice(0, 10), policy.daily);
  buckets(isoWeek, policy.weekly);
  buckets((d) => d.toISOString().slice(0, 7), policy.monthly);
  const special = new Map<string, number>();
  for (const f of newestFirst) {
    if (f.kind === 'daily' || f.kind === 'manual') continue;
    const n = special.get(f.kind) ?? 0;
    if (n < KEEP_SPECIAL) keep.add(f.name);
    special.set(f.kind, n + 1);
  }
  return newestFirst.filter((f) => !keep.has(f.name)).map((f) => f.name);
}

export function rotateBackups(folder: string, policy: RotationPolicy = DEFAULT_ROTATION): string[] {
  const removed = backupsToRemove(listBackupFiles(folder), policy);
  for (const name of removed) fs.rmSync(path.join(folder, name), { force: true });
  return removed;
}

/** The backup folder for a database file when the policy names none: beside it. */
export function defaultBackupFolder(file: string): string {
  return `${file}.backups`;
}
