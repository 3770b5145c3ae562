/**
 * Smoke test of the Electron glue: bundles electron/main and electron/preload exactly as
 * scripts/build-electron.mjs does, then runs the real main.cjs under plain Node in a child
 * process against a fake 'electron' (fixtures/fake-electron.ts) that records every call and
 * plays Electron's part: navigation, permissions, web requests, app:// requests, IPC. The
 * Electron binary itself never runs here; what is checked is that our glue wires the right
 * things, with the right options, in the right order.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import { build, type BuildOptions } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyApplier } from '../../db/encryption';
import { openDatabase } from '../../db/open';
import { sourceMigrationsFolder } from '../../db/paths';
import { hashNativeFiles, NATIVE_MANIFEST } from '../../electron/main/native-integrity';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/url-policy';
import { OBSERVATIONS_MARKER, type Observations } from './fixtures/observations';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEMO_PASSWORD = 'sunrise harbor window';
const INDEX_HTML = '<!doctype html><title>CareDesk smoke</title>';
const SECRET = 'outside-the-renderer-root';

// Keep in step with scripts/build-electron.mjs (which always writes to dist/electron, shared with
// other runs); only the output folder differs here.
const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron', 'better-sqlite3'],
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: root,
};

interface Run {
  obs: Observations;
  code: number | null;
  stderr: string;
  dir: string;
  userData: string;
  documents: string;
}

let work = '';
let electronDir = '';
let bootstrap = '';
let tamperedDir = '';
const runs: Record<string, Run> = {};

/** Runs main.cjs once, in its own process and its own folders, and parses what the fake saw. */
async function runMain(
  name: string,
  o: { env?: Record<string, string>; policy?: object; lock?: boolean; prepare?: (r: { userData: string; dir: string }) => void; electronDir?: string },
): Promise<Run> {
  const dir = path.join(work, name);
  const userData = path.join(dir, 'userData');
  const documents = path.join(dir, 'documents');
  fs.mkdirSync(userData, { recursive: true });
  fs.mkdirSync(documents, { recursive: true });
  // Always an explicit policy file: without one, main would read the machine's /etc/caredesk/policy.json.
  const policyFile = path.join(dir, 'policy.json');
  fs.writeFileSync(policyFile, JSON.stringify(o.policy ?? {}));
  o.prepare?.({ userData, dir });

  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('CAREDESK_') || k.startsWith('SMOKE_')) delete env[k];
  Object.assign(env, {
    // main.cjs lives in a temp folder; its external better-sqlite3 comes from the repository.
    NODE_PATH: path.join(root, 'node_modules'),
    CAREDESK_POLICY: policyFile,
    SMOKE_MAIN: path.join(o.electronDir ?? electronDir, 'main.cjs'),
    SMOKE_USER_DATA: userData,
    SMOKE_DOCUMENTS: documents,
    SMOKE_LOCK: o.lock === false ? '0' : '1',
    ...o.env,
  });

  const child = spawn(process.execPath, [bootstrap], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c));
  });
  const line = stdout.split('\n').find((l) => l.startsWith(OBSERVATIONS_MARKER));
  if (!line) throw new Error(`${name}: no observations (exit ${code})\nstdout:\n${stdout}\nstderr:\n${stderr}`);
  return { obs: JSON.parse(line.slice(OBSERVATIONS_MARKER.length)) as Observations, code, stderr, dir, userData, documents };
}

/** Opens a copy of the app's encrypted database with its key, unwrapped the way the fake safeStorage wraps it. */
function openCopy(copy: string, original: string): Database.Database {
  const wrapped = Buffer.from((JSON.parse(fs.readFileSync(`${original}.key`, 'utf8')) as { wrapped: string }).wrapped, 'base64');
  const key = Buffer.from(Buffer.from(wrapped.subarray(5).map((b) => b ^ 0x5a)).toString('utf8'), 'base64');
  const db = new Database(copy, { readonly: true });
  keyApplier(key)(db);
  return db;
}

/** A damaged database, and in its backups folder one good copy holding a facility with two users. */
function damagedWithBackup(userData: string): void {
  fs.writeFileSync(path.join(userData, 'caredesk.sqlite'), GARBAGE);
  const folder = path.join(userData, 'caredesk.sqlite.backups');
  fs.mkdirSync(folder);
  const source = path.join(userData, 'source.sqlite');
  const o = openDatabase(source, { migrationsFolder: sourceMigrationsFolder });
  o.sqlite.exec(`INSERT INTO users (username, display_name, role, password_hash, must_change_password, created_at, updated_at) VALUES
    ('ada', 'Ada', 'administrator', 'x', 0, 'x', 'x'), ('bo', 'Bo', 'nurse', 'x', 0, 'x', 'x')`);
  o.sqlite.prepare('VACUUM INTO ?').run(path.join(folder, 'caredesk-20260101T020000Z-daily.sqlite'));
  o.close();
  for (const f of fs.readdirSync(userData)) if (f.startsWith('source.sqlite')) fs.rmSync(path.join(userData, f));
}

