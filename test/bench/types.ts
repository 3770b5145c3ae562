import type Database from 'better-sqlite3';
import type { Core } from '../../electron/core/app';
import type { Connection } from '../../electron/core/dispatcher';

export interface BenchContext {
  core: Core;
  /** The SQLite file under the core (the bench facility is built on the embedded engine). */
  sqlite: Database.Database;
  /** Ids of the synthetic facility's user accounts. */
  userIds: number[];
  /** A connection signed in as one of the demo accounts (admin, don, charge, nurse, …). */
  signedIn(username: string): Promise<Connection>;
  /** The built renderer is in dist/renderer (npm run bench builds it first). */
  rendererDist: string;
}

/** Each key a figure named in an issue: a ratio against a same-run baseline, or a time in ms. */
export type BenchResults = Record<string, number>;
