import path from 'node:path';
import type { OpenOptions } from '../open';
import type { KeyWrapper } from '../encryption';
import type { Engine } from './engine';
import type { PgConnection } from './pg';
import { openSqliteEngine } from './sqlite';

export type { Engine, WriteScope } from './engine';
export type { ChangeEvent } from './changes';
export type { PgConnection } from './pg';

export type EngineConfig =
  /** keyWrapper: encrypt at rest, the key wrapped by it (main: Electron's safeStorage); none: a plain file. */
  | { kind: 'sqlite'; file: string; backupFolder?: string; keyWrapper?: KeyWrapper }
  | { kind: 'pg'; connection: PgConnection; stationId?: string };

export interface OpenEngineOptions {
  /** The migrations root, holding sqlite/ and pg/ (db/migrations from source, beside main.cjs when packaged). */
  migrationsRoot: string;
  now?: () => Date;
}

/** Opens the configured engine: migrations applied, ready for calls. Throws DatabaseOpenError with a reason. */
export async function openEngine(config: EngineConfig, o: OpenEngineOptions): Promise<Engine> {
  if (config.kind === 'sqlite') {
    const options: OpenOptions = { migrationsFolder: path.join(o.migrationsRoot, 'sqlite'), ...(config.backupFolder ? { backupFolder: config.backupFolder } : {}), ...(o.now ? { now: o.now } : {}) };
    return openSqliteEngine(config.file, { ...options, ...(config.keyWrapper ? { keyWrapper: config.keyWrapper } : {}) });
  }
  // Loaded only for the server option: a station on its own file never loads a network module at all.
  const { openPgEngine } = await import('./pg');
  return openPgEngine(config.connection, { migrationsFolder: path.join(o.migrationsRoot, 'pg'), ...(config.stationId ? { stationId: config.stationId } : {}), ...(o.now ? { now: o.now } : {}) });
}