const GARBAGE = Buffer.from('This is not a SQLite database, just a damaged file. '.repeat(200));

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'caredesk-main-smoke-'));
  // The layout the app ships with: <app>/electron/{main,preload}.cjs + migrations, <app>/renderer.
  electronDir = path.join(work, 'app', 'electron');
  const renderer = path.join(work, 'app', 'renderer');
  fs.mkdirSync(renderer, { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(work, 'app', 'secret.txt'), SECRET);
  bootstrap = path.join(work, 'fake-electron.cjs');

  await Promise.all([
    build({ ...common, entryPoints: ['electron/main/index.ts'], outfile: path.join(electronDir, 'main.cjs') }),
    build({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: path.join(electronDir, 'preload.cjs') }),
    build({ ...common, entryPoints: ['test/electron/fixtures/fake-electron.ts'], outfile: bootstrap, external: [] }),
  ]);
  fs.cpSync(path.join(root, 'db', 'migrations'), path.join(electronDir, 'migrations'), { recursive: true });
  // The manifest of native-module hashes the build writes; a second copy of the app has one
  // file's hash changed, as if the unpacked better_sqlite3 .node had been replaced.
  const sqliteDir = path.dirname(createRequire(path.join(root, 'package.json')).resolve('better-sqlite3/package.json'));
  const manifest = { packages: { 'better-sqlite3': hashNativeFiles(sqliteDir) } };
  fs.writeFileSync(path.join(electronDir, NATIVE_MANIFEST), JSON.stringify(manifest));
  tamperedDir = path.join(work, 'tampered', 'electron');
  fs.cpSync(path.join(work, 'app'), path.join(work, 'tampered'), { recursive: true });
  const victim = Object.keys(manifest.packages['better-sqlite3'])[0]!;
  fs.writeFileSync(path.join(tamperedDir, NATIVE_MANIFEST), JSON.stringify({ packages: { 'better-sqlite3': { ...manifest.packages['better-sqlite3'], [victim]: '0'.repeat(64) } } }));

  const named = await Promise.all([
    runMain('demo', { env: { CAREDESK_DEMO: '1' }, policy: { allowDevTools: false } }),
    runMain('damaged', {
      env: { CAREDESK_DEMO: '1', SMOKE_RECOVERY: 'status' },
      prepare: ({ userData }) => fs.writeFileSync(path.join(userData, 'caredesk.sqlite'), GARBAGE),
    }),
    runMain('dataFolder', {
      policy: { dataFolder: path.join(work, 'dataFolder', 'data') },
      prepare: ({ dir }) => fs.mkdirSync(path.join(dir, 'data')),
    }),
    runMain('missingDataFolder', { env: { CAREDESK_DEMO: '1' }, policy: { dataFolder: path.join(work, 'missingDataFolder', 'not-there') } }),
    runMain('softPolicy', { env: { CAREDESK_DEMO: '1' }, policy: { idleLockMinutes: 'ten', colour: 'blue', language: 'es', allowDevTools: false } }),
    runMain('badPolicy', { env: { CAREDESK_DEMO: '1' }, policy: { dataFolder: 'relative/folder' } }),
    runMain('secondInstance', { env: { CAREDESK_DEMO: '1' }, lock: false }),
    runMain('tamperedNative', { env: { CAREDESK_DEMO: '1' }, electronDir: tamperedDir }),
    // A damaged file with a verified backup beside it: the recovery screen, answered "restore the newest"…
    runMain('recovery', { env: { SMOKE_RECOVERY: 'restore' }, prepare: ({ userData }) => damagedWithBackup(userData) }),
    // …and answered "quit": nothing changes.
    runMain('recoveryDeclined', { env: { SMOKE_RECOVERY: 'quit' }, prepare: ({ userData }) => damagedWithBackup(userData) }),
    // The installed app with CAREDESK_DEMO=1 in its environment (issue 16, item 5).
    runMain('packagedDemo', { env: { CAREDESK_DEMO: '1', SMOKE_PACKAGED: '1' } }),
  ]);
  for (const r of named) runs[path.basename(r.dir)] = r;

  // A second start on the database the demo run left behind: it must open it, not seed it again.
  const demoData = get('demo').userData;
  runs.demoAgain = await runMain('demoAgain', {
    env: { CAREDESK_DEMO: '1' },
    policy: { allowDevTools: false },
    prepare: ({ userData }) => {
      for (const f of ['caredesk.sqlite', 'caredesk.sqlite.key']) fs.copyFileSync(path.join(demoData, f), path.join(userData, f));
    },
  });
}, 120_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

