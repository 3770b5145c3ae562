import type { ServerPolicy } from '../../shared/policy/schema';
import type { PolicyDeps } from './policy/deps';
import { parseSddl } from './policy/trust';

/**
 * The facility server's password, from where the administrator's policy says: the operating
 * system's credential store, or a file only the account CareDesk runs as can read. Never from the
 * database, the policy itself, a log or the renderer. No 'electron' import; the machine is behind
 * `deps` so every platform's path is tested on any machine.
 */

/** The name under which IT stores the credential (docs/deploy.md shows the command per platform). */
export const CREDENTIAL_SERVICE = 'CareDesk Server';

export type PasswordFailure = 'credential_missing' | 'credential_store_unavailable' | 'password_file_missing' | 'password_file_unsafe' | 'password_file_empty';

export type PasswordResult = { ok: true; password: string } | { ok: false; reason: PasswordFailure; detail: string };

type Deps = Pick<PolicyDeps, 'platform' | 'readText' | 'stat' | 'exec' | 'uid'>;

const SYSTEM = 'S-1-5-18';
const ADMINISTRATORS = 'S-1-5-32-544';
// Read access of a file: FILE_READ_DATA, and the generic rights that include it.
const FILE_READ = 0x1 | 0x80000000 | 0x10000000;

/** A password file that someone else could read hands the whole facility's records to them. */
export function posixSecretProblem(stat: { uid: number; mode: number }, uid: number | null, path: string): string | null {
  if (uid !== null && stat.uid !== uid) return `${path} is owned by uid ${stat.uid}, not by the account CareDesk runs as (${uid})`;
  if (stat.mode & 0o077) return `${path} can be read or changed by other users (mode ${(stat.mode & 0o777).toString(8)}); it must be 600 or 400`;
  return null;
}

/** On Windows: nobody but SYSTEM, Administrators and the service account may read it. */
export function windowsSecretProblem(sddl: string, accountSid: string, path: string): string | null {
  const sd = parseSddl(sddl);
  const allowed = new Set([SYSTEM, ADMINISTRATORS, accountSid.toUpperCase()]);
  for (const ace of sd.aces) {
    if (!['A', 'OA', 'XA', 'ZA'].includes(ace.type)) continue;
    if (ace.flags.split(/(..)/).includes('IO')) continue;
    const sid = ace.sid === 'S-1-3-0' || ace.sid === 'S-1-3-4' ? (sd.owner ?? ace.sid) : ace.sid;
    if (allowed.has(sid)) continue;
    if (ace.rights === null || ace.rights & FILE_READ) return `${path} can be read by ${sid}`;
  }
  return null;
}

function ps(deps: Deps, script: string) {
  return deps.exec('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script]);
}

function fromFile(path: string, deps: Deps): PasswordResult {
  let stat: ReturnType<Deps['stat']>;
  try {
    stat = deps.stat(path);
  } catch {
    return { ok: false, reason: 'password_file_missing', detail: path };
  }
  if (deps.platform === 'win32') {
    const acl = ps(deps, `(Get-Acl -LiteralPath '${path.replaceAll("'", "''")}').Sddl`);
    const who = deps.exec('whoami.exe', ['/user', '/fo', 'csv', '/nh']);
    const sid = /"(S-[0-9-]+)"/.exec(who.stdout)?.[1];
    if (acl.status !== 0 || !sid) return { ok: false, reason: 'password_file_unsafe', detail: `${path}: its permissions cannot be read` };
    const problem = windowsSecretProblem(acl.stdout.trim(), sid, path);
    if (problem) return { ok: false, reason: 'password_file_unsafe', detail: problem };
  } else {
    const problem = posixSecretProblem(stat, deps.uid, path);
    if (problem) return { ok: false, reason: 'password_file_unsafe', detail: problem };
  }
  // One line; a trailing newline from `echo` is not part of the password.
  const password = deps.readText(path).replace(/\r?\n$/, '');
  return password === '' ? { ok: false, reason: 'password_file_empty', detail: path } : { ok: true, password };
}

function fromCredentialStore(user: string, deps: Deps): PasswordResult {
  let r: ReturnType<Deps['exec']>;
  if (deps.platform === 'win32') {
    // Windows Credential Manager's vault for the account CareDesk runs as, through a WinRT type
    // PowerShell 5.1 loads without Add-Type (which constrained language mode forbids).
    r = ps(
      deps,
      `[void][Windows.Security.Credentials.PasswordVault,Windows.Security.Credentials,ContentType=WindowsRuntime]; ` +
        `$c = (New-Object Windows.Security.Credentials.PasswordVault).Retrieve('${CREDENTIAL_SERVICE}', '${user.replaceAll("'", "''")}'); $c.RetrievePassword(); [Console]::Out.Write($c.Password)`,
    );
  } else if (deps.platform === 'darwin') {
    r = deps.exec('/usr/bin/security', ['find-generic-password', '-s', CREDENTIAL_SERVICE, '-a', user, '-w']);
  } else {
    r = deps.exec('secret-tool', ['lookup', 'service', CREDENTIAL_SERVICE, 'account', user]);
  }
  if (r.status === null) return { ok: false, reason: 'credential_store_unavailable', detail: 'the credential store could not be asked' };
  const password = r.stdout.replace(/\r?\n$/, '');
  if (r.status !== 0 || password === '') return { ok: false, reason: 'credential_missing', detail: `no credential "${CREDENTIAL_SERVICE}" for ${user}` };
  return { ok: true, password };
}

export function readServerPassword(server: ServerPolicy, deps: Deps): PasswordResult {
  return server.password.source === 'file' ? fromFile(server.password.path, deps) : fromCredentialStore(server.user, deps);
}
