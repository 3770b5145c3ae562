import type { QueryEnv } from '../engine/types';
import { appointmentQueries } from './appointments';
import { auditQueries } from './audit';
import { facilityQueries, settingsQueries } from './facility';
import { handoffQueries } from './handoff';
import { emergencyQueries, printJobQueries, stationThrottleQueries } from './privacy';
import { residentQueries } from './residents';
import { sessionQueries, throttleQueries } from './sessions';
import { trainingQueries } from './training';
import { transferQueries } from './transfer';
import { transportQueries } from './transport';
import { userQueries } from './users';

/**
 * Every query the handlers may run, built once per engine. Each runs on the handle current at the
 * time of the call (a write's transaction, or the engine's own), so handlers never see a handle,
 * only this object.
 */
export function createQueries(env: QueryEnv) {
  return {
    facility: facilityQueries(env),
    settings: settingsQueries(env),
    users: userQueries(env),
    sessions: sessionQueries(env),
    throttle: throttleQueries(env),
    audit: auditQueries(env),
    training: trainingQueries(env),
    residents: residentQueries(env),
    printJobs: printJobQueries(env),
    stationThrottle: stationThrottleQueries(env),
    emergency: emergencyQueries(env),
    transfer: transferQueries(env),
    handoff: handoffQueries(env),
    appointments: appointmentQueries(env),
    transport: transportQueries(env),
  };
}
export type Queries = ReturnType<typeof createQueries>;
