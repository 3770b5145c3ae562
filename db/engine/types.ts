import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { SQL, SQLWrapper } from 'drizzle-orm';
import type * as sqliteSchema from '../schema/sqlite';

export type EngineKind = 'sqlite' | 'pg';

/** The tables, as the SQLite twin declares them; the PostgreSQL twin is kept identical by test/db/schema-twins.test.ts. */
export type Tables = typeof sqliteSchema;

/**
 * The drizzle handle the query modules build on. It is typed as the SQLite database; at run time
 * it is the engine's own (node-postgres on the server option). Query modules only use what both
 * drizzle dialects share — `await` on a builder, `.returning()` — and the lint forbids the
 * SQLite-only terminals (.get/.all/.run); every db and core test runs on both engines.
 */
export type Db = BetterSQLite3Database<Tables>;

/** The few spellings that differ between the engines' SQL. */
export interface Dialect {
  kind: EngineKind;
  /** `column = value`, ignoring case (usernames, employee ids, room labels). */
  ciEquals(column: SQLWrapper, value: string): SQL;
  /** `column` contains `text` as typed (wildcards in it match themselves), ignoring case. */
  containsText(column: SQLWrapper, text: string): SQL;
  /** An ORDER BY key for text that ignores case. */
  ciOrder(column: SQLWrapper): SQL;
  /** An ORDER BY key that compares a normalised key column byte by byte (the server's collation would reorder it). */
  binaryOrder(column: SQLWrapper): SQL;
}

/** What a query module is built from: the current handle, the tables, the dialect. */
export interface QueryEnv {
  /** The handle to use now: the transaction's inside a write, the engine's otherwise. */
  db(): Db;
  t: Tables;
  d: Dialect;
  /** Runs hand-written SQL (kept portable: both engines accept it) and returns plain rows. */
  rows<T>(query: SQL): Promise<T[]>;
  /**
   * Hand-written SQL for the hottest lists, with `@name` parameters, prepared once (on the server,
   * once per connection) and returning rows as arrays: no query building, no row mapping.
   * The text is the caller's, per `d.kind` where the engines' SQL differs.
   */
  statement(text: string): RawStatement;
}

export interface RawStatement {
  rows(params?: Record<string, unknown>): Promise<unknown[][]>;
}
