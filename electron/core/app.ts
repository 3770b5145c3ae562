import { openDatabase, type OpenedDatabase } from '../../db/open';
import { createQueries, type Queries } from '../../db/queries';
import { systemClock, type Clock } from './clock';
import { createDispatcher, type Dispatcher } from './dispatcher';
import { handlers } from './handlers';
import { silentLogger, type Logger } from './log';
import { withManagedSettings } from './managed';
import { defaultScryptCost, type ScryptCost } from './passwords';
import { NO_POLICY, type PolicyView } from '../../shared/policy/view';

export interface CoreOptions {
  file: string;
  migrationsFolder: string;
  clock?: Clock;
  log?: Logger;
  scryptCost?: ScryptCost;
  checkOutput?: boolean;
  /** The administrator's policy as the handlers and the renderer see it; none by default. */
  policy?: PolicyView;
  /** Where pre-migration copies go (policy backupFolder); beside the database by default. */
  backupFolder?: string | null;
}

export interface Core {
  opened: OpenedDatabase;
  q: Queries;
  dispatcher: Dispatcher;
  close(): void;
}

/** Opens the database and builds the dispatcher: the whole back end, with no Electron in it. */
export function createCore(o: CoreOptions): Core {
  const opened = openDatabase(o.file, { migrationsFolder: o.migrationsFolder, ...(o.backupFolder ? { backupFolder: o.backupFolder } : {}) });
  const policy = o.policy ?? NO_POLICY;
  const q = withManagedSettings(createQueries(opened.db), policy.managed);
  const dispatcher = createDispatcher({
    db: opened.db,
    q,
    handlers,
    clock: o.clock ?? systemClock,
    log: o.log ?? silentLogger,
    scryptCost: o.scryptCost ?? defaultScryptCost,
    checkOutput: o.checkOutput ?? false,
    policy,
  });
  return { opened, q, dispatcher, close: () => opened.close() };
}