function get(name: string): Run {
  const r = runs[name];
  if (!r) throw new Error(`run ${name} did not happen`);
  return r;
}

describe('electron main against a fake electron: a fresh demo start', () => {
  it('starts cleanly, in Electron order, and quits when its window closes', () => {
    const { obs, code, stderr } = get('demo');
    expect(obs.probeErrors).toEqual([]);
    expect(obs.violations).toEqual([]);
    expect({ ended: obs.ended, exitCode: obs.exitCode, code }, stderr).toEqual({ ended: 'quit', exitCode: 0, code: 0 });
    const at = (c: string) => obs.calls.indexOf(c);
    expect(at('app.requestSingleInstanceLock')).toBeGreaterThanOrEqual(0);
    expect(at('protocol.registerSchemesAsPrivileged')).toBeLessThan(at('ready'));
    expect(at('protocol.handle app')).toBeGreaterThan(at('ready'));
    expect(at('ipcMain.handle caredesk:invoke')).toBeLessThan(at('new BrowserWindow'));
    expect(at('window.loadURL app://caredesk/index.html')).toBeGreaterThan(at('new BrowserWindow'));
    expect(obs.calls).not.toContain('dialog.showErrorBox');
    // The first quit (window closed) is held in will-quit until the log is flushed, then quits again.
    expect(obs.calls.filter((c) => c === 'app.quit')).toHaveLength(2);
    expect(obs.errorBoxes).toEqual([]);
  });

  it('opens no network connection in any run: no socket, no DNS lookup, no datagram', () => {
    for (const [name, run] of Object.entries(runs)) expect(run.obs.network, name).toEqual([]);
    // Nor does it load a module that speaks to the network.
    const builtins = new Set(get('demo').obs.mainRequires.filter((id) => isBuiltin(id)).map((id) => id.replace(/^node:/, '')));
    for (const m of ['net', 'tls', 'http', 'https', 'http2', 'dgram', 'dns']) expect(builtins.has(m), m).toBe(false);
  });

  it('requires nothing at run time beyond its two externals', () => {
    const external = get('demo').obs.mainRequires.filter((id) => !isBuiltin(id));
    expect([...new Set(external)].sort()).toEqual(['better-sqlite3', 'electron']);
  });

  it('listens for the app events it needs, including hardening every new webContents', () => {
    expect(get('demo').obs.appEvents).toEqual(expect.arrayContaining(['second-instance', 'web-contents-created', 'will-quit', 'window-all-closed']));
  });

  it('registers app:// as standard and secure, without CORS or a CSP bypass', () => {
    const schemes = get('demo').obs.schemes as { scheme: string; privileges: Record<string, boolean> }[];
    expect(schemes).toHaveLength(1);
    expect(schemes[0]?.scheme).toBe('app');
    expect(schemes[0]?.privileges).toMatchObject({ standard: true, secure: true });
    expect(schemes[0]?.privileges.corsEnabled).toBeFalsy();
    expect(schemes[0]?.privileges.bypassCSP).toBeFalsy();
    expect(schemes[0]?.privileges.allowServiceWorkers).toBeFalsy();
  });

  it('opens one locked-down window on app://caredesk/index.html with the built preload', () => {
    const { obs } = get('demo');
    expect(obs.windows).toHaveLength(1);
    const win = obs.windows[0]!;
    const prefs = (win.options as { webPreferences: Record<string, unknown> }).webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // The policy file of this run says no DevTools.
      devTools: false,
    });
    expect(prefs.preload).toBe(path.join(electronDir, 'preload.cjs'));
    expect(fs.existsSync(prefs.preload as string)).toBe(true);
    expect(win.loaded).toEqual(['app://caredesk/index.html']);
    // Created hidden, shown on ready-to-show, and brought forward when a second launch hands over.
    expect(win.options).toMatchObject({ show: false });
    expect(obs.calls.indexOf('window.show')).toBe(obs.calls.indexOf('ready-to-show') + 1);
    expect(win.shown).toBe(true);
    expect(win.focused).toBe(1);
  });

  it('keeps every webContents on app://caredesk: no navigation away, no popups, no webviews', () => {
    const { obs } = get('demo');
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(obs.navigation[`${event} https://example.com/`], event).toBe(true);
      expect(obs.navigation[`${event} file:///etc/passwd`], event).toBe(true);
      expect(obs.navigation[`${event} app://caredesk/index.html#/residents`], event).toBe(false);
    }
    expect(obs.navigation['will-attach-webview']).toBe(true);
    expect(obs.windowOpen).toEqual([{ action: 'deny' }, { action: 'deny' }]);
  });

  it('denies every permission request, check and device', () => {
    const { permissions } = get('demo').obs;
    expect(permissions).not.toBeNull();
    expect(permissions!.request).toHaveLength(6);
    expect(new Set([...permissions!.request, ...permissions!.check, ...permissions!.device])).toEqual(new Set([false]));
  });

  it('cancels every request that is not our own origin, inline data or our own blobs', () => {
    expect(get('demo').obs.requests).toEqual({
      'app://caredesk/index.html': false,
      'app://caredesk/assets/index.js': false,
      'data:image/png;base64,AAAA': false,
      'blob:app://caredesk/0b5a1f3e-1111-4222-8333-944455556666': false,
      'https://example.com/': true,
      'http://127.0.0.1:5173/': true,
      'file:///etc/passwd': true,
      'ws://127.0.0.1:9229/': true,
      'app://evil/index.html': true,
      'blob:https://example.com/0b5a1f3e-1111-4222-8333-944455556666': true,
      // allowDevTools: false in this run's policy.
      'devtools://devtools/bundled/inspector.html': true,
    });
  });

  it('serves the renderer over app:// with the CSP, and nothing outside it', () => {
    const p = get('demo').obs.protocol;
    expect(p.index?.status).toBe(200);
    expect(p.index?.body).toBe(INDEX_HTML);
    expect(p.index?.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(p.index?.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(p.index?.headers['x-content-type-options']).toBe('nosniff');
    expect(p.root?.status).toBe(200);
    expect(p.root?.body).toBe(INDEX_HTML);
    expect(p.head?.status).toBe(200);
    expect(p.head?.body).toBe('');
    expect(p.post?.status).toBe(405);
    expect(p.missing?.status).toBe(404);
    for (const label of ['dotTraversal', 'encodedTraversal', 'encodedTraversalToMain', 'backslash', 'otherHost']) {
      expect(p[label]?.status, label).toBe(404);
      expect(p[label]?.body, label).not.toContain(SECRET);
      expect(p[label]?.body, label).not.toContain('require(');
    }
  });

  it('registers exactly one IPC entry point and nothing on ipcMain.on', () => {
    const { obs } = get('demo');
    expect(obs.ipcHandleChannels).toEqual(['caredesk:invoke']);
    expect(obs.ipcOnChannels).toEqual([]);
  });

  it('seeds the demo facility into a new database and signs in through the IPC handler', () => {
    const { obs, userData } = get('demo');
    expect(fs.statSync(path.join(userData, 'caredesk.sqlite')).size).toBeGreaterThan(0);
    expect(obs.ipc.status).toEqual({ ok: true, value: { needsSetup: false, facilityName: 'Maple Grove Care Center', defaultLanguage: 'en', timeZone: 'America/Chicago' } });
    expect(obs.ipc.sessionBefore).toMatchObject({ ok: true, value: { user: null } });
    expect(obs.ipc.unknownMethod).toMatchObject({ ok: false });
    expect(obs.ipc.badInput).toMatchObject({ ok: false });
    expect(obs.ipc.wrongPassword).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(obs.ipc.signIn).toMatchObject({ ok: true, value: { user: { username: 'admin', role: 'administrator' } } });
    // The connection (and its login) belongs to the window's webContents and persists between calls.
    expect(obs.ipc.sessionAfter).toMatchObject({ ok: true, value: { user: { username: 'admin' } } });
  });

  it('refuses IPC from any other webContents or frame before the dispatcher sees it', () => {
    const { ipc } = get('demo').obs;
    for (const label of ['foreignContents', 'foreignContentsSignIn', 'foreignContentsOurFrame', 'iframe', 'navigatedAway', 'lookalikeOrigin', 'otherFrameToken', 'noFrame']) {
      expect(ipc[label], label).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('prints through printToPDF and the save dialog, into the documents folder', () => {
    const { obs, documents } = get('demo');
    expect(obs.ipc.print).toMatchObject({ ok: true, value: { saved: true, file: path.join(documents, 'smoke-print.pdf'), pageSize: 'letter', landscape: true } });
    expect(obs.print).not.toBeNull();
    // CSS decides the paper (PRINTING.md): the kit's @page size, never a scaled-down layout.
    expect(obs.print!.pdfOptions).toMatchObject({ preferCSSPageSize: true, landscape: true, pageSize: 'Letter', printBackground: true, generateTaggedPDF: true });
    const [owner, options] = obs.print!.saveDialog as [string, { defaultPath: string; filters: unknown }];
    expect(owner).toBe('<owner window>');
    expect(path.dirname(options.defaultPath)).toBe(documents);
    expect(path.basename(options.defaultPath)).toMatch(/^[^/\\]+\.pdf$/);
    expect(obs.print!.written).toBe('%PDF-1.7 smoke');
    // Both ends of the print are on record: authorised, then saved (never the file's path).
    // Read a copy: opening the app's own file would leave -wal/-shm files the next test looks for.
    const copy = path.join(get('demo').dir, 'audit-copy.sqlite');
    fs.copyFileSync(path.join(get('demo').userData, 'caredesk.sqlite'), copy);
    const db = openCopy(copy, path.join(get('demo').userData, 'caredesk.sqlite'));
    const rows = db.prepare("SELECT method, after_json AS after FROM audit_log WHERE entity = 'print' ORDER BY id").all() as { method: string; after: string }[];
    db.close();
    expect(rows.map((r) => r.method)).toEqual(['print.pdf', 'print.finished']);
    expect(JSON.parse(rows[1]!.after)).toEqual({ document: 'users.list', saved: true });
    expect(rows.map((r) => r.after).join('')).not.toContain('smoke-print.pdf');
    // The one-time token that binds the outcome to this print stays in main (issue 16, item 9).
    expect(Object.keys((obs.ipc.print as { value: object }).value).sort()).toEqual(['document', 'file', 'landscape', 'pageSize', 'saved', 'suggestedName', 'to']);
  });

  it('the renderer cannot record a print outcome itself (issue 16, item 9)', () => {
    const { ipc } = get('demo').obs;
    expect(ipc.printFinishedOldShape).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(ipc.printFinishedForged).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('downloads only as .pdf, .png, .jpg or the app’s own .csv/.ics exports (issue 16, item 8)', () => {
    expect(get('demo').obs.downloads).toEqual({
      'certificate.pdf': false,
      'scan.png': false,
      'scan.jpg': false,
      'training.csv': false,
      'visits.ics': false,
      'certificate.cmd': true,
      'certificate.pdf.html': true,
      'cert.svg': true,
      'CERT.PDF': false,
      '..\\evil.pdf': true,
      noextension: true,
    });
  });

  it('the installed app ignores CAREDESK_DEMO: a new data folder is left for setup, with no demo accounts (issue 16, item 5)', () => {
    const { obs, code, userData } = get('packagedDemo');
    expect({ ended: obs.ended, code, errors: obs.probeErrors }).toEqual({ ended: 'quit', code: 0, errors: [] });
    expect(obs.ipc.status).toMatchObject({ ok: true, value: { needsSetup: true } });
    expect(obs.ipc.signIn).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const copy = path.join(get('packagedDemo').dir, 'copy.sqlite');
    fs.copyFileSync(path.join(userData, 'caredesk.sqlite'), copy);
    const db = openCopy(copy, path.join(userData, 'caredesk.sqlite'));
    expect(db.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 0 });
    db.close();
  });

  it('closes the database on quit (no WAL left behind)', () => {
    expect(fs.readdirSync(get('demo').userData).sort()).toEqual(['caredesk.sqlite', 'caredesk.sqlite.backups', 'caredesk.sqlite.key', 'logs']);
  });

  it('encrypts the database at rest, the key wrapped by safeStorage, and shows the recovery key once', () => {
    const { obs, userData } = get('demo');
    const file = path.join(userData, 'caredesk.sqlite');
    expect(fs.readFileSync(file).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(`${file}.key`).mode & 0o777).toBe(0o600);
    expect(obs.calls).toContain('safeStorage.encryptString');
    const shown = obs.messageBoxes.filter((m) => m.title === 'CareDesk: recovery key');
    expect(shown).toHaveLength(1);
    expect(shown[0]?.detail).toMatch(/^[A-Z2-9]{5}(-[A-Z2-9]{5}){7}\n/);
    // Not in the log.
    expect(fs.readFileSync(path.join(userData, 'logs', 'caredesk.log'), 'utf8')).not.toContain(shown[0]!.detail.slice(0, 23));
    // The second start opens it with the same key and shows no recovery key.
    expect(get('demoAgain').obs.messageBoxes).toEqual([]);
  });

  it('makes the daily backup at start: one verified copy, in an owner-only folder', () => {
    const folder = path.join(get('demo').userData, 'caredesk.sqlite.backups');
    const files = fs.readdirSync(folder);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^caredesk-\d{8}T\d{6}Z-daily\.sqlite$/);
    expect(fs.statSync(folder).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(folder, files[0]!)).mode & 0o777).toBe(0o600);
  });

  it('a restart on the existing demo database opens it as it is: no second seeding, sign-in still works', () => {
    const { obs, code, userData } = get('demoAgain');
    expect({ ended: obs.ended, code, errorBoxes: obs.errorBoxes, errors: obs.probeErrors }).toEqual({ ended: 'quit', code: 0, errorBoxes: [], errors: [] });
    expect(obs.ipc.signIn).toMatchObject({ ok: true, value: { user: { username: 'admin' } } });
    expect(fs.existsSync(path.join(userData, 'caredesk.sqlite'))).toBe(true);
    expect(fs.readFileSync(path.join(userData, 'logs', 'caredesk.log'), 'utf8')).not.toMatch(/demo_seed/);
  });

  it('writes its log to <userData>/logs without resident data', () => {
    const log = fs.readFileSync(path.join(get('demo').userData, 'logs', 'caredesk.log'), 'utf8');
    expect(log).toMatch(/startup/);
    expect(log).toMatch(/demo_seeded/);
    // The native module was checked against the build's manifest before the database opened.
    expect(log).toMatch(/"ev":"native_ok","files":[1-9]/);
    expect(log).not.toContain(DEMO_PASSWORD);
  });
});

describe('electron main against a fake electron: start-up failures', () => {
  it('a damaged database with no backup: the recovery screen in the window says so; no error box, nothing seeded, the file untouched', () => {
    const { obs, userData } = get('damaged');
    const file = path.join(userData, 'caredesk.sqlite');
    expect(obs.errorBoxes).toEqual([]);
    expect(obs.windows).toHaveLength(1);
    expect(obs.ipc.recoveryFirstCall).toMatchObject({ ok: false, error: { message: 'recovery.required' } });
    expect(obs.ipc.recoveryStatus).toEqual({ ok: true, value: { mode: 'damaged', file, backups: [] } });
    expect(obs.probeErrors).toEqual([]);
    expect(obs.violations).toEqual([]);
    expect(fs.readFileSync(file).equals(GARBAGE)).toBe(true);
    expect(fs.readdirSync(userData).filter((f) => f.startsWith('caredesk.sqlite'))).toEqual(['caredesk.sqlite']);
    expect(fs.readFileSync(path.join(userData, 'logs', 'caredesk.log'), 'utf8')).toMatch(/"ev":"recovery_screen","mode":"damaged"/);
  });

  it('a damaged database with a verified backup: the recovery screen lists it with its date and counts, restores it, keeps the damaged file, and the dispatcher serves after', () => {
    const { obs, code, userData } = get('recovery');
    expect(obs.ipc.recoveryStatus).toMatchObject({ ok: true, value: { mode: 'damaged', backups: [{ name: 'caredesk-20260101T020000Z-daily.sqlite', at: '2026-01-01T02:00:00Z', users: 2 }] } });
    expect(obs.ipc.recoveryRestore).toMatchObject({ ok: true, value: { restored: { at: '2026-01-01T02:00:00Z' } } });
    // The restored copy was plain (made before encryption): encrypted now, and its recovery key shown once.
    expect(obs.messageBoxes.map((m) => m.title)).toEqual(['CareDesk: recovery key']);
    expect(obs.errorBoxes).toEqual([]);
    expect({ ended: obs.ended, code }).toEqual({ ended: 'quit', code: 0 });
    expect(obs.windows).toHaveLength(1);
    // After the restore the same window talks to the app's dispatcher.
    expect(obs.ipc.status).toMatchObject({ ok: true });
    const restored = new Database(path.join(userData, 'caredesk.sqlite'), { readonly: true });
    expect(() => restored.prepare('SELECT username FROM users').all()).toThrow(/not a database/);
    restored.close();
    const withKey = openCopy(path.join(userData, 'caredesk.sqlite'), path.join(userData, 'caredesk.sqlite'));
    expect(withKey.prepare('SELECT username FROM users ORDER BY id').all()).toEqual([{ username: 'ada' }, { username: 'bo' }]);
    expect(withKey.prepare("SELECT method FROM audit_log WHERE method = 'recovery.restore'").all()).toEqual([{ method: 'recovery.restore' }]);
    withKey.close();
    expect(fs.readFileSync(path.join(userData, 'logs', 'caredesk.log'), 'utf8')).toMatch(/"ev":"db_open","engine":"sqlite"/);
    const kept = fs.readdirSync(path.join(userData, 'caredesk.sqlite.backups')).filter((f) => f.startsWith('damaged-'));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(userData, 'caredesk.sqlite.backups', kept[0]!)).equals(GARBAGE)).toBe(true);
  });

  it('a damaged database whose recovery screen is quit: nothing changed', () => {
    const { obs, code, userData } = get('recoveryDeclined');
    expect(obs.ipc.recoveryQuit).toEqual({ ok: true, value: { quitting: true } });
    expect(obs.errorBoxes).toEqual([]);
    expect({ ended: obs.ended, code }).toEqual({ ended: 'quit', code: 0 });
    expect(fs.readFileSync(path.join(userData, 'caredesk.sqlite')).equals(GARBAGE)).toBe(true);
    expect(fs.readdirSync(path.join(userData, 'caredesk.sqlite.backups'))).toEqual(['caredesk-20260101T020000Z-daily.sqlite']);
  });

  it('an invalid policy: an error box naming it, exit code 1, no window, no database', () => {
    const { obs, code, userData, dir } = get('badPolicy');
    expect({ ended: obs.ended, exitCode: obs.exitCode, code }).toEqual({ ended: 'exit', exitCode: 1, code: 1 });
    expect(obs.errorBoxes).toHaveLength(1);
    expect(obs.errorBoxes[0]?.body).toContain(path.join(dir, 'policy.json'));
    expect(obs.windows).toEqual([]);
    expect(obs.ipcHandleChannels).toEqual([]);
    expect(fs.existsSync(path.join(userData, 'caredesk.sqlite'))).toBe(false);
  });

  it('a data folder that does not exist: named in the error box, not created, no database anywhere', () => {
    const { obs, code, userData, dir } = get('missingDataFolder');
    expect({ ended: obs.ended, exitCode: obs.exitCode, code }).toEqual({ ended: 'exit', exitCode: 1, code: 1 });
    expect(obs.errorBoxes).toHaveLength(1);
    expect(obs.errorBoxes[0]?.body).toContain(`The folder in “dataFolder” does not exist: ${path.join(dir, 'not-there')}`);
    expect(obs.windows).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'not-there'))).toBe(false);
    expect(fs.existsSync(path.join(userData, 'caredesk.sqlite'))).toBe(false);
    expect(fs.readFileSync(path.join(userData, 'logs', 'caredesk.log'), 'utf8')).toMatch(/"ev":"policy_problem".*"key":"dataFolder","code":"not_found"/);
  });

  it('a policy with bad values that do not decide the data location: the app starts on defaults and logs each problem', () => {
    const { obs, code, userData } = get('softPolicy');
    expect({ ended: obs.ended, code, errors: obs.probeErrors, boxes: obs.errorBoxes }).toEqual({ ended: 'quit', code: 0, errors: [], boxes: [] });
    expect(obs.windows).toHaveLength(1);
    const log = fs.readFileSync(path.join(userData, 'logs', 'caredesk.log'), 'utf8');
    expect(log).toMatch(/"key":"idleLockMinutes","code":"wrong_type"/);
    expect(log).toMatch(/"key":"colour","code":"unknown_key"/);
    // The renderer learns what is managed and what was wrong, to say so on screen.
    expect(obs.ipc.policy).toMatchObject({
      ok: true,
      value: { managed: { language: 'es' }, problems: [{ key: 'idleLockMinutes', code: 'wrong_type' }, { key: 'colour', code: 'unknown_key' }], serverOverridesDataFolder: false },
    });
    expect((obs.windows[0]?.options as { webPreferences: { devTools: boolean } }).webPreferences.devTools).toBe(false);
  });

  it('a replaced native module: refused before any database is opened, naming the file', () => {
    const { obs, code, userData } = get('tamperedNative');
    expect({ ended: obs.ended, exitCode: obs.exitCode, code }).toEqual({ ended: 'exit', exitCode: 1, code: 1 });
    expect(obs.errorBoxes[0]?.title).toBe('CareDesk: the installation has been changed');
    expect(obs.errorBoxes[0]?.body).toMatch(/File: .*\.node/);
    expect(obs.windows).toEqual([]);
    expect(fs.existsSync(path.join(userData, 'caredesk.sqlite'))).toBe(false);
    expect(fs.readFileSync(path.join(userData, 'logs', 'caredesk.log'), 'utf8')).toMatch(/native_module_refused/);
  });

  it('a second launch hands over: it quits without waiting for ready or touching anything', () => {
    const { obs, code, userData } = get('secondInstance');
    expect({ ended: obs.ended, code }).toEqual({ ended: 'quit', code: 0 });
    expect(obs.calls).toEqual(['require main', 'protocol.registerSchemesAsPrivileged', 'app.requestSingleInstanceLock', 'app.quit', 'main loaded']);
    expect(obs.windows).toEqual([]);
    expect(fs.readdirSync(userData)).toEqual([]);
  });

  it("the policy's dataFolder holds the database; without CAREDESK_DEMO it is left for setup", () => {
    const { obs, code, userData, dir } = get('dataFolder');
    expect({ ended: obs.ended, code, errors: obs.probeErrors }).toEqual({ ended: 'quit', code: 0, errors: [] });
    expect(fs.existsSync(path.join(dir, 'data', 'caredesk.sqlite'))).toBe(true);
    expect(fs.existsSync(path.join(userData, 'caredesk.sqlite'))).toBe(false);
    expect(obs.ipc.status).toMatchObject({ ok: true, value: { needsSetup: true } });
    // No policy word on DevTools: an unpackaged build allows them.
    expect((obs.windows[0]?.options as { webPreferences: { devTools: boolean } }).webPreferences.devTools).toBe(true);
  });
});

