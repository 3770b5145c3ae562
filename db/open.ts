import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { roles } from '../shared/domain/roles';
import * as schema from './schema/sqlite';

export type SqliteDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Why a database could not be opened; the shell shows a screen for each, never a fresh empty file. */
export type OpenFailure =
  | 'damaged'
  | 'not_a_database'
  | 'newer_schema'
  | 'migration_failed'
  | 'locked'
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
}

export interface OpenedDatabase {
  db: SqliteDb;
  sqlite: Database.Database;
  /** Migrations applied by this open, by tag; empty when the file was already current. */
  applied: number;
  backupFile: string | null;
  close(): void;
}

const MIGRATIONS_TABLE = '__drizzle_migrations';

function applyPragmas(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL');
  // FULL: a power cut at the nursing station must not lose a committed handoff note.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
}

function checkIntegrity(sqlite: Database.Database, file: string): void {
  let rows: { quick_check: string }[];
  try {
    rows = sqlite.pragma('quick_check') as { quick_check: string }[];
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/not a database|file is encrypted/i.test(msg)) throw new DatabaseOpenError('not_a_database', file, msg);
    if (/locked|busy/i.test(msg)) throw new DatabaseOpenError('locked', file, msg);
    throw new DatabaseOpenError('damaged', file, msg);
  }
  const first = rows[0]?.quick_check;
  if (first !== 'ok') throw new DatabaseOpenError('damaged', file, rows.map((r) => r.quick_check).slice(0, 5).join('; '));
}

/**
 * Applies pending migrations in one transaction with foreign keys off (so a table rebuild's
 * DROP cannot cascade into child rows), then checks foreign keys before committing.
 */
function migrate(sqlite: Database.Database, file: string, options: OpenOptions): { applied: number; backupFile: string | null } {
  const migrations = readMigrationFiles({ migrationsFolder: options.migrationsFolder });
  sqlite.exec(`CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`);
  const last = sqlite.prepare(`SELECT created_at AS createdAt FROM "${MIGRATIONS_TABLE}" ORDER BY created_at DESC LIMIT 1`).get() as
    | { createdAt: number }
    | undefined;
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
    const folder = options.backupFolder ?? `${file}.backups`;
    fs.mkdirSync(folder, { recursive: true });
    const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    backupFile = path.join(folder, `${path.basename(file)}.${stamp}.before-migration`);
    sqlite.prepare('VACUUM INTO ?').run(backupFile);
  }

  sqlite.pragma('foreign_keys = OFF');
  try {
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      const record = sqlite.prepare(`INSERT INTO "${MIGRATIONS_TABLE}" (hash, created_at) VALUES (?, ?)`);
      for (const m of pending) {
        for (const stmt of m.sql) if (stmt.trim()) sqlite.exec(stmt);
        record.run(m.hash, m.folderMillis);
      }
      const broken = sqlite.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`foreign_key_check found ${broken.length} rows`);
      sqlite.exec('COMMIT');
    } catch (e) {
      sqlite.exec('ROLLBACK');
      throw new DatabaseOpenError('migration_failed', file, e instanceof Error ? e.message : String(e));
    }
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
  return { applied: pending.length, backupFile };
}

/** Keeps the roles table in step with shared/domain/roles.ts, the one list of roles. */
function syncRoles(sqlite: Database.Database): void {
  const insert = sqlite.prepare('INSERT OR IGNORE INTO roles (code) VALUES (?)');
  sqlite.transaction(() => roles.forEach((r) => insert.run(r)))();
}

/**
 * Opens (or creates) a CareDesk database: integrity check, pragmas, migrations.
 * A file that exists but is damaged or is not a database throws; it is never replaced.
 */
export function openDatabase(file: string, options: OpenOptions): OpenedDatabase {
  const existed = file !== ':memory:' && fs.existsSync(file) && fs.statSync(file).size > 0;
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { fileMustExist: false });
  } catch (e) {
    throw new DatabaseOpenError('not_a_database', file, e instanceof Error ? e.message : String(e));
  }
  try {
    if (existed) checkIntegrity(sqlite, file);
    applyPragmas(sqlite);
    const { applied, backupFile } = migrate(sqlite, file, options);
    syncRoles(sqlite);
    const db = drizzle({ client: sqlite, schema }) as SqliteDb;
    return { db, sqlite, applied, backupFile, close: () => sqlite.close() };
  } catch (e) {
    sqlite.close();
    if (e instanceof DatabaseOpenError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    if (/not a database/i.test(msg)) throw new DatabaseOpenError('not_a_database', file, msg);
    throw new DatabaseOpenError('damaged', file, msg);
  }
}
