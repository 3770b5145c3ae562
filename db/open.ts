import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { roles } from '../shared/domain/roles';
import * as schema from './schema/sqlite';
import {
  backupName,
  defaultBackupFolder,
  ensurePrivateFolder,
  listBackupFiles,
  OWNER_FILE_MODE,
  rotateBackups,
  tightenFile,
  verifyBackup,
  writeBackup,
  type KeyApplier,
} from './backup';

export type SqliteDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Why a database could not be opened; the shell shows a screen for each, never a fresh empty file. */
export type OpenFailure =
  | 'damaged'
  | 'not_a_database'
  | 'newer_schema'
  | 'migration_failed'
  /** Another program (or another CareDesk) holds the file: busy or locked. */
  | 'locked'
  /** The file or its folder cannot be written here (read-only, no rights, cannot be opened). */
  | 'read_only'
  /** The database is encrypted and the key given does not open it. */
  | 'wrong_key'
  /** The file is on a network share, where SQLite's locking is not safe. */
  | 'network_share'
  // The server option:
  | 'unreachable'
  | 'auth_failed'
  | 'tls_refused'
  | 'no_database'
  | 'not_caredesk';

export class DatabaseOpenError extends Error {
  constructor(
    readonly reason: OpenFailure,
    readonly file: string,
    detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'DatabaseOpenError';
  }
}

export interface OpenOptions {
  /** Folder holding drizzle-kit's SQL files and meta/_journal.json for SQLite (db/migrations/sqlite). */
  migrationsFolder: string;
  /** Where the pre-migration copy goes; defaults to '<file>.backups/' beside the database. */
  backupFolder?: string;
  now?: () => Date;
  /** How long to wait for another connection's lock (ms); 5 s by default. */
  busyTimeoutMs?: number;
  /** Applies the database key to a new connection (encryption at rest); none for a plain file. */
  applyKey?: KeyApplier;
  /** Tests: open the way SQLite falls back for a file this account cannot write (root ignores chmod). */
  readOnlyForTest?: boolean;
}

export interface OpenedDatabase {
  db: SqliteDb;
  sqlite: Database.Database;
  file: string;
  /** Migrations applied by this open, by tag; empty when the file was already current. */
  applied: number;
  backupFile: string | null;
  /** Where this database's backups go. */
  backupFolder: string;
  applyKey: KeyApplier | undefined;
  close(): void;
}

const MIGRATIONS_TABLE = '__drizzle_migrations';

function sqliteCode(e: unknown): string {
  for (let c: unknown = e, i = 0; c && i < 8; c = (c as { cause?: unknown }).cause, i++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
    if (typeof code === 'string' && ['EACCES', 'EPERM', 'EROFS'].includes(code)) return 'SQLITE_READONLY';
  }
  return '';
}

/**
 * What an error while opening means, from SQLite's result codes (never from guessing at the
 * message): null when the code does not say, and only an integrity check may then call it damaged.
 */
export function openFailureOfCode(e: unknown): OpenFailure | null {
  const code = sqliteCode(e);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked';
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_AUTH')) return 'read_only';
  if (code === 'SQLITE_NOTADB') return 'not_a_database';
  if (code.startsWith('SQLITE_CORRUPT')) return 'damaged';
  return null;
}

/** SQLite's page cache, in KiB (as `PRAGMA cache_size = -N` takes it). */
export const PAGE_CACHE_KIB = -65_536;

function applyPragmas(sqlite: Database.Database, busyTimeoutMs: number): void {
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  // Reading the mode first: setting WAL on a file already in WAL needs no lock, and neither does asking.
  if (sqlite.pragma('journal_mode', { simple: true }) !== 'wal') sqlite.pragma('journal_mode = WAL');
  // FULL: a power cut at the nursing station must not lose a committed handoff note.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // The default page cache is 2 MB: a facility's file is tens of MB, and a booking's conflict check
  // reads a few hundred rows scattered over two years of trips, each a cache miss (a read, and a
  // decryption on an encrypted file) at ~10–20 µs. 64 MB (negative = KiB) holds a whole facility's
  // working set; the memory is taken only as pages are read.
  sqlite.pragma(`cache_size = ${PAGE_CACHE_KIB}`);
}

