import type { KeyWrapper } from '../../db/encryption';
import { changingWrapper, rewrapWithRecovery } from '../../db/encryption';
import type { KeyProtection } from '../../shared/policy/schema';
import type { PolicyDeps } from './policy/deps';

/**
 * How the database key is protected on this PC (issue 16, item 1), as the administrator's policy
 * says (`keyProtection`):
 * - 'account' (the default): Electron's safeStorage — DPAPI for the Windows account, Keychain,
 *   libsecret. Only the account that set the database up can open it.
 * - 'machine' (Windows only): DPAPI in its LocalMachine scope, for a data folder shared by several
 *   Windows accounts on one PC (night and day staff signing in to Windows as themselves). Any
 *   account on this PC can unwrap the key, so the folder's ACL is what keeps others out; a copy of
 *   the folder taken to another PC still cannot be opened.
 * No 'electron' import: safeStorage arrives as a KeyWrapper, the machine through `deps`.
 */

export const MACHINE_WRAPPER_KIND = 'dpapi-machine';

/** Optional entropy: another program calling DPAPI on this machine must also know it. */
const ENTROPY = 'CareDesk database key v1';

type Deps = Pick<PolicyDeps, 'platform' | 'exec' | 'env'>;

function dpapi(deps: Deps, direction: 'Protect' | 'Unprotect', input: Buffer): Buffer {
  const script = [
    "$ErrorActionPreference = 'Stop'",
    'Add-Type -AssemblyName System.Security',
    '$data = [Convert]::FromBase64String($env:CAREDESK_DPAPI_IN)',
    `$entropy = [Text.Encoding]::UTF8.GetBytes('${ENTROPY}')`,
    `[Convert]::ToBase64String([Security.Cryptography.ProtectedData]::${direction}($data, $entropy, [Security.Cryptography.DataProtectionScope]::LocalMachine))`,
  ].join('; ');
  // The key goes through the child's environment, not its command line, which other users can list.
  const r = deps.exec('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script], { env: { ...deps.env, CAREDESK_DPAPI_IN: input.toString('base64') } });
  if (r.status !== 0) throw new Error(`DPAPI ${direction} failed: ${r.stderr.trim().slice(0, 200) || `exit ${String(r.status)}`}`);
  const out = r.stdout.trim();
  if (!/^[A-Za-z0-9+/]+=*$/.test(out)) throw new Error(`DPAPI ${direction} returned no data`);
  return Buffer.from(out, 'base64');
}

/** The key wrapped with DPAPI for the whole machine (Windows). */
export function machineKeyWrapper(deps: Deps): KeyWrapper {
  return {
    kind: MACHINE_WRAPPER_KIND,
    wrap(key) {
      if (deps.platform !== 'win32') throw new Error('machine key protection exists only on Windows');
      return dpapi(deps, 'Protect', key);
    },
    unwrap(wrapped) {
      if (deps.platform !== 'win32') throw new Error('machine key protection exists only on Windows');
      return dpapi(deps, 'Unprotect', wrapped);
    },
  };
}

/**
 * The wrapper main opens the database with. A key file wrapped the other way (the policy changed)
 * is still unwrapped, once, and written again the way the policy now says (`prepareKey`). Null:
 * no way to protect a key here (safeStorage unavailable and no machine protection), so a new
 * database is created plain and one that has a key cannot be opened.
 */
export function keyWrapperFor(protection: KeyProtection, wrappers: { account: KeyWrapper | null; machine: KeyWrapper | null }): KeyWrapper | null {
  const { account, machine } = wrappers;
  if (protection === 'machine') return machine ? changingWrapper(machine, account ? [account] : []) : null;
  return account ? changingWrapper(account, machine ? [machine] : []) : null;
}

/**
 * `npm run db:rewrap-key -- … --for-this-pc` (IT, on a new PC, with the data folder shared by
 * several Windows accounts): the recovery key unseals the database key, which must open the
 * database, and the key file is written again wrapped for this PC (DPAPI LocalMachine). Unlike
 * safeStorage, that needs no particular account's logon, so a script can do it. Throws RewrapError
 * (wrong recovery key, key file of another database, none) and changes nothing then.
 */
export function rewrapForThisPc(file: string, recoveryKey: string, deps: Deps): 'rewrapped' | 'not_windows' {
  if (deps.platform !== 'win32') return 'not_windows';
  rewrapWithRecovery(file, recoveryKey, machineKeyWrapper(deps));
  return 'rewrapped';
}
