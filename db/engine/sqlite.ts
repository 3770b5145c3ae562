import type Database from 'better-sqlite3';
import { createQueries } from '../queries';
import { openDatabase, type OpenedDatabase, type OpenOptions } from '../open';
import * as tables from '../schema/sqlite';
import { ChangeFeed, foldChanges, type ChangeEvent } from './changes';
import { sqliteDialect } from './dialect';
import type { Engine } from './engine';
import { Mutex } from './mutex';
import type { Db, QueryEnv, RawStatement } from './types';

export interface SqliteEngine extends Engine {
  readonly kind: 'sqlite';
  /** The opened file: for backups, tests and the move to a server. */
  readonly opened: OpenedDatabase;
}

function statementOn(sqlite: Database.Database, text: string): RawStatement {
  let prepared: Database.Statement | null = null;
  return {
    rows(params) {
      // Prepared on first use: a statement is compiled against the schema as it is then.
      prepared ??= sqlite.prepare(text).raw(true);
      const rows = (params ? prepared.all(params) : prepared.all()) as unknown[][];
      return Promise.resolve(rows);
    },
  };
}

/** What query modules run on, over an opened SQLite file: its one connection is always the handle. */
export function sqliteQueryEnv(opened: OpenedDatabase): QueryEnv {
  const db = opened.db as unknown as Db;
  return {
    db: () => db,
    t: tables,
    d: sqliteDialect,
    rows: <T>(query: Parameters<Db['all']>[0]) => Promise.resolve(db.all<T>(query)),
    statement: (text) => statementOn(opened.sqlite, text),
  };
}

/** The embedded engine: one SQLite file, one connection, one lock for every call. */
export function openSqliteEngine(file: string, options: OpenOptions): SqliteEngine {
  const opened = openDatabase(file, options);
  const sqlite = opened.sqlite;
  const q = createQueries(sqliteQueryEnv(opened));
  const mutex = new Mutex();
  const changes = new ChangeFeed();

  return {
    kind: 'sqlite',
    opened,
    q,
    changes,
    read: (fn) => mutex.run(fn),
    write: (fn) =>
      mutex.run(async () => {
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
        if (sqlite.open) opened.close();
      }),
  };
}