/** `quick_check`: the only thing that may call a file damaged. */
function quickCheck(sqlite: Database.Database): string | null {
  const rows = sqlite.pragma('quick_check') as { quick_check: string }[];
  return rows[0]?.quick_check === 'ok' ? null : rows.map((r) => r.quick_check).slice(0, 5).join('; ');
}

/**
 * Can this connection write? `BEGIN IMMEDIATE` takes the write lock (waiting the busy timeout),
 * and a rewrite of `user_version` is refused on a file opened read-only; nothing is written. Answers before any backup or
 * migration touches the disk.
 */
function probeWrite(sqlite: Database.Database): void {
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    // A write of the value already there, rolled back: refused on a read-only file, never reaches the disk.
    const version = Number(sqlite.pragma('user_version', { simple: true }));
    sqlite.pragma(`user_version = ${version}`);
  } finally {
    sqlite.exec('ROLLBACK');
  }
}

function tableExists(sqlite: Database.Database, name: string): boolean {
  return sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/**
 * Applies pending migrations in one transaction with foreign keys off (so a table rebuild's
 * DROP cannot cascade into child rows), then checks foreign keys before committing. Writes
 * nothing at all when nothing is pending; the copy made before migrating is named after the
 * schema it holds, so retries reuse it instead of piling up.
 */
function migrate(sqlite: Database.Database, file: string, options: OpenOptions, backupFolder: string): { applied: number; backupFile: string | null } {
  const migrations = readMigrationFiles({ migrationsFolder: options.migrationsFolder });
  const hasHistory = tableExists(sqlite, MIGRATIONS_TABLE);
  const last = hasHistory
    ? (sqlite.prepare(`SELECT created_at AS createdAt FROM "${MIGRATIONS_TABLE}" ORDER BY created_at DESC LIMIT 1`).get() as { createdAt: number } | undefined)
    : undefined;
  const lastApplied = last ? Number(last.createdAt) : -1;
  const newestKnown = migrations.at(-1)?.folderMillis ?? -1;
  if (lastApplied > newestKnown) {
    throw new DatabaseOpenError('newer_schema', file, 'the database was written by a newer CareDesk');
  }
  const pending = migrations.filter((m) => m.folderMillis > lastApplied);
  if (pending.length === 0) return { applied: 0, backupFile: null };

  let backupFile: string | null = null;
  const hasData = lastApplied >= 0 && file !== ':memory:';
  if (hasData) {
    const existing = listBackupFiles(backupFolder).find((b) => b.kind === 'before-migration' && b.name.endsWith(`-from-${lastApplied}.sqlite`));
    if (existing && verifyBackup(existing, options.applyKey).ok) backupFile = existing.file;
    else backupFile = writeBackup(sqlite, backupFolder, backupName('before-migration', options.now?.() ?? new Date(), `from-${lastApplied}`), options.applyKey).file;
    rotateBackups(backupFolder);
  }

  sqlite.pragma('foreign_keys = OFF');
  try {
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      sqlite.exec(`CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`);
      const record = sqlite.prepare(`INSERT INTO "${MIGRATIONS_TABLE}" (hash, created_at) VALUES (?, ?)`);
      for (const m of pending) {
        for (const stmt of m.sql) if (stmt.trim()) sqlite.exec(stmt);
        record.run(m.hash, m.folderMillis);
      }
      const broken = sqlite.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`foreign_key_check found ${broken.length} rows`);
      sqlite.exec('COMMIT');
    } catch (e) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      const code = openFailureOfCode(e);
      if (code === 'locked' || code === 'read_only') throw new DatabaseOpenError(code, file, e instanceof Error ? e.message : String(e));
      throw new DatabaseOpenError('migration_failed', file, e instanceof Error ? e.message : String(e));
    }
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
  return { applied: pending.length, backupFile };
}

