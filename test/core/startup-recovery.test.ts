/**
 * The start-up recovery screen's handlers (issues 15 and 16), on real files: a damaged database
 * with verified backups is restored (the damaged file kept), with none nothing changes, and a key
 * that cannot be unwrapped here is re-wrapped with the recovery key — a wrong one refused, throttled.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { keyFileOf, secretWrapper } from '../../db/encryption';
import { RECOVERY_FIRST_LOCK_MS } from '../../electron/core/startup-recovery';
import { caller, setupInput, tempDir } from '../support/core';
import { sqlRows } from '../support/db';
import { damagedWithBackups, encryptedElsewhere, GARBAGE, RESTORED_RESIDENT, startLikeMain, type StartupAttempt } from '../support/recovery';

const started: StartupAttempt[] = [];
afterEach(async () => {
  for (const s of started.splice(0)) await s.opened()?.close();
});
async function start(...a: Parameters<typeof startLikeMain>) {
  const s = await startLikeMain(...a);
  started.push(s);
  return s;
}

describe('a damaged database', () => {
  test('lists the verified backups, newest first, with dates and record counts; answers nothing else', async () => {
    const { file } = await damagedWithBackups(tempDir());
    const s = await start(file, null);
    expect(s.core).toBeNull();
    expect(s.recovery?.mode).toBe('damaged');
    const conn = s.recovery!.connect();
    const status = await conn.invoke('recovery.status', {});
    expect(status).toMatchObject({
      ok: true,
      value: {
        mode: 'damaged',
        file,
        backups: [
          { name: 'caredesk-20260220T020000Z-daily.sqlite', at: '2026-02-20T02:00:00Z', residents: 2, users: 1 },
          { name: 'caredesk-20260110T020000Z-daily.sqlite', at: '2026-01-10T02:00:00Z', residents: 1, users: 1 },
        ],
      },
    });
    // The app's own first call is told the recovery screen is up, and nothing is signed in.
    expect(await conn.invoke('policy.status', {})).toMatchObject({ ok: false, error: { code: 'unavailable', message: 'recovery.required' } });
    expect(await conn.invoke('auth.signIn', { username: 'admin', password: setupInput.admin.password })).toMatchObject({ ok: false, error: { message: 'recovery.required' } });
    // A restore must be confirmed, and only a listed backup restores.
    expect(await conn.invoke('recovery.restore', { name: 'caredesk-20260220T020000Z-daily.sqlite' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await conn.invoke('recovery.restore', { name: '../../etc/passwd', confirm: true })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(fs.readFileSync(file).equals(GARBAGE)).toBe(true);
  });

  test('restores the chosen backup: the damaged file moved aside (never deleted), the database opens with its data, the restore in the trail', async () => {
    const { file, folder } = await damagedWithBackups(tempDir());
    const s = await start(file, null);
    const conn = s.recovery!.connect();
    const r = await conn.invoke('recovery.restore', { name: 'caredesk-20260220T020000Z-daily.sqlite', confirm: true });
    expect(r).toMatchObject({ ok: true, value: { restored: { at: '2026-02-20T02:00:00Z', residents: 2 } } });
    const core = s.opened();
    expect(core).not.toBeNull();
    const kept = fs.readdirSync(folder).filter((f) => f.startsWith('damaged-'));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(folder, kept[0]!)).equals(GARBAGE)).toBe(true);
    const c = caller(core!);
    await c.must('auth.signIn', { username: 'admin', password: setupInput.admin.password });
    const names = (await sqlRows<{ legal_family: string; legal_given: string }>(core!, 'SELECT legal_family, legal_given FROM residents ORDER BY id')).map((x) => `${x.legal_family}, ${x.legal_given}`);
    expect(names).toContain(RESTORED_RESIDENT);
    const trail = await sqlRows<{ method: string; entity_id: string; after: string }>(core!, "SELECT method, entity_id, after_json AS after FROM audit_log WHERE method = 'recovery.restore'");
    expect(trail).toHaveLength(1);
    expect(JSON.parse(trail[0]!.after)).toMatchObject({ restored: 'caredesk-20260220T020000Z-daily.sqlite', keptAs: kept[0] });
    expect(s.log.lines.join('\n')).toMatch(/recovery_restored/);
    // Once open, the recovery service answers nothing more.
    expect(await conn.invoke('recovery.restore', { name: 'caredesk-20260110T020000Z-daily.sqlite', confirm: true })).toMatchObject({ ok: false, error: { message: 'recovery.alreadyOpen' } });
  });

  test('with no verified backup: an empty list, and quitting changes nothing', async () => {
    const { file, folder } = await damagedWithBackups(tempDir(), { noBackups: true });
    // A file that only looks like a backup does not count.
    fs.writeFileSync(path.join(folder, 'caredesk-20260301T020000Z-daily.sqlite'), GARBAGE);
    const s = await start(file, null);
    const conn = s.recovery!.connect();
    expect(await conn.invoke('recovery.status', {})).toMatchObject({ ok: true, value: { mode: 'damaged', backups: [] } });
    expect(await conn.invoke('recovery.quit', {})).toEqual({ ok: true, value: { quitting: true } });
    expect(s.quits()).toBe(1);
    expect(s.opened()).toBeNull();
    expect(fs.readFileSync(file).equals(GARBAGE)).toBe(true);
    expect(fs.readdirSync(folder)).toEqual(['caredesk-20260301T020000Z-daily.sqlite']);
  });
});

describe('a key that cannot be unwrapped on this PC or account', () => {
  const otherPc = secretWrapper(randomBytes(32), 'other-pc');
  const thisPc = secretWrapper(randomBytes(32), 'this-pc');

  test('is its own mode (never "damaged"); a wrong recovery key is refused by name and changes nothing; attempts are throttled', async () => {
    const { file, recoveryKey } = await encryptedElsewhere(tempDir(), otherPc);
    const keyBefore = fs.readFileSync(keyFileOf(file));
    const dbBefore = fs.readFileSync(file);
    const s = await start(file, thisPc);
    expect(s.recovery?.mode).toBe('key');
    const conn = s.recovery!.connect();
    expect(await conn.invoke('recovery.status', {})).toMatchObject({ ok: true, value: { mode: 'key', backups: [] } });
    expect(await conn.invoke('recovery.restore', { name: 'x', confirm: true })).toMatchObject({ ok: false, error: { message: 'recovery.notDamaged' } });
    // One character changed: refused as a wrong recovery key.
    const wrong = recoveryKey.slice(0, -1) + (recoveryKey.endsWith('A') ? 'B' : 'A');
    for (let i = 0; i < 3; i++) {
      expect(await conn.invoke('recovery.unlock', { recoveryKey: wrong })).toMatchObject({ ok: false, error: { code: 'validation', message: 'recovery.wrong_recovery_key', fields: [{ path: 'recoveryKey' }] } });
    }
    // The third failure locks for 30 s: even the right key waits.
    expect(await conn.invoke('recovery.unlock', { recoveryKey })).toMatchObject({ ok: false, error: { code: 'throttled', message: 'recovery.throttled', params: { seconds: 30 } } });
    expect(fs.readFileSync(keyFileOf(file)).equals(keyBefore)).toBe(true);
    expect(fs.readFileSync(file).equals(dbBefore)).toBe(true);
    expect(fs.existsSync(`${keyFileOf(file)}.before-rewrap`)).toBe(false);
    expect(s.opened()).toBeNull();
    // After the wait, a further wrong key doubles it.
    s.clock.advance(RECOVERY_FIRST_LOCK_MS);
    expect(await conn.invoke('recovery.unlock', { recoveryKey: wrong })).toMatchObject({ ok: false, error: { message: 'recovery.wrong_recovery_key' } });
    expect(await conn.invoke('recovery.unlock', { recoveryKey })).toMatchObject({ ok: false, error: { code: 'throttled', params: { seconds: 60 } } });
  });

  test('the right recovery key, typed without dashes and in lower case, re-wraps the key for this PC and the database opens', async () => {
    const { file, recoveryKey } = await encryptedElsewhere(tempDir(), otherPc);
    const s = await start(file, thisPc);
    const conn = s.recovery!.connect();
    const r = await conn.invoke('recovery.unlock', { recoveryKey: ` ${recoveryKey.replace(/-/g, '').toLowerCase()} ` });
    expect(r).toEqual({ ok: true, value: { unlocked: true } });
    const core = s.opened();
    expect(core).not.toBeNull();
    const names = await sqlRows<{ legal_family: string }>(core!, 'SELECT legal_family FROM residents');
    expect(names.map((n) => n.legal_family)).toEqual(['Quintana']);
    const trail = await sqlRows<{ method: string; after: string }>(core!, "SELECT method, after_json AS after FROM audit_log WHERE method = 'recovery.unlock'");
    expect(trail.map((t) => JSON.parse(t.after))).toEqual([{ rewrapped: 'this-pc' }]);
    // The previous key file is kept beside it (another account may still unwrap it).
    expect(fs.existsSync(`${keyFileOf(file)}.before-rewrap`)).toBe(true);
    await core!.close();
    started.splice(0);
    // The next start on this PC opens straight away; the other PC's wrapper no longer does.
    const again = await start(file, thisPc);
    expect(again.core).not.toBeNull();
    await again.core!.close();
    started.splice(0);
    const elsewhere = await start(file, otherPc);
    expect(elsewhere.recovery?.mode).toBe('key');
  });
});
