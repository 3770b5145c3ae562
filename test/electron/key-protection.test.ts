/**
 * Issue 16, item 1: a data folder shared by several Windows accounts. The policy's
 * `keyProtection: 'machine'` wraps the database key with DPAPI for the whole PC, so every account
 * on it opens the one database; the default stays per account (safeStorage). Switching the policy
 * re-wraps the key the new way. DPAPI runs through PowerShell, so the machine is faked here at the
 * `exec` boundary (a stand-in that seals with a per-machine secret); the database is real.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyFileOf, RewrapError, secretWrapper } from '../../db/encryption';
import { openSqliteEngine } from '../../db/engine/sqlite';
import { DatabaseOpenError } from '../../db/open';
import { sourceMigrationsFolder } from '../../db/paths';
import { keyWrapperFor, machineKeyWrapper, MACHINE_WRAPPER_KIND, rewrapForThisPc } from '../../electron/main/key-protection';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tempFile(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'caredesk-keyprot-'));
  dirs.push(d);
  return path.join(d, 'caredesk.sqlite');
}

interface Call {
  file: string;
  args: readonly string[];
  env: Record<string, string | undefined>;
}

/** PowerShell's DPAPI LocalMachine on one PC: any caller on that PC unseals, another PC does not. */
function fakeWindowsPc() {
  const machineSecret = randomBytes(32);
  const calls: Call[] = [];
  const exec = (file: string, args: readonly string[], o?: { env?: Record<string, string | undefined> }) => {
    const env = o?.env ?? {};
    calls.push({ file, args, env });
    const input = Buffer.from(env.CAREDESK_DPAPI_IN ?? '', 'base64');
    const script = args.at(-1) ?? '';
    try {
      if (script.includes('::Protect(')) {
        const iv = randomBytes(12);
        const c = createCipheriv('aes-256-gcm', machineSecret, iv);
        const body = Buffer.concat([c.update(input), c.final()]);
        return { status: 0, stdout: `${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64')}\r\n`, stderr: '' };
      }
      const d = createDecipheriv('aes-256-gcm', machineSecret, input.subarray(0, 12));
      d.setAuthTag(input.subarray(12, 28));
      return { status: 0, stdout: Buffer.concat([d.update(input.subarray(28)), d.final()]).toString('base64'), stderr: '' };
    } catch {
      return { status: 1, stdout: '', stderr: 'Exception calling "Unprotect": The data is invalid.' };
    }
  };
  return { deps: { platform: 'win32' as const, env: { SystemRoot: 'C:\\Windows' }, exec }, calls };
}

const open = (file: string, wrapper: ReturnType<typeof keyWrapperFor>) => openSqliteEngine(file, { migrationsFolder: sourceMigrationsFolder, ...(wrapper ? { keyWrapper: wrapper } : {}) });
/** 'opened' (and closed again, so the next open is not refused as in use), or why not. */
async function reasonOf(fn: () => { close(): Promise<void> }): Promise<string> {
  try {
    await fn().close();
    return 'opened';
  } catch (e) {
    return e instanceof DatabaseOpenError ? e.reason : String(e);
  }
}

describe('machine key protection (DPAPI LocalMachine through PowerShell)', () => {
  it('passes the key through the child environment, never on the command line, with the LocalMachine scope and the app entropy', () => {
    const pc = fakeWindowsPc();
    const key = randomBytes(32);
    const w = machineKeyWrapper(pc.deps);
    const wrapped = w.wrap(key);
    expect(w.unwrap(wrapped).equals(key)).toBe(true);
    expect(pc.calls).toHaveLength(2);
    for (const c of pc.calls) {
      expect(c.file).toBe('powershell.exe');
      expect(c.args.join(' ')).not.toContain(key.toString('base64'));
      expect(c.args.join(' ')).toContain('DataProtectionScope]::LocalMachine');
      expect(c.args.join(' ')).toContain('CareDesk database key v1');
      // The station's own environment is kept (PowerShell needs SystemRoot).
      expect(c.env.SystemRoot).toBe('C:\\Windows');
    }
    expect(pc.calls[0]!.env.CAREDESK_DPAPI_IN).toBe(key.toString('base64'));
  });

  it('a failure says so (and is never mistaken for a key); off Windows it refuses', () => {
    const pc = fakeWindowsPc();
    expect(() => machineKeyWrapper(pc.deps).unwrap(randomBytes(60))).toThrow(/DPAPI Unprotect failed: .*data is invalid/);
    const linux = machineKeyWrapper({ ...pc.deps, platform: 'linux' });
    expect(() => linux.wrap(randomBytes(32))).toThrow(/only on Windows/);
    expect(pc.calls).toHaveLength(1);
  });
});

