import { openDatabase, type OpenedDatabase } from '../../db/open';
import { createQueries, type Queries } from '../../db/queries';
import { systemClock, type Clock } from './clock';
import { createDispatcher, type Dispatcher } from './dispatcher';
import { handlers } from './handlers';
import { silentLogger, type Logger } from './log';
import { defaultScryptCost, type ScryptCost } from './passwords';

export interface CoreOptions {
  file: string;
  migrationsFolder: string;
  clock?: Clock;
  log?: Logger;
  scryptCost?: ScryptCost;
  checkOutput?: boolean;
}

export interface Core {
  opened: OpenedDatabase;
  q: Queries;
  dispatcher: Dispatcher;
  close(): void;
}

/** Opens the database and builds the dispatcher: the whole back end, with no Electron in it. */
export function createCore(o: CoreOptions): Core {
  const opened = openDatabase(o.file, { migrationsFolder: o.migrationsFolder });
  const q = createQueries(opened.db);
  const dispatcher = createDispatcher({
    db: opened.db,
    q,
    handlers,
    clock: o.clock ?? systemClock,
    log: o.log ?? silentLogger,
    scryptCost: o.scryptCost ?? defaultScryptCost,
    checkOutput: o.checkOutput ?? false,
  });
  return { opened, q, dispatcher, close: () => opened.close() };
}
