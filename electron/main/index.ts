import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, session } from 'electron';
import { DatabaseOpenError } from '../../db/open';
import { createCore, type Core } from '../core/app';
import { errorSummary } from '../core/log';
import { registerAppScheme, rendererRoot, serveAppProtocol } from './app-protocol';
import { removeFreshDatabase, seedDemo, wantsDemo } from './demo';
import { registerIpc } from './ipc';
import { openFileLog, type FileLog } from './logging';
import { PolicyError, readPolicy, type Policy } from './policy';
import { hardenAllWebContents, hardenSession, secureWindowOptions } from './security';
import {
  databaseOpenMessage,
  demoSeedFailedMessage,
  langFromLocale,
  policyMessage,
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
  core?.close();
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
  const win = new BrowserWindow(secureWindowOptions({ preload: path.join(__dirname, 'preload.cjs'), devTools }));
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

async function start(lang: Lang): Promise<void> {
  fileLog = openFileLog(app.getPath('userData'));
  fileLog.log.event('startup', { version: app.getVersion(), packaged: app.isPackaged, demo: wantsDemo() });

  let policy: Policy;
  try {
    // In the installed app only the machine-wide file counts: an environment variable set by the
    // person at the keyboard must not override what the administrator decided.
    const env = app.isPackaged ? { ...process.env, CAREDESK_POLICY: undefined } : process.env;
    policy = readPolicy(env).policy;
  } catch (e) {
    if (e instanceof PolicyError) return fail(policyMessage(e.message, lang), 'policy_invalid', 'policy');
    throw e;
  }
  // DevTools stay out of the installed app unless the administrator's policy lets them in.
  const devTools = policy.allowDevTools ?? !app.isPackaged;

  hardenSession(session.defaultSession, { devTools });
  serveAppProtocol(rendererRoot(__dirname));

  const file = path.join(policy.dataFolder ?? app.getPath('userData'), 'caredesk.sqlite');
  const existed = fs.existsSync(file);
  try {
    core = createCore({ file, migrationsFolder: path.join(__dirname, 'migrations'), log: fileLog.log });
  } catch (e) {
    // openDatabase never replaces a bad file; all that is left to do is say so and stop.
    if (e instanceof DatabaseOpenError) return fail(databaseOpenMessage(e.reason, e.file, lang), 'db_open_failed', e.reason);
    throw e;
  }
  fileLog.log.event('db_open', { applied: core.opened.applied, backup: core.opened.backupFile !== null });

  if (wantsDemo() && !existed) {
    try {
      seedDemo(core);
      fileLog.log.event('demo_seeded');
    } catch (e) {
      fileLog.log.internal('demo.seed', e);
      core.close();
      core = null;
      removeFreshDatabase(file);
      return fail(demoSeedFailedMessage(lang), 'demo_seed_failed', 'seed');
    }
  }

  registerIpc(core.dispatcher, () => mainWindow?.webContents ?? null);
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
    core?.close();
    core = null;
    // Hold the quit until the log file is flushed, then quit again (this handler then lets it go).
    const log = fileLog;
    if (log) {
      fileLog = null;
      event.preventDefault();
      void log.close().finally(() => app.quit());
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
