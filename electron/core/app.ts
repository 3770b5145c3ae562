import fs from 'node:fs';
import path from 'node:path';
import { openEngine, type Engine, type EngineConfig } from '../../db/engine';
import type { SqliteEngine } from '../../db/engine/sqlite';
import { localAdministrator, readLocal, summarizeLocal } from '../../db/transfer/move-to-server';
import type { Queries } from '../../db/queries';
import { NO_POLICY, type PolicyView } from '../../shared/policy/view';
import { systemClock, type Clock } from './clock';
import { createDispatcher, type Dispatcher } from './dispatcher';
import { handlers } from './handlers';
import { silentLogger, type Logger } from './log';
import { TAIL_CHECK_ROWS } from './handlers/privacy';
import { withManagedSettings } from './managed';
import { defaultPasswordCost, type PasswordCost } from './passwords';
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
  passwordCost?: PasswordCost;
  checkOutput?: boolean;
  /** The administrator's policy as the handlers and the renderer see it; none by default. */
  policy?: PolicyView;
  /** Where pre-migration copies of a SQLite file go (policy backupFolder); beside the database by default. */
  backupFolder?: string | null;
  /** This station's name in the audit trail and the per-station sign-in budget (main: the computer's name). */
  station?: string;
  /** SQLite: make a verified daily backup at start and whenever a day has none (checked hourly). Off in tests. */
  dailyBackups?: boolean;
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
  const log = o.log ?? silentLogger;
  await checkAuditTrail(engine, log);
  const q = withManagedSettings(engine.q, policy.managed);
  const local = engine.kind === 'pg' && o.localDatabaseFile ? localDatabaseAt(o.localDatabaseFile, path.join(o.migrationsRoot, 'sqlite')) : null;
  const dispatcher = createDispatcher({
    engine,
    q,
    localDatabase: local,
    handlers,
    clock,
    log,
    passwordCost: o.passwordCost ?? defaultPasswordCost,
    checkOutput: o.checkOutput ?? false,
    policy,
    ...(o.station ? { station: o.station } : {}),
  });
  let timer: NodeJS.Timeout | null = null;
  if (o.dailyBackups && engine.kind === 'sqlite') {
    const backups = (engine as SqliteEngine).backups;
    const daily = async () => {
      try {
        const made = await backups.dailyIfDue();
        if (made) log.event('backup', { kind: made.kind, bytes: made.bytes, ok: made.ok });
      } catch (e) {
        log.internal('backup.daily', e);
      }
    };
    await daily();
    timer = setInterval(() => void daily(), 60 * 60 * 1000);
    timer.unref();
  }
  return {
    engine,
    q,
    dispatcher,
    async close() {
      if (timer) clearInterval(timer);
      // Access rows still queued are written before the database closes.
      await dispatcher.close();
      await engine.close();
    },
  };
}

/**
 * At start-up: a trail written before the chain existed is sealed (once), then its newest rows
 * are verified. The result and the tail's id and hash go to the log, which lives outside the
 * database: a record of where the trail ended at each start, for rows cut off its end.
 */
async function checkAuditTrail(engine: Engine, log: Logger): Promise<void> {
  try {
    const sealed = await engine.write(() => engine.q.audit.sealLegacy());
    const verdict = await engine.read(() => engine.q.audit.verify({ tail: TAIL_CHECK_ROWS }));
    const tail = await engine.read(() => engine.q.audit.tail());
    log.event('audit_chain', {
      ok: verdict.ok,
      sealed,
      rows: verdict.total,
      tailId: tail?.id ?? 0,
      tailHash: tail?.hash ?? '',
      ...(verdict.broken ? { brokenId: verdict.broken.id, reason: verdict.broken.reason } : {}),
    });
  } catch (e) {
    // A check that cannot run (a server role without the rights to seal) must not keep the station
    // from starting; the administrator's "Verify audit trail" reports the state of the trail.
    log.internal('audit.startupCheck', e);
  }
}
