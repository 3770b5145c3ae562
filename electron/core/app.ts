import { openEngine, type Engine, type EngineConfig } from '../../db/engine';
import type { Queries } from '../../db/queries';
import { systemClock, type Clock } from './clock';
import { createDispatcher, type Dispatcher } from './dispatcher';
import { handlers } from './handlers';
import { silentLogger, type Logger } from './log';
import { defaultScryptCost, type ScryptCost } from './passwords';

export interface CoreOptions {
  engine: EngineConfig;
  /** The migrations root, holding sqlite/ and pg/. */
  migrationsRoot: string;
  clock?: Clock;
  log?: Logger;
  scryptCost?: ScryptCost;
  checkOutput?: boolean;
}

export interface Core {
  engine: Engine;
  /** The engine's queries (tests and tools read through them). */
  q: Queries;
  dispatcher: Dispatcher;
  close(): Promise<void>;
}

/** Opens the database (either engine) and builds the dispatcher: the whole back end, with no Electron in it. */
export async function createCore(o: CoreOptions): Promise<Core> {
  const clock = o.clock ?? systemClock;
  const engine = await openEngine(o.engine, { migrationsRoot: o.migrationsRoot, now: () => clock.now() });
  const dispatcher = createDispatcher({
    engine,
    handlers,
    clock,
    log: o.log ?? silentLogger,
    scryptCost: o.scryptCost ?? defaultScryptCost,
    checkOutput: o.checkOutput ?? false,
  });
  return { engine, q: engine.q, dispatcher, close: () => engine.close() };
}
