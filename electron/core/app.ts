import fs from 'node:fs';
import path from 'node:path';
import { openEngine, type Engine, type EngineConfig } from '../../db/engine';
import { localAdministrator, readLocal, summarizeLocal } from '../../db/transfer/move-to-server';
import type { Queries } from '../../db/queries';
import { NO_POLICY, type PolicyView } from '../../shared/policy/view';
import { systemClock, type Clock } from './clock';
import { createDispatcher, type Dispatcher } from './dispatcher';
import { handlers } from './handlers';
import { silentLogger, type Logger } from './log';
import { withManagedSettings } from './managed';
import { defaultScryptCost, type ScryptCost } from './passwords';
import type { LocalDatabase } from './context';

function localDatabaseAt(file: string, migrationsFolder: string): LocalDatabase | null {
  if (!fs.existsSync(file)) return null;
  return {
    summary: () => summarizeLocal(file),
    administrator: (username) => localAdministrator(file, username),
    snapshot: () => readLocal(file, { migrationsFolder }),
  };
}

export interface CoreOptions {
  engine: EngineConfig;
  /** The migrations root, holding sqlite/ and pg/. */
  migrationsRoot: string;
  clock?: Clock;
  log?: Logger;
  scryptCost?: ScryptCost;
  checkOutput?: boolean;
  /** The administrator's policy as the handlers and the renderer see it; none by default. */
  policy?: PolicyView;
  /** Where pre-migration copies of a SQLite file go (policy backupFolder); beside the database by default. */
  backupFolder?: string | null;
  /** On the server option: this station's old SQLite file, offered for moving onto an empty server. */
  localDatabaseFile?: string | null;
}

export interface Core {
  engine: Engine;
  /** The engine's queries under the policy's managed settings (tests and tools read through them). */
  q: Queries;
  dispatcher: Dispatcher;
  close(): Promise<void>;
}

/** Opens the database (either engine) and builds the dispatcher: the whole back end, with no Electron in it. */
export async function createCore(o: CoreOptions): Promise<Core> {
  const clock = o.clock ?? systemClock;
  const config: EngineConfig = o.engine.kind === 'sqlite' && o.backupFolder ? { ...o.engine, backupFolder: o.backupFolder } : o.engine;
  const engine = await openEngine(config, { migrationsRoot: o.migrationsRoot, now: () => clock.now() });
  const policy = o.policy ?? NO_POLICY;
  const q = withManagedSettings(engine.q, policy.managed);
  const local = engine.kind === 'pg' && o.localDatabaseFile ? localDatabaseAt(o.localDatabaseFile, path.join(o.migrationsRoot, 'sqlite')) : null;
  const dispatcher = createDispatcher({
    engine,
    q,
    localDatabase: local,
    handlers,
    clock,
    log: o.log ?? silentLogger,
    scryptCost: o.scryptCost ?? defaultScryptCost,
    checkOutput: o.checkOutput ?? false,
    policy,
  });
  return { engine, q, dispatcher, close: () => engine.close() };
}
