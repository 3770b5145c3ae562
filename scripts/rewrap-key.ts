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
 * rewritten without Electron does not exist yet; when it does, it is re-wrapped here.
 *
 * Exit code 0: the recovery key is right and opens the database; 2: wrong recovery key;
 * 3: the key does not open this database; 4: no key file; 1: usage.
 */
import fs from 'node:fs';
import { checkRecoveryKey, keyFileOf, RewrapError, type RewrapFailure } from '../db/encryption';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const file = arg('--file');
const recoveryKey = arg('--recovery-key');
if (!file || !recoveryKey) {
  process.stderr.write('Usage: npm run db:rewrap-key -- --file <caredesk.sqlite> --recovery-key <recovery key>\n');
  process.exit(1);
}

const codes: Record<RewrapFailure, number> = { wrong_recovery_key: 2, key_does_not_open: 3, no_key_file: 4 };
const messages: Record<RewrapFailure, string> = {
  wrong_recovery_key: 'That is not this database’s recovery key. Nothing was changed.',
  key_does_not_open: 'The recovery key matches the key file, but its key does not open this database (the key file belongs to another database). Nothing was changed.',
  no_key_file: `There is no key file (${keyFileOf(file)}): the recovery key cannot unlock the database without it. Nothing was changed.`,
};

try {
  checkRecoveryKey(file, recoveryKey);
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
      ? 'safeStorage is the operating system’s store of one Windows account, which only CareDesk running as that account can reach: start CareDesk on this PC as the account that will use it, and enter the recovery key on its start-up screen ("The database key cannot be unlocked on this computer"). Nothing was changed here.'
      : 'This version cannot re-wrap for that wrapper from the command line. Nothing was changed.',
    '',
  ].join('\n'),
);
