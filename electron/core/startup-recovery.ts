import path from 'node:path';
import type { VerifiedBackup } from '../../db/backup';
import { loadKey, rewrapWithRecovery, RewrapError, type KeyWrapper } from '../../db/encryption';
import type { OpenFailure } from '../../db/open';
import { recoverableBackups, restoreOverDamaged } from '../../db/recovery';
import { isRecoveryMethod, recoveryContract, type RecoveryBackup, type RecoveryMethod, type RecoveryOutput } from '../../shared/contract/startup-recovery';
import { err, ok, type Result } from '../../shared/result';
import type { Core } from './app';
import { systemClock, type Clock } from './clock';
import type { Connection } from './dispatcher';
import { silentLogger, type Logger } from './log';

/**
 * The start-up recovery screen's back end (issues 15 and 16): what answers the renderer when the
 * SQLite database cannot be opened, in place of the dispatcher. No Electron in it, so main and the
 * loopback harness serve the same handlers and the end-to-end test drives what ships.
 *
 * damaged: the verified backups with their dates and record counts; the chosen one replaces the
 * damaged file, which is moved aside, never deleted; an empty database is never started.
 * key: the database key cannot be unwrapped on this PC or account; the recovery key re-wraps it.
 * Either way, once the database opens, `opened` hands the core over and the renderer reloads into
 * the app; until then nothing else is answered (no one can be signed in to a database that is not open).
 */
export type RecoveryMode = 'damaged' | 'key';

/** Which screen an open failure gets, or null for the plain message (in use, read-only, newer…). */
export function recoveryModeFor(reason: OpenFailure): RecoveryMode | null {
  if (reason === 'damaged' || reason === 'not_a_database') return 'damaged';
  if (reason === 'wrong_key') return 'key';
  return null;
}

/** Recovery-key attempts: three free, then 30 s, doubling with each further failure up to 15 minutes. */
export const RECOVERY_FREE_ATTEMPTS = 3;
export const RECOVERY_FIRST_LOCK_MS = 30_000;
export const RECOVERY_MAX_LOCK_MS = 15 * 60_000;

export interface RecoveryOptions {
  mode: RecoveryMode;
  file: string;
  backupFolder: string;
  /** This machine's key wrapper (main: safeStorage); null when there is none (then no key is re-wrapped). */
  keyWrapper: KeyWrapper | null;
  /** Opens the database the way the app does, after a restore or a re-wrap. */
  open: () => Promise<Core>;
  /** The database is open: the caller serves `core.dispatcher` from now on. */
  opened: (core: Core) => void;
  quit: () => void;
  clock?: Clock;
  log?: Logger;
  station?: string;
}

export interface RecoveryService {
  readonly mode: RecoveryMode;
  connect(): Connection;
}

const entryOf = (b: VerifiedBackup): RecoveryBackup => ({
  name: b.name,
  at: b.at,
  residents: b.records?.residents ?? 0,
  users: b.records?.users ?? 0,
  auditRows: b.records?.auditRows ?? 0,
});