describe('preload against a fake, sandboxed require', () => {
  it("exposes exactly window.caredesk.invoke and onChanges, forwarding to ipcRenderer.invoke('caredesk:invoke', method, input) and from 'caredesk:changes'", async () => {
    const file = path.join(electronDir, 'preload.cjs');
    const exposed: [string, unknown][] = [];
    const invoked: unknown[][] = [];
    const required: string[] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]) },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          invoked.push(args);
          return Promise.resolve('from main');
        },
        on: (channel: string, fn: (...args: unknown[]) => void) => listeners.push([channel, fn]),
        removeListener: (channel: string, fn: (...args: unknown[]) => void) => {
          const i = listeners.findIndex(([c, f]) => c === channel && f === fn);
          if (i >= 0) listeners.splice(i, 1);
        },
      },
    };
    const listeners: [string, (...args: unknown[]) => void][] = [];
    // Like Electron's sandbox: a bare global scope and a require that knows only 'electron'.
    const sandboxRequire = (id: string) => {
      required.push(id);
      if (id === 'electron') return fakeElectron;
      throw new Error(`a sandboxed preload cannot require '${id}'`);
    };
    const run = vm.compileFunction(fs.readFileSync(file, 'utf8'), ['exports', 'require', 'module', '__filename', '__dirname'], {
      parsingContext: vm.createContext({}),
      filename: file,
    });
    const mod = { exports: {} };
    run(mod.exports, sandboxRequire, mod, file, path.dirname(file));

    expect(required).toEqual(['electron']);
    expect(exposed.map(([k]) => k)).toEqual(['caredesk']);
    const bridge = exposed[0]![1] as Record<string, unknown>;
    expect(Object.keys(bridge)).toEqual(['invoke', 'onChanges']);
    expect(typeof bridge.invoke).toBe('function');
    const invoke = bridge.invoke as (...args: unknown[]) => Promise<unknown>;
    await expect(invoke('auth.signIn', { username: 'admin', password: 'x' }, 'extra')).resolves.toBe('from main');
    expect(invoked).toEqual([['caredesk:invoke', 'auth.signIn', { username: 'admin', password: 'x' }]]);

    // Change events arrive as their payload only: the IPC event object never reaches the page.
    const heard: unknown[] = [];
    const stop = (bridge.onChanges as (fn: (e: unknown) => void) => () => void)((e) => heard.push(e));
    expect(listeners.map(([c]) => c)).toEqual(['caredesk:changes']);
    listeners[0]![1]({ sender: 'the ipc event' }, [{ entity: 'resident', id: '7' }]);
    expect(heard).toEqual([[{ entity: 'resident', id: '7' }]]);
    stop();
    expect(listeners).toEqual([]);
  });
});