describe('keyWrapperFor: the policy decides, and a change of policy re-wraps the key', () => {
  it("with 'machine', two Windows accounts on one PC open the same database; a copy on another PC does not open", async () => {
    const pc = fakeWindowsPc();
    const machine = machineKeyWrapper(pc.deps);
    const night = secretWrapper(randomBytes(32), 'safeStorage');
    const day = secretWrapper(randomBytes(32), 'safeStorage');
    const file = tempFile();
    const first = open(file, keyWrapperFor('machine', { account: night, machine }));
    first.opened.sqlite.prepare("INSERT INTO units (name, sort_order) VALUES ('Shared', 0)").run();
    await first.close();
    expect((JSON.parse(fs.readFileSync(keyFileOf(file), 'utf8')) as { wrapper: string }).wrapper).toBe(MACHINE_WRAPPER_KIND);
    const second = open(file, keyWrapperFor('machine', { account: day, machine }));
    expect(second.opened.sqlite.prepare("SELECT name FROM units WHERE name = 'Shared'").get()).toEqual({ name: 'Shared' });
    await second.close();
    // The folder copied to another PC: its DPAPI cannot unwrap the key ("wrong key", never "damaged").
    const other = machineKeyWrapper(fakeWindowsPc().deps);
    expect(await reasonOf(() => open(file, keyWrapperFor('machine', { account: day, machine: other })))).toBe('wrong_key');
  });

  it("a database set up per account moves to 'machine' when the policy says so, opened once by the account that set it up", async () => {
    const pc = fakeWindowsPc();
    const machine = machineKeyWrapper(pc.deps);
    const night = secretWrapper(randomBytes(32), 'safeStorage');
    const day = secretWrapper(randomBytes(32), 'safeStorage');
    const file = tempFile();
    await open(file, keyWrapperFor('account', { account: night, machine })).close();
    // Still per account: the day account cannot open it.
    expect(await reasonOf(() => open(file, keyWrapperFor('account', { account: day, machine })))).toBe('wrong_key');
    // The policy now says 'machine': the night account's next start re-wraps it for the PC ...
    await open(file, keyWrapperFor('machine', { account: night, machine })).close();
    expect((JSON.parse(fs.readFileSync(keyFileOf(file), 'utf8')) as { wrapper: string }).wrapper).toBe(MACHINE_WRAPPER_KIND);
    // ... and from then on the day account opens it too.
    expect(await reasonOf(() => open(file, keyWrapperFor('machine', { account: day, machine })))).toBe('opened');
  });

  it('no wrapper at all when neither way exists here', () => {
    expect(keyWrapperFor('account', { account: null, machine: null })).toBeNull();
    expect(keyWrapperFor('machine', { account: secretWrapper(randomBytes(32)), machine: null })).toBeNull();
  });
});

describe('rewrapForThisPc: the recovery key on a new PC, for a data folder shared by several accounts', () => {
  it('a wrong recovery key changes nothing; the right one wraps the key for this PC, and every account on it opens the database', async () => {
    const file = tempFile();
    const oldPcAccount = secretWrapper(randomBytes(32), 'safeStorage');
    const made = open(file, keyWrapperFor('account', { account: oldPcAccount, machine: null }));
    const recoveryKey = made.recoveryKey!;
    await made.close();
    const pc = fakeWindowsPc();
    const before = fs.readFileSync(keyFileOf(file));
    expect(() => rewrapForThisPc(file, 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF-GGGGG-HHHHH', pc.deps)).toThrow(RewrapError);
    expect(fs.readFileSync(keyFileOf(file)).equals(before)).toBe(true);
    expect(rewrapForThisPc(file, recoveryKey, { ...pc.deps, platform: 'linux' })).toBe('not_windows');
    expect(fs.readFileSync(keyFileOf(file)).equals(before)).toBe(true);
    expect(rewrapForThisPc(file, recoveryKey.toLowerCase(), pc.deps)).toBe('rewrapped');
    const machine = machineKeyWrapper(pc.deps);
    for (const account of [secretWrapper(randomBytes(32), 'safeStorage'), secretWrapper(randomBytes(32), 'safeStorage')]) {
      expect(await reasonOf(() => open(file, keyWrapperFor('machine', { account, machine })))).toBe('opened');
    }
  });
});
