/**
 * `npm run db:rewrap-key -- --file <caredesk.sqlite> --recovery-key <key>`: for IT, without CareDesk
 * running. Checks the recovery key against the database's key file and that the key it unseals
 * opens the database (read-only), and says what it can do about the wrapping.
 *
 * The key file names the wrapper that wrapped it. The only wrapper this version has is Electron's
 * safeStorage (DPAPI / Keychain / libsecret), which only Electron running as the Windows account
 * that will use CareDesk can reach: a script cannot re-wrap for it, so this one checks, writes
 * nothing, and tells IT to enter the recovery key on CareDesk's start-up screen as that account
 * (which re-wraps it there). A wrapper the administrator's policy names with a key file that can be
 * rewritten without Electron is the policy's `keyProtection: machine` (Windows DPAPI for the whole
 * PC, for a data folder shared by several Windows accounts): with `--for-this-pc` the key file is
 * re-wrapped for this PC here, the previous one kept as `.key.before-rewrap`.
 *
 * Exit code 0: the recovery key is right and opens the database (and, with --for-this-pc, the key is
 * re-wrapped); 2: wrong recovery key; 3: the key does not open this database; 4: no key file;
 * 5: --for-this-pc off Windows; 1: usage.
 */
import fs from 'node:fs';
import { checkRecoveryKey, keyFileOf, RewrapError, type RewrapFailure } from '../db/encryption';
import { rewrapForThisPc } from '../electron/main/key-protection';
import { machineDeps } from '../electron/main/policy/deps';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const file = arg('--file');
const recoveryKey = arg('--recovery-key');
if (!file || !recoveryKey) {
  process.stderr.write('Usage: npm run db:rewrap-key -- --file <caredesk.sqlite> --recovery-key <recovery key> [--for-this-pc]\n');
  process.exit(1);
}

const codes: Record<RewrapFailure, number> = { wrong_recovery_key: 2, key_does_not_open: 3, no_key_file: 4 };
const messages: Record<RewrapFailure, string> = {
  wrong_recovery_key: 'That is not this database’s recovery key. Nothing was changed.',
  key_does_not_open: 'The recovery key matches the key file, but its key does not open this database (the key file belongs to another database). Nothing was changed.',
  no_key_file: `There is no key file (${keyFileOf(file)}): the recovery key cannot unlock the database without it. Nothing was changed.`,
};

const forThisPc = process.argv.includes('--for-this-pc');

try {
  checkRecoveryKey(file, recoveryKey);
  if (forThisPc) {
    if (rewrapForThisPc(file, recoveryKey, machineDeps({ isPackaged: false })) === 'not_windows') {
      process.stderr.write('--for-this-pc wraps the key with Windows DPAPI for the whole PC (policy keyProtection: machine); this is not Windows. Nothing was changed.\n');
      process.exit(5);
    }
    process.stdout.write(`The key is now wrapped for this PC (every Windows account on it can open the database); the previous key file is kept as ${keyFileOf(file)}.before-rewrap. Set the policy keyProtection to machine on this PC.\n`);
    process.exit(0);
  }
} catch (e) {
  if (!(e instanceof RewrapError)) throw e;
  process.stderr.write(`${messages[e.reason]}\n`);
  process.exit(codes[e.reason]);
}
const wrapper = (JSON.parse(fs.readFileSync(keyFileOf(file), 'utf8')) as { wrapper?: string }).wrapper ?? 'unknown';
process.stdout.write(
  [
    'The recovery key is right and its key opens the database.',
    `The key file is wrapped by: ${wrapper}.`,
    wrapper === 'safeStorage'
      ? 'safeStorage is the operating system’s store of one Windows account, which only CareDesk running as that account can reach: start CareDesk on this PC as the account that will use it, and enter the recovery key on its start-up screen ("The database key cannot be unlocked on this computer"). For a data folder shared by several Windows accounts (policy keyProtection: machine), run this again with --for-this-pc. Nothing was changed here.'
      : 'This version cannot re-wrap for that wrapper from the command line. Nothing was changed.',
    '',
  ].join('\n'),
);
