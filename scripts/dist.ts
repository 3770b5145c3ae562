/**
 * `npm run dist`: electron-builder with the signing settings this build machine provides in its
 * environment. Nothing secret is ever written to a file or printed: certificate passwords stay
 * in the environment, where electron-builder reads them itself (CSC_KEY_PASSWORD and friends).
 *
 *   Windows, .pfx file      WIN_CSC_LINK (or CSC_LINK) + WIN_CSC_KEY_PASSWORD     read by electron-builder
 *   Windows, cert store     CAREDESK_WIN_CERT_SHA1 or CAREDESK_WIN_CERT_SUBJECT   passed as signtoolOptions
 *   Windows, timestamp      CAREDESK_TIMESTAMP_URL (RFC 3161)                     passed as signtoolOptions
 *   macOS, identity         CSC_LINK + CSC_KEY_PASSWORD, or CSC_NAME              read by electron-builder
 *   macOS, notarization     APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID, or
 *                           APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER     turns notarize on
 *   any                     CAREDESK_REQUIRE_SIGNING=1 fails the build if it would be unsigned
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type Env = Record<string, string | undefined>;

const set = (env: Env, name: string) => (env[name] ?? '').trim() !== '';

/** The electron-builder arguments for this environment, and what to tell the person about signing. */
export function signingArgs(env: Env): { args: string[]; notes: string[] } {
  const args: string[] = [];
  const notes: string[] = [];
  const winFile = set(env, 'WIN_CSC_LINK') || set(env, 'CSC_LINK');
  if (set(env, 'CAREDESK_WIN_CERT_SHA1')) args.push(`-c.win.signtoolOptions.certificateSha1=${env.CAREDESK_WIN_CERT_SHA1!.trim()}`);
  else if (set(env, 'CAREDESK_WIN_CERT_SUBJECT')) args.push(`-c.win.signtoolOptions.certificateSubjectName=${env.CAREDESK_WIN_CERT_SUBJECT!.trim()}`);
  if (set(env, 'CAREDESK_TIMESTAMP_URL')) args.push(`-c.win.signtoolOptions.rfc3161TimeStampServer=${env.CAREDESK_TIMESTAMP_URL!.trim()}`);
  const windowsSigned = winFile || set(env, 'CAREDESK_WIN_CERT_SHA1') || set(env, 'CAREDESK_WIN_CERT_SUBJECT');
  notes.push(windowsSigned ? 'Windows: signing with the certificate from the environment.' : 'Windows: unsigned (AppLocker and WDAC publisher rules need a signed build).');

  const appleId = set(env, 'APPLE_ID') && set(env, 'APPLE_APP_SPECIFIC_PASSWORD') && set(env, 'APPLE_TEAM_ID');
  const appleKey = set(env, 'APPLE_API_KEY') && set(env, 'APPLE_API_KEY_ID') && set(env, 'APPLE_API_ISSUER');
  if (appleId || appleKey) args.push('-c.mac.notarize=true');
  const macSigned = set(env, 'CSC_LINK') || set(env, 'CSC_NAME');
  notes.push(macSigned ? `macOS: signing${appleId || appleKey ? ' and notarizing' : ''}.` : 'macOS: unsigned (Gatekeeper will refuse it on other Macs).');

  if (env.CAREDESK_REQUIRE_SIGNING === '1') args.push('-c.forceCodeSigning=true');
  return { args, notes };
}

function main(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const cli = createRequire(import.meta.url).resolve('electron-builder/cli.js');
  const { args, notes } = signingArgs(process.env);
  for (const n of notes) process.stdout.write(`${n}\n`);
  const r = spawnSync(process.execPath, [cli, ...args, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
