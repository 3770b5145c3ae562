import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { app, dialog, safeStorage, session, type BrowserWindow } from 'electron';
import type { EngineConfig } from '../../db/engine';
import type { SqliteEngine } from '../../db/engine/sqlite';
import { defaultBackupFolder } from '../../db/backup';
import { keyFileOf, type KeyWrapper } from '../../db/encryption';
import { keyWrapperFor, machineKeyWrapper } from './key-protection';
import { DatabaseOpenError } from '../../db/open';
import { createCore, type Core } from '../core/app';
import { errorSummary } from '../core/log';
import { createRecoveryService, recoveryModeFor, type RecoveryMode } from '../core/startup-recovery';
import { registerAppScheme, rendererRoot, serveAppProtocol } from './app-protocol';
import { removeFreshDatabase, seedDemo, wantsDemo } from './demo';
import { registerIpc, type Served } from './ipc';
import { openFileLog, type FileLog } from './logging';
import { isLocationProblem } from '../../shared/policy/schema';
import { policyView } from '../../shared/policy/view';
import { DATABASE_FILE_NAME, dataLocation } from './data-location';
import { NATIVE_MANIFEST, verifyNativeModules } from './native-integrity';
import { loadPolicy, type LoadedPolicy } from './policy';
import { machineDeps } from './policy/deps';
import { databaseFolderShare } from './policy/folders';
import { createSecureWindow, hardenAllWebContents, hardenSession } from './security';
import { readServerPassword } from './server-password';
import {
  databaseOpenMessage,
  demoSeedFailedMessage,
  langFromLocale,
  nativeModuleMessage,
  recoveryKeyMessage,
  policyStopMessage,
  serverPasswordMessage,
  unexpectedStartupMessage,
  unsavedWorkMessage,
  type Lang,
} from './startup-messages';
import { APP_ENTRY_URL } from './url-policy';

// Both must happen before 'ready': scheme privileges are fixed at start-up, and hardening must
// be in place before the first webContents exists.
registerAppScheme();
hardenAllWebContents();

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
let fileLog: FileLog | null = null;
let failing = false;