/** Keeps the roles table in step with shared/domain/roles.ts, the one list of roles; writes only when one is missing. */
function syncRoles(sqlite: Database.Database): void {
  const have = new Set((sqlite.prepare('SELECT code FROM roles').all() as { code: string }[]).map((r) => r.code));
  const missing = roles.filter((r) => !have.has(r));
  if (missing.length === 0) return;
  const insert = sqlite.prepare('INSERT OR IGNORE INTO roles (code) VALUES (?)');
  sqlite.transaction(() => missing.forEach((r) => insert.run(r)))();
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Opens (or creates) a CareDesk database: pragmas, integrity check, migrations.
 * A file that exists but is damaged or is not a database throws; it is never replaced. Failures
 * are classified by SQLite's result codes: busy or locked is 'locked' ("in use"), a file that
 * cannot be written is 'read_only', and 'damaged' is said only after `quick_check` fails.
 */
export function openDatabase(file: string, options: OpenOptions): OpenedDatabase {
  const memory = file === ':memory:';
  const existed = !memory && fs.existsSync(file) && fs.statSync(file).size > 0;
  const backupFolder = options.backupFolder ?? defaultBackupFolder(file);
  let sqlite: Database.Database;
  try {
    if (!memory) ensurePrivateFolder(path.dirname(file));
    if (!memory && !existed) fs.closeSync(fs.openSync(file, 'a', OWNER_FILE_MODE));
    sqlite = new Database(file, { fileMustExist: false, ...(options.readOnlyForTest ? { readonly: true } : {}) });
  } catch (e) {
    throw new DatabaseOpenError(openFailureOfCode(e) ?? 'not_a_database', file, messageOf(e));
  }
  try {
    options.applyKey?.(sqlite);
    if (existed) {
      try {
        const problem = quickCheck(sqlite);
        if (problem) throw new DatabaseOpenError('damaged', file, problem);
      } catch (e) {
        if (e instanceof DatabaseOpenError) throw e;
        const reason = openFailureOfCode(e);
        // An encrypted file read with no key (or the wrong one) looks like "not a database".
        if (reason === 'not_a_database' && options.applyKey) throw new DatabaseOpenError('wrong_key', file, messageOf(e));
        throw new DatabaseOpenError(reason ?? 'damaged', file, messageOf(e));
      }
    }
    applyPragmas(sqlite, options.busyTimeoutMs ?? 5000);
    // Writes nothing; says now, not at the first save, that the file is in use or cannot be written.
    probeWrite(sqlite);
    const { applied, backupFile } = migrate(sqlite, file, options, backupFolder);
    syncRoles(sqlite);
    if (!memory) {
      tightenFile(file);
      for (const side of ['-wal', '-shm']) if (fs.existsSync(file + side)) tightenFile(file + side);
    }
    const db = drizzle({ client: sqlite, schema }) as SqliteDb;
    return { db, sqlite, file, applied, backupFile, backupFolder, applyKey: options.applyKey, close: () => sqlite.close() };
  } catch (e) {
    try {
      if (e instanceof DatabaseOpenError) throw e;
      const reason = openFailureOfCode(e);
      if (reason && reason !== 'damaged') throw new DatabaseOpenError(reason, file, messageOf(e));
      // Whatever else went wrong, the file is called damaged only if its integrity check says so.
      let problem: string | null = messageOf(e);
      try {
        problem = quickCheck(sqlite);
      } catch {
        // The check itself cannot run on this file: that is damage too.
      }
      if (problem) throw new DatabaseOpenError('damaged', file, problem);
      throw e;
    } finally {
      if (sqlite.open) sqlite.close();
    }
  }
}
