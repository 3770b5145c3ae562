import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { createQueries } from '../queries';
import { backupName, listBackupFiles, rotateBackups, verifyBackup, writeBackup, type BackupKind, type VerifiedBackup } from '../backup';
import { prepareKey, type KeyWrapper } from '../encryption';
import { acquireFileLock, DatabaseInUseError, type FileLockDeps } from '../file-lock';
import { DatabaseOpenError, openDatabase, type OpenedDatabase, type OpenOptions } from '../open';
import * as tables from '../schema/sqlite';
import { ChangeFeed, foldChanges, type ChangeEvent } from './changes';
import { sqliteDialect } from './dialect';
import type { Engine } from './engine';
import { Mutex } from './mutex';
import type { Db, QueryEnv, RawStatement } from './types';

/** Backups of the SQLite file (issue 15): made, listed, verified and restored under the engine's lock. */
export interface SqliteBackups {
  readonly folder: string;
  /** Every backup in the folder, newest first, each verified (results cached by name, size and time). */
  list(): VerifiedBackup[];
  /** A verified copy now (under the lock, between calls), then rotation. */
  create(kind: BackupKind): Promise<VerifiedBackup>;
  /** Makes today's daily copy when there is none since the start of the UTC day; null when not due. */
  dailyIfDue(): Promise<VerifiedBackup | null>;
  /**
   * Replaces the database with a verified backup: a safety copy of the current database first,
   * then the file swapped and reopened the way the app opens it (migrating an older copy).
   * On failure the database is put back as it was.
   */
  restore(name: string): Promise<{ restored: VerifiedBackup; safetyCopy: string }>;
}

export interface SqliteEngine extends Engine {
  readonly kind: 'sqlite';
  /** The opened file: for backups, tests and the move to a server (the current one, after a restore). */
  readonly opened: OpenedDatabase;
  readonly backups: SqliteBackups;
  /** Encryption: the recovery key, when this start made the key (a new or newly encrypted database); show it once. */
  readonly recoveryKey: string | null;
}

function statementOn(sqlite: () => Database.Database, text: string): RawStatement {
  let prepared: { on: Database.Database; st: Database.Statement } | null = null;
  return {
    rows(params) {
      // Prepared on first use: a statement is compiled against the schema as it is then (and again after a restore).
      const on = sqlite();
      if (prepared?.on !== on) prepared = { on, st: on.prepare(text).raw(true) };
      const rows = (params ? prepared.st.all(params) : prepared.st.all()) as unknown[][];
      return Promise.resolve(rows);
    },
  };
}

/** What query modules run on, over an opened SQLite file: its one connection is always the handle. */
export function sqliteQueryEnv(opened: OpenedDatabase | (() => OpenedDatabase)): QueryEnv {
  const current = typeof opened === 'function' ? opened : () => opened;
  const db = () => current().db as unknown as Db;
  return {
    db,
    t: tables,
    d: sqliteDialect,
    rows: <T>(query: Parameters<Db['all']>[0]) => Promise.resolve(db().all<T>(query)),
    statement: (text) => statementOn(() => current().sqlite, text),
  };
}

/** The embedded engine: one SQLite file, one connection, one lock for every call. */
export function openSqliteEngine(file: string, given: OpenOptions & { lock?: FileLockDeps | false; keyWrapper?: KeyWrapper }): SqliteEngine {
  let options: OpenOptions = given;
  let release: () => void = () => undefined;
  if (file !== ':memory:' && given.lock !== false) {
    try {
      release = acquireFileLock(file, given.lock);
    } catch (e) {
      if (e instanceof DatabaseInUseError) throw new DatabaseOpenError('locked', file, e.message);
      throw e;
    }
  }
  let opened: OpenedDatabase;
  let recoveryKey: string | null = null;
  try {
    if (given.keyWrapper && file !== ':memory:') {
      const prepared = prepareKey(file, given.keyWrapper, { ...(given.backupFolder ? { backupFolder: given.backupFolder } : {}), ...(given.now ? { now: given.now } : {}) });
      options = { ...given, applyKey: prepared.applyKey };
      recoveryKey = prepared.recoveryKey;
    }
    opened = openDatabase(file, options);
  } catch (e) {
    release();
    throw e;
  }
  const q = createQueries(sqliteQueryEnv(() => opened));
  const mutex = new Mutex();
  const changes = new ChangeFeed();
  const now = () => options.now?.() ?? new Date();
  const verified = new Map<string, VerifiedBackup>();

  const backups: SqliteBackups = {
    folder: opened.backupFolder,
    list() {
      return listBackupFiles(opened.backupFolder).map((b) => {
        const key = `${b.name}|${b.bytes}|${fs.statSync(b.file).mtimeMs}`;
        let v = verified.get(key);
        if (!v) verified.set(key, (v = verifyBackup(b, opened.applyKey)));
        return v;
      });
    },
    create: (kind) =>
      mutex.run(async () => {
        const made = writeBackup(opened.sqlite, opened.backupFolder, backupName(kind, now()), opened.applyKey);
        rotateBackups(opened.backupFolder);
        return made;
      }),
    async dailyIfDue() {
      const day = now().toISOString().slice(0, 10);
      const today = listBackupFiles(opened.backupFolder).some((b) => (b.kind === 'daily' || b.kind === 'manual') && b.at.slice(0, 10) === day);
      return today ? null : backups.create('daily');
    },
    restore: (name) =>
      mutex.run(async () => {
        const found = listBackupFiles(opened.backupFolder).find((b) => b.name === name);
        if (!found) throw new Error(`no backup named ${name}`);
        const restored = verifyBackup(found, opened.applyKey);
        if (!restored.ok) throw new Error(`the backup failed its check: ${restored.problem}`);
        const safety = writeBackup(opened.sqlite, opened.backupFolder, backupName('before-restore', now()), opened.applyKey);
        opened.close();
        const swap = (from: string) => {
          for (const side of ['-wal', '-shm']) fs.rmSync(file + side, { force: true });
          fs.copyFileSync(from, file);
        };
        try {
          swap(restored.file);
          opened = openDatabase(file, options);
        } catch (e) {
          swap(safety.file);
          opened = openDatabase(file, options);
          throw e;
        }
        rotateBackups(opened.backupFolder);
        return { restored, safetyCopy: safety.file };
      }),
  };

  return {
    kind: 'sqlite',
    get opened() {
      return opened;
    },
    backups,
    recoveryKey,
    q,
    changes,
    read: (fn) => mutex.run(fn),
    write: (fn) =>
      mutex.run(async () => {
        const sqlite = opened.sqlite;
        const pending: ChangeEvent[] = [];
        sqlite.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn({ publish: (events) => void pending.push(...events) });
          sqlite.exec('COMMIT');
          changes.publish(foldChanges(pending));
          return result;
        } catch (e) {
          if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
          throw e;
        }
      }),
    unavailableSince: () => null,
    close: () =>
      mutex.run(async () => {
        if (opened.sqlite.open) opened.close();
        release();
      }),
  };
}
