/**
 * `npm run db:rewrap-key` (issue 16, item 1): IT checks a recovery key against a database without
 * CareDesk running; it never writes, and says where the re-wrap for safeStorage happens.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { keyFileOf, secretWrapper } from '../../db/encryption';
import { tempDir } from '../support/core';
import { encryptedElsewhere } from '../support/recovery';

const root = path.resolve(import.meta.dirname, '../..');
const run = (...args: string[]) => spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'scripts', 'rewrap-key.ts'), ...args], { cwd: root, encoding: 'utf8' });

describe('db:rewrap-key', () => {
  test('a wrong key: exit 2 and nothing changed; the right one (any case, no dashes): exit 0, names the wrapper and where to re-wrap, still nothing changed; no arguments: usage', async () => {
    const { file, recoveryKey } = await encryptedElsewhere(tempDir(), secretWrapper(randomBytes(32), 'safeStorage'));
    const before = fs.readFileSync(keyFileOf(file));
    const wrong = run('--file', file, '--recovery-key', 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF-GGGGG-HHHHH');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/not this database’s recovery key/);
    const right = run('--file', file, '--recovery-key', recoveryKey.replace(/-/g, '').toLowerCase());
    expect(right.status).toBe(0);
    expect(right.stdout).toMatch(/wrapped by: safeStorage/);
    expect(right.stdout).toMatch(/enter the recovery key on its start-up screen/);
    expect(fs.readFileSync(keyFileOf(file)).equals(before)).toBe(true);
    expect(fs.existsSync(`${keyFileOf(file)}.before-rewrap`)).toBe(false);
    fs.renameSync(keyFileOf(file), `${keyFileOf(file)}.away`);
    expect(run('--file', file, '--recovery-key', recoveryKey).status).toBe(4);
    expect(run().status).toBe(1);
  }, 90_000);

  test('--for-this-pc re-wraps for the whole PC on Windows only: here (not Windows) exit 5 and nothing changed', async () => {
    const { file, recoveryKey } = await encryptedElsewhere(tempDir(), secretWrapper(randomBytes(32), 'safeStorage'));
    const before = fs.readFileSync(keyFileOf(file));
    const r = run('--file', file, '--recovery-key', recoveryKey, '--for-this-pc');
    expect(r.status).toBe(process.platform === 'win32' ? 0 : 5);
    if (process.platform !== 'win32') {
      expect(r.stderr).toMatch(/not Windows\. Nothing was changed/);
      expect(fs.readFileSync(keyFileOf(file)).equals(before)).toBe(true);
    }
    // A wrong key is refused before anything else, on any platform.
    expect(run('--file', file, '--recovery-key', 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF-GGGGG-HHHHH', '--for-this-pc').status).toBe(2);
  }, 90_000);
});