export function createRecoveryService(o: RecoveryOptions): RecoveryService {
  const clock = o.clock ?? systemClock;
  const log = o.log ?? silentLogger;
  // In memory: the database, where the sign-in throttle lives, is the thing that cannot be opened.
  // Each attempt also costs a scrypt derivation (N = 2^15), and the recovery key has 160 random bits.
  let failures = 0;
  let lockedUntil = 0;
  let done = false;

  const backups = (): VerifiedBackup[] => (o.mode === 'damaged' ? recoverableBackups(o.backupFolder, (o.keyWrapper && loadKey(o.file, o.keyWrapper)) ?? undefined) : []);

  /** Opens the database and records what made it openable in its own audit trail. */
  async function openAndRecord(method: RecoveryMethod, entityId: string | null, after: Record<string, unknown>): Promise<void> {
    const core = await o.open();
    await core.engine.write(async () => {
      await core.q.audit.insert({ at: clock.now().toISOString(), userId: null, method, entity: 'database', entityId, before: null, after, station: o.station ?? 'local' });
    });
    done = true;
    o.opened(core);
  }

  const handlers: { [M in RecoveryMethod]: (input: unknown) => Promise<Result<RecoveryOutput<M>>> } = {
    async 'recovery.status'() {
      const list = backups();
      log.event('recovery_offered', { mode: o.mode, backups: list.length });
      return ok({ mode: o.mode, file: o.file, backups: list.map(entryOf) });
    },
    async 'recovery.restore'(input) {
      const { name } = recoveryContract['recovery.restore'].input.parse(input);
      if (o.mode !== 'damaged') return err('conflict', 'recovery.notDamaged');
      const chosen = backups().find((b) => b.name === name);
      if (!chosen) return err('not_found', 'backup.notFound');
      const { keptAs } = restoreOverDamaged(o.file, chosen, o.backupFolder, clock.now());
      log.event('recovery_restored', { backup: chosen.name, keptAs: path.basename(keptAs) });
      try {
        await openAndRecord('recovery.restore', chosen.name, { restored: chosen.name, madeAt: chosen.at, keptAs: path.basename(keptAs) });
      } catch (e) {
        log.internal('recovery.open', e);
        return err('internal', 'recovery.openFailed');
      }
      return ok({ restored: entryOf(chosen), keptAs: path.basename(keptAs) });
    },
    async 'recovery.unlock'(input) {
      const { recoveryKey } = recoveryContract['recovery.unlock'].input.parse(input);
      if (o.mode !== 'key' || !o.keyWrapper) return err('conflict', 'recovery.notKey');
      const now = clock.now().getTime();
      if (now < lockedUntil) return err('throttled', 'recovery.throttled', { params: { seconds: Math.ceil((lockedUntil - now) / 1000) } });
      try {
        rewrapWithRecovery(o.file, recoveryKey, o.keyWrapper);
      } catch (e) {
        if (!(e instanceof RewrapError)) throw e;
        if (e.reason === 'wrong_recovery_key') {
          failures += 1;
          if (failures >= RECOVERY_FREE_ATTEMPTS) lockedUntil = now + Math.min(RECOVERY_MAX_LOCK_MS, RECOVERY_FIRST_LOCK_MS * 2 ** (failures - RECOVERY_FREE_ATTEMPTS));
        }
        log.event('recovery_key_refused', { reason: e.reason, failures });
        const field = { path: 'recoveryKey', code: e.reason };
        return err('validation', `recovery.${e.reason}`, { fields: [field] });
      }
      failures = 0;
      log.event('recovery_key_rewrapped', { wrapper: o.keyWrapper.kind });
      try {
        await openAndRecord('recovery.unlock', null, { rewrapped: o.keyWrapper.kind });
      } catch (e) {
        log.internal('recovery.open', e);
        return err('internal', 'recovery.openFailed');
      }
      return ok({ unlocked: true as const });
    },
    async 'recovery.quit'() {
      log.event('recovery_quit', { mode: o.mode });
      o.quit();
      return ok({ quitting: true as const });
    },
  };

  return {
    mode: o.mode,
    connect(): Connection {
      return {
        userId: null,
        async invoke(method, input) {
          // Anything else (the app's own first calls included) is told the recovery screen is up.
          if (!isRecoveryMethod(method)) return err('unavailable', 'recovery.required', { params: { mode: o.mode } });
          if (done) return err('conflict', 'recovery.alreadyOpen');
          const parsed = recoveryContract[method].input.safeParse(input);
          if (!parsed.success) return err('validation', 'error.validation');
          try {
            return await handlers[method](parsed.data);
          } catch (e) {
            log.internal(method, e);
            return err('internal', 'error.internal');
          }
        },
        subscribe: () => () => undefined,
        close: () => Promise.resolve(),
      };
    },
  };
}
