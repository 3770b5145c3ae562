import type { Db } from '../open';
import { auditQueries } from './audit';
import { facilityQueries, settingsQueries } from './facility';
import { residentQueries } from './residents';
import { sessionQueries, throttleQueries } from './sessions';
import { trainingQueries } from './training';
import { userQueries } from './users';

/**
 * Every query the handlers may run, built once per open database (statements prepared once).
 * Handlers see only this object, never SQL: the seam where a PostgreSQL backend would plug in.
 */
export function createQueries(db: Db) {
  return {
    facility: facilityQueries(db),
    settings: settingsQueries(db),
    users: userQueries(db),
    sessions: sessionQueries(db),
    throttle: throttleQueries(db),
    audit: auditQueries(db),
    training: trainingQueries(db),
    residents: residentQueries(db),
  };
}
export type Queries = ReturnType<typeof createQueries>;