/** Shows why CareDesk cannot start and exits without creating a window or touching the data file. */
async function fail(message: { title: string; body: string }, event: string, reason: string): Promise<void> {
  if (failing) return;
  failing = true;
  dialog.showErrorBox(message.title, message.body);
  fileLog?.log.event(event, { reason });
  await core?.close().catch(() => undefined);
  core = null;
  await fileLog?.close();
  app.exit(1);
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function createMainWindow(devTools: boolean, lang: Lang): BrowserWindow {
  const win = createSecureWindow({ preload: path.join(__dirname, 'preload.cjs'), devTools });
  win.once('ready-to-show', () => win.show());
  // A form with typed work refuses to unload (beforeunload). Electron then neither reloads nor
  // closes, silently; ask, as a browser would, with staying as the default.
  win.webContents.on('will-prevent-unload', (event) => {
    const m = unsavedWorkMessage(lang);
    const choice = dialog.showMessageBoxSync(win, { type: 'question', buttons: [m.stay, m.leave], defaultId: 0, cancelId: 0, noLink: true, message: m.message, detail: m.detail });
    if (choice === 1) event.preventDefault(); // leave anyway: the typed work is discarded
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.loadURL(APP_ENTRY_URL).catch((e: unknown) => fileLog?.log.internal('window.load', e));
  return win;
}

/** The key wrapped by Electron's safeStorage: the only place that knows about it. */
const safeStorageWrapper: KeyWrapper = {
  kind: 'safeStorage',
  wrap: (key) => safeStorage.encryptString(key.toString('base64')),
  unwrap: (wrapped) => Buffer.from(safeStorage.decryptString(wrapped), 'base64'),
};

/** The database is open: what is logged, and the recovery key shown once when this start made the key. */
function afterOpen(opened: Core, lang: Lang, encrypted: boolean): void {
  if (opened.engine.kind === 'sqlite') {
    const sqliteEngine = opened.engine as SqliteEngine;
    const { applied, backupFile } = sqliteEngine.opened;
    fileLog?.log.event('db_open', { engine: 'sqlite', applied, backup: backupFile !== null, encrypted });
    // Shown once, never stored: the administrator prints it and locks it away.
    if (sqliteEngine.recoveryKey) {
      const m = recoveryKeyMessage(sqliteEngine.recoveryKey, lang);
      dialog.showMessageBoxSync({ type: 'info', title: m.title, message: m.message, detail: m.detail, buttons: [m.ok], noLink: true });
      fileLog?.log.event('recovery_key_shown');
    }
  } else {
    fileLog?.log.event('db_open', { engine: 'pg' });
  }
}

/**
 * The start-up recovery screen (issues 15 and 16) in the renderer: the window opens on it, served
 * by the Electron-free recovery service (electron/core/startup-recovery) in place of the
 * dispatcher. A restore or a re-wrap opens the database; from then on the dispatcher serves, and
 * the renderer reloads into sign-in. Quitting changes nothing.
 */
function startRecovery(o: { mode: RecoveryMode; file: string; folder: string; keyWrapper: KeyWrapper | null; openCore: () => Promise<Core>; devTools: boolean; lang: Lang }): void {
  let served: Served;
  const recovery = createRecoveryService({
    mode: o.mode,
    file: o.file,
    backupFolder: o.folder,
    keyWrapper: o.keyWrapper,
    open: o.openCore,
    opened: (opened) => {
      core = opened;
      served = opened.dispatcher;
      afterOpen(opened, o.lang, o.keyWrapper !== null);
    },
    quit: () => app.quit(),
    ...(fileLog ? { log: fileLog.log } : {}),
  });
  served = recovery;
  fileLog?.log.event('recovery_screen', { mode: o.mode });
  registerIpc(() => served, () => mainWindow?.webContents ?? null);
  mainWindow = createMainWindow(o.devTools, o.lang);
}

async function start(lang: Lang): Promise<void> {
  fileLog = openFileLog(app.getPath('userData'));
  fileLog.log.event('startup', { version: app.getVersion(), packaged: app.isPackaged, demo: wantsDemo(app.isPackaged) });

  // The administrator's policy, before any window: machine-wide places only (CAREDESK_POLICY
  // is for development and is ignored by the installed app). Every problem is logged by key and
  // code; one that leaves the data location unknown stops here, before any database is touched.
  const loaded: LoadedPolicy = loadPolicy(machineDeps({ isPackaged: app.isPackaged }));
  const { policy, problems } = loaded;
  fileLog.log.event('policy', { sources: loaded.sources.length, keys: Object.keys(policy).join(','), problems: problems.length });
  for (const p of problems) fileLog.log.event('policy_problem', { source: p.source, key: p.key, code: p.code });
  const fatal = problems.filter(isLocationProblem);
  if (fatal.length > 0) return fail(policyStopMessage(fatal, lang), 'policy_invalid', fatal.map((p) => `${p.key || 'source'}:${p.code}`).join(','));

  // DevTools stay out of the installed app unless the administrator's policy lets them in.
  const devTools = policy.allowDevTools ?? !app.isPackaged;

  hardenSession(session.defaultSession, { devTools });
  serveAppProtocol(rendererRoot(__dirname));

  const location = dataLocation(policy, app.getPath('userData'));
  const deps = machineDeps({ isPackaged: app.isPackaged });
  // Encryption at rest: the database key wrapped by the operating system's store for this account
  // (DPAPI, Keychain, libsecret), or for the whole PC when the policy says the data folder is shared
  // by several Windows accounts (key-protection.ts). Without one, a database that already has a key
  // cannot be opened (wrong key screen), and a new one is created plain, with the reason in the log.
  const keyProtection = policy.keyProtection ?? 'account';
  const keyWrapper = keyWrapperFor(keyProtection, {
    account: safeStorage.isEncryptionAvailable() ? safeStorageWrapper : null,
    machine: deps.platform === 'win32' ? machineKeyWrapper(deps) : null,
  });
  if (!keyWrapper && location.kind === 'sqlite' && fs.existsSync(keyFileOf(location.file))) {
    return fail(databaseOpenMessage('wrong_key', location.file, lang), 'db_open_failed', 'key_store_unavailable');
  }
  if (!keyWrapper) fileLog.log.event('encryption_unavailable', { reason: 'safeStorage' });
  else fileLog.log.event('key_protection', { protection: keyProtection });
  // The facility server (PostgreSQL) when the policy names one; the password from the credential
  // store or the service account's file, never from the policy itself.
  let engine: EngineConfig;
  if (location.kind === 'server') {
    const s = location.server;
    const secret = readServerPassword(s, deps);
    if (!secret.ok) return fail(serverPasswordMessage(secret.reason, secret.detail, lang), 'server_password', secret.reason);
    engine = {
      kind: 'pg',
      connection: { host: s.host, port: s.port, database: s.database, user: s.user, password: secret.password, tls: s.tls, ...(s.caFile ? { ca: fs.readFileSync(s.caFile, 'utf8') } : {}) },
    };
  } else {
    engine = { kind: 'sqlite', file: location.file, ...(keyWrapper ? { keyWrapper } : {}) };
  }
  const where = location.kind === 'server' ? `${location.server.user}@${location.server.host}:${location.server.port}/${location.server.database}` : location.file;

  // The unpacked native module must be the one the build shipped, before anything loads it.
  const resolveFrom = createRequire(__filename);
  const native = verifyNativeModules(path.join(__dirname, NATIVE_MANIFEST), (name) => {
    try {
      return path.dirname(resolveFrom.resolve(`${name}/package.json`));
    } catch {
      return null;
    }
  });
  if (native.ok) fileLog.log.event('native_ok', { files: native.checked });
  else if (!app.isPackaged && native.reason === 'no_manifest') fileLog.log.event('native_unchecked', { reason: native.reason });
  else return fail(nativeModuleMessage(native.file, lang), 'native_module_refused', native.reason);

  // SQLite's locking is not safe on a network share, however the folder got there (a redirected profile too).
  if (location.kind === 'sqlite') {
    const share = databaseFolderShare(location.file, deps);
    if (share) return fail(databaseOpenMessage('network_share', `${location.file} (${share.where})`, lang), 'db_open_failed', 'network_share');
  }
  const existed = location.kind === 'sqlite' && fs.existsSync(location.file);
  const openCore = () =>
    createCore({
      engine,
      migrationsRoot: path.join(__dirname, 'migrations'),
      log: fileLog!.log,
      backupFolder: location.backupFolder,
      dailyBackups: true,
      // On the server option, this PC's old file (if any) is offered for moving onto an empty server.
      localDatabaseFile: location.kind === 'server' ? path.join(policy.dataFolder ?? app.getPath('userData'), DATABASE_FILE_NAME) : null,
      // What the renderer shows as managed, and the problems it reports on screen.
      policy: policyView(policy, problems),
    });
  let opened: Core;
  try {
    opened = core = await openCore();
  } catch (e) {
    // Neither engine ever replaces or overwrites what it cannot open. A damaged file, or a key
    // that cannot be unwrapped here, gets the recovery screen; anything else, its message, and stop.
    if (!(e instanceof DatabaseOpenError)) throw e;
    const mode = location.kind === 'sqlite' ? recoveryModeFor(e.reason) : null;
    if (!mode || location.kind !== 'sqlite' || (mode === 'key' && !keyWrapper)) return fail(databaseOpenMessage(e.reason, where, lang), 'db_open_failed', e.reason);
    fileLog.log.event('db_open_failed', { reason: e.reason });
    return startRecovery({ mode, file: location.file, folder: location.backupFolder ?? defaultBackupFolder(location.file), keyWrapper, openCore, devTools, lang });
  }
  afterOpen(opened, lang, keyWrapper !== null);

  // The demo facility fills a brand-new file only; a server is never seeded from here.
  if (wantsDemo(app.isPackaged) && location.kind === 'sqlite' && !existed) {
    try {
      await seedDemo(opened);
      fileLog.log.event('demo_seeded');
    } catch (e) {
      fileLog.log.internal('demo.seed', e);
      await opened.close();
      core = null;
      removeFreshDatabase(location.file);
      return fail(demoSeedFailedMessage(lang), 'demo_seed_failed', 'seed');
    }
  }

  registerIpc(() => opened.dispatcher, () => mainWindow?.webContents ?? null);
  mainWindow = createMainWindow(devTools, lang);
}

// Two processes on one SQLite file would contend for its write lock; a second launch hands over.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  // One window is the whole app: closing it quits, on every platform.
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    const closing = core;
    core = null;
    // Hold the quit until the database is closed and the log file flushed, then quit again
    // (this handler then lets it go).
    const log = fileLog;
    fileLog = null;
    if (closing || log) {
      event.preventDefault();
      void (closing?.close() ?? Promise.resolve())
        .catch(() => undefined)
        .then(() => log?.close())
        .finally(() => app.quit());
    }
  });
  app
    .whenReady()
    .then(() => {
      const lang = langFromLocale(app.getLocale());
      return start(lang).catch((e: unknown) => {
        fileLog?.log.internal('startup', e);
        return fail(unexpectedStartupMessage(errorSummary(e), lang), 'startup_failed', 'unexpected');
      });
    })
    .catch(() => app.exit(1));
}
