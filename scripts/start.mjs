// Runs the built app in Electron with the demo facility, or explains why it cannot.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/**
 * The electron package's index.js returns the binary's path, but when the binary is missing it
 * tries to download it on require. Check first, the same way it does, so this never reaches out.
 */
function electronBinary() {
  let pkgDir;
  try {
    pkgDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(pkgDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const relative = fs.readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkgDir, 'dist');
  if (!fs.existsSync(path.join(distDir, relative))) return null;
  const binary = require('electron');
  return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
}

/**
 * npm 11 does not run dependency install scripts unless approved, so a fresh `npm install`
 * leaves Electron without its binary. Fetch it once with the package's own installer; where
 * the network refuses (locked-down PCs, this project's CI), say what to do instead. The
 * installer's own output (a bare "TypeError: fetch failed" and a stack when offline) is kept
 * back and reduced to one line of reason, so the person reads one explanation, not two.
 * CAREDESK_ELECTRON_INSTALLER replaces the installer in the tests, which must not go online.
 */
function tryInstallElectron() {
  let installer = process.env.CAREDESK_ELECTRON_INSTALLER;
  if (!installer) {
    try {
      installer = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
    } catch {
      return null;
    }
  }
  if (!fs.existsSync(installer)) return null;
  console.error("Electron's binary is not installed yet; fetching it once…");
  const r = spawnSync(process.execPath, [installer], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10 * 60_000 });
  if (r.status === 0) return null;
  const output = `${r.stderr ?? ''}\n${r.stdout ?? ''}`;
  // The first line that says what went wrong, without the error class or a stack frame.
  const reason = output
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('at ') && !/^[\^~]+$/.test(l) && !l.startsWith('node:'));
  return (reason ?? r.error?.message ?? 'the download did not finish').replace(/^(\w*Error):\s*/, '');
}

let binary = electronBinary();
let reason = null;
if (binary === null) {
  reason = tryInstallElectron();
  binary = electronBinary();
}
if (binary === null) {
  console.error(
    [
      '',
      'CareDesk is built, but the Electron binary is not installed on this machine,',
      'so the desktop app cannot be started here.',
      ...(reason ? [`(Fetching it did not work: ${reason}.)`] : []),
      '',
      'To try CareDesk in a browser instead, with the same back end and the demo facility:',
      '',
      '    npm run harness -- --demo',
      '',
      'To run the desktop app, install Electron\'s binary (for example on a machine with',
      'internet access: npx install-electron) and run `npm start` again.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

const env = { ...process.env, CAREDESK_DEMO: '1' };
// If this were set, Electron would start as plain Node and ignore the app.
delete env.ELECTRON_RUN_AS_NODE;

const child = spawn(binary, [root], { stdio: 'inherit', env });
child.on('error', (e) => {
  console.error(`Could not start Electron (${binary}): ${e.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
