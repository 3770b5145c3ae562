import fs from 'node:fs';
import path from 'node:path';
import { createCore, type Core } from '../../electron/core/app';
import { manualClock } from '../../electron/core/clock';
import { memoryLogger } from '../../electron/core/log';
import { createRecoveryService, recoveryModeFor, type RecoveryService } from '../../electron/core/startup-recovery';
import { backupName, defaultBackupFolder } from '../../db/backup';
import type { KeyWrapper } from '../../db/encryption';
import type { SqliteEngine } from '../../db/engine/sqlite';
import { DatabaseOpenError } from '../../db/open';
import { sourceMigrationsRoot } from '../../db/paths';
import { caller, setupInput, testPasswordCost } from './core';
import { admission } from './residents';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, STATION_VIEWPORT } from './browser';
import { startHarness, type Harness } from './harness';

/**
 * Files for the start-up recovery screen (issues 15 and 16): a damaged database beside verified
 * backups, or an encrypted database whose key this "machine" cannot unwrap. Real files, the real
 * open, the real service: the unit tests and the end-to-end tests share them.
 */
export const GARBAGE = Buffer.from('This is not a SQLite database, just a damaged file. '.repeat(200));

/** The resident each backup holds: the newer backup has two, the older one. */
export const RESTORED_RESIDENT = 'Quintana, Rosalind';

const openOptions = (file: string, keyWrapper?: KeyWrapper) => ({
  engine: { kind: 'sqlite' as const, file, ...(keyWrapper ? { keyWrapper } : {}) },
  migrationsRoot: sourceMigrationsRoot,
  passwordCost: testPasswordCost,
  checkOutput: true,
});

let mrn = 0;
async function addResident(core: Core, family: string, given: string): Promise<void> {
  const c = caller(core);
  await c.must('auth.signIn', { username: setupInput.admin.username, password: setupInput.admin.password });
  const facility = await c.must('facility.get', {});
  const unitId = facility.units[0]!.id;
  const room = await c.must('rooms.create', { unitId, label: `1${++mrn}`, beds: ['A'] });
  await c.must('residents.admit', admission({ unitId, bedId: room.bedIds[0]!, legalFamily: family, legalGiven: given, recordNumber: `MRN-${family}` }));
}

/**
 * A facility (set up, with its administrator) saved as two verified backups — 2026-01-10 with one
 * resident, 2026-02-20 with two — then the database file overwritten with garbage.
 * With `keyWrapper`, the database and its backups are encrypted with that wrapper's key.
 */
export async function damagedWithBackups(dir: string, o: { keyWrapper?: KeyWrapper; noBackups?: boolean } = {}): Promise<{ file: string; folder: string }> {
  const file = path.join(dir, 'caredesk.sqlite');
  const folder = defaultBackupFolder(file);
  const core = await createCore(openOptions(file, o.keyWrapper));
  await caller(core).must('setup.createFacility', setupInput);
  await addResident(core, 'Abernathy', 'Clement');
  const sqlite = (core.engine as SqliteEngine).opened.sqlite;
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  if (!o.noBackups) sqlite.prepare('VACUUM INTO ?').run(path.join(folder, backupName('daily', new Date('2026-01-10T02:00:00Z'))));
  await addResident(core, 'Quintana', 'Rosalind');
  if (!o.noBackups) sqlite.prepare('VACUUM INTO ?').run(path.join(folder, backupName('daily', new Date('2026-02-20T02:00:00Z'))));
  await core.close();
  for (const side of ['-wal', '-shm']) fs.rmSync(file + side, { force: true });
  fs.writeFileSync(file, GARBAGE);
  return { file, folder };
}

/** An encrypted facility database made with `made` (another PC's wrapper); its recovery key. */
export async function encryptedElsewhere(dir: string, made: KeyWrapper): Promise<{ file: string; recoveryKey: string }> {
  const file = path.join(dir, 'caredesk.sqlite');
  const core = await createCore(openOptions(file, made));
  const recoveryKey = (core.engine as SqliteEngine).recoveryKey;
  if (!recoveryKey) throw new Error('no recovery key was made');
  await caller(core).must('setup.createFacility', setupInput);
  await addResident(core, 'Quintana', 'Rosalind');
  await core.close();
  return { file, recoveryKey };
}

export interface StartupAttempt {
  /** Set when the database opened at once. */
  core: Core | null;
  /** Set when it could not, and the recovery screen serves instead. */
  recovery: RecoveryService | null;
  /** The core the recovery opened, once it has. */
  opened: () => Core | null;
  quits: () => number;
  log: ReturnType<typeof memoryLogger>;
  clock: ReturnType<typeof manualClock>;
}

/** Opens `file` the way main does: the app when it opens, the recovery screen when it is damaged or its key is not here. */
export async function startLikeMain(file: string, keyWrapper: KeyWrapper | null, now = '2026-03-02T14:00:00Z'): Promise<StartupAttempt> {
  const clock = manualClock(now);
  const log = memoryLogger();
  const open = () => createCore({ ...openOptions(file, keyWrapper ?? undefined), clock, log });
  let opened: Core | null = null;
  let quits = 0;
  try {
    const core = await open();
    return { core, recovery: null, opened: () => core, quits: () => quits, log, clock };
  } catch (e) {
    if (!(e instanceof DatabaseOpenError)) throw e;
    const mode = recoveryModeFor(e.reason);
    if (!mode) throw e;
    const recovery = createRecoveryService({
      mode,
      file,
      backupFolder: defaultBackupFolder(file),
      keyWrapper,
      open,
      opened: (core) => (opened = core),
      quit: () => void quits++,
      clock,
      log,
    });
    return { core: null, recovery, opened: () => opened, quits: () => quits, log, clock };
  }
}

export interface RecoveryE2E {
  attempt: StartupAttempt;
  harness: Harness;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/**
 * The loopback harness started the way main starts on this file: the recovery screen while the
 * database cannot be opened, the app's dispatcher once a restore or a re-wrap has opened it.
 */
export async function startRecoveryE2E(file: string, keyWrapper: KeyWrapper | null, o: { locale?: string } = {}): Promise<RecoveryE2E> {
  const attempt = await startLikeMain(file, keyWrapper);
  if (!attempt.recovery) throw new Error('the database opened: no recovery screen');
  const recovery = attempt.recovery;
  const harness = await startHarness(() => attempt.opened()?.dispatcher ?? recovery);
  const browser = await launchChromium();
  const context = await browser.newContext({ locale: o.locale ?? 'en-US', viewport: STATION_VIEWPORT, timezoneId: 'UTC' });
  const page = await context.newPage();
  await page.goto(harness.url);
  return {
    attempt,
    harness,
    browser,
    page,
    async close() {
      await browser.close();
      await harness.close();
      await attempt.opened()?.close();
    },
  };
}
