import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { defaultPasswordCost, hashPassword, needsRehash, verifyPassword } from '../../electron/core/passwords';
import { STRONG_PASSWORD, adminCore, caller } from '../support/core';
import { sqlExec, sqlRows } from '../support/db';

/** Issue 16, items 6, 7 and 10: password changes, the sign-in throttle, and how passwords are stored. */

const PW = 'quiet meadow lantern';
const NEW_PW = 'river stone harbor light';

type A = Awaited<ReturnType<typeof adminCore>>;

/** A nurse with their own password, signed in on a connection (optionally at a named station). */
async function nurse(a: A, username = 'rosa', station?: string) {
  const user = await a.must('users.create', { username, displayName: 'Rosa Nurse', role: 'nurse', password: PW });
  const conn = a.core.dispatcher.connect(station ? { station } : {});
  const c = { conn, call: (m: string, i: unknown) => conn.invoke(m, i) };
  await c.call('auth.signIn', { username, password: PW });
  await c.call('auth.changePassword', { currentPassword: PW, newPassword: NEW_PW });
  return { ...c, user };
}

const hashOf = async (a: A, id: number) => (await sqlRows<{ h: string }>(a.core, 'SELECT password_hash AS h FROM users WHERE id = ?', [id]))[0]!.h;

describe('item 10: Argon2id, parameters beside each hash, old hashes rehashed at sign-in', () => {
  test('the default cost is above OWASP’s floor: Argon2id, m = 64 MiB, t = 2, p = 1; a hash at the floor is replaced', () => {
    const h = hashPassword('lantern orchard bicycle');
    expect(needsRehash(hashPassword('lantern orchard bicycle', { memoryKiB: 19 * 1024, passes: 2, parallelism: 1 }), defaultPasswordCost)).toBe(true);
    expect(h).toMatch(/^\$argon2id\$v=19\$m=65536,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(verifyPassword('lantern orchard bicycle', h)).toBe(true);
    expect(verifyPassword('lantern orchard bicycles', h)).toBe(false);
    expect(needsRehash(h, defaultPasswordCost)).toBe(false);
  });

  test('an old scrypt hash still signs in, and is replaced by Argon2id at that sign-in only', async () => {
    const a = await adminCore();
    const n = await nurse(a);
    const salt = randomBytes(16);
    const legacy = ['scrypt', 1024, 8, 1, salt.toString('base64'), scryptSync(NEW_PW, salt, 32, { N: 1024, r: 8, p: 1 }).toString('base64')].join('$');
    await sqlExec(a.core, 'UPDATE users SET password_hash = ? WHERE id = ?', [legacy, n.user.id]);
    const version = (await a.must('users.get', { id: n.user.id })).version;
    const c = caller(a.core);
    expect(await c.call('auth.signIn', { username: 'rosa', password: 'not her password at all' })).toMatchObject({ ok: false });
    expect(await hashOf(a, n.user.id)).toBe(legacy);
    expect(await c.call('auth.signIn', { username: 'rosa', password: NEW_PW })).toMatchObject({ ok: true });
    const now = await hashOf(a, n.user.id);
    expect(now).toMatch(/^\$argon2id\$v=19\$m=64,t=1,p=1\$/);
    expect(verifyPassword(NEW_PW, now)).toBe(true);
    // The row version did not move: a rehash is not an edit anyone could collide with.
    expect((await a.must('users.get', { id: n.user.id })).version).toBe(version);
    const log = await a.must('audit.list', { entity: 'session', entityId: String(n.user.id) });
    expect(log.rows[0]).toMatchObject({ method: 'auth.signIn', after: { outcome: 'signed_in', rehashed: true } });
    expect(JSON.stringify(log.rows)).not.toContain('argon2id');
  });
});

describe('item 6: changing a password', () => {
  test('a wrong current password is audited and throttled like a sign-in', async () => {
    const a = await adminCore();
    const n = await nurse(a);
    for (let i = 0; i < 5; i++) expect(await n.call('auth.changePassword', { currentPassword: 'a wrong guess here', newPassword: 'another long passphrase' })).toMatchObject({ ok: false, error: { fields: [{ path: 'currentPassword', code: 'wrong_password' }] } });
    // Now even the right one waits.
    expect(await n.call('auth.changePassword', { currentPassword: NEW_PW, newPassword: 'another long passphrase' })).toMatchObject({ ok: false, error: { code: 'throttled', params: { seconds: 30 } } });
    const rows = await sqlRows<{ method: string; user_id: number | string; after_json: string }>(a.core, "SELECT method, user_id, after_json FROM audit_log WHERE method = 'auth.changePassword' AND after_json LIKE '%wrong_password%' ORDER BY id");
    expect(rows).toHaveLength(5);
    expect(Number(rows[0]!.user_id)).toBe(n.user.id);
    a.clock.advance(31_000);
    expect(await n.call('auth.changePassword', { currentPassword: NEW_PW, newPassword: 'another long passphrase' })).toMatchObject({ ok: true });
  });

  test('a change ends every other session of that person, not the one that made it', async () => {
    const a = await adminCore();
    const n = await nurse(a);
    const elsewhere = a.core.dispatcher.connect();
    await elsewhere.invoke('auth.signIn', { username: 'rosa', password: NEW_PW });
    expect(await n.call('auth.changePassword', { currentPassword: NEW_PW, newPassword: 'another long passphrase' })).toMatchObject({ ok: true });
    expect(await elsewhere.invoke('auth.session', {})).toMatchObject({ ok: true, value: { user: null } });
    expect(await n.call('auth.session', {})).toMatchObject({ ok: true, value: { user: { username: 'rosa' } } });
    expect(await sqlRows(a.core, "SELECT end_reason AS r FROM sessions WHERE end_reason = 'password_changed'")).toHaveLength(1);
  });

  test('an administrator’s reset ends every session of that person; an administrator cannot reset their own', async () => {
    const a = await adminCore();
    const n = await nurse(a);
    await a.must('users.resetPassword', { id: n.user.id, newPassword: 'temporary harbor words' });
    expect(await n.call('auth.session', {})).toMatchObject({ ok: true, value: { user: null } });
    const me = (await a.must('auth.session', {})).user!;
    expect(await a.call('users.resetPassword', { id: me.id, newPassword: 'temporary harbor words' })).toMatchObject({ ok: false, error: { code: 'validation', fields: [{ path: 'id', code: 'cannot_reset_self' }] } });
    expect(await a.call('auth.session', {})).toMatchObject({ ok: true, value: { user: { id: me.id } } });
  });
});

describe('item 7: a failure budget per station besides per username; locked accounts for the administrator', () => {
  test('forty different usernames from one station are slowed after ten; the lock doubles, with an injected clock', async () => {
    const a = await adminCore();
    const kiosk = a.core.dispatcher.connect({ station: 'ns-1' });
    const attempt = (username: string, password = 'not the password at all') => kiosk.invoke('auth.signIn', { username, password });
    for (let i = 0; i < 10; i++) expect(await attempt(`guess${i}`)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    // The eleventh, any name (even a right password), waits 30 s.
    expect(await attempt('admin', STRONG_PASSWORD)).toMatchObject({ ok: false, error: { code: 'throttled', params: { seconds: 30 } } });
    a.clock.advance(20_000);
    expect(await attempt('guess10')).toMatchObject({ ok: false, error: { code: 'throttled', params: { seconds: 10 } } });
    a.clock.advance(10_001);
    expect(await attempt('guess11')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    // Eleven failures: the next lock is twice as long.
    expect(await attempt('guess12')).toMatchObject({ ok: false, error: { code: 'throttled', params: { seconds: 60 } } });
    // Another station is not slowed by this one.
    const other = a.core.dispatcher.connect({ station: 'ns-2' });
    expect(await other.invoke('auth.signIn', { username: 'admin', password: STRONG_PASSWORD })).toMatchObject({ ok: true });
  });

  test('per username: five failures lock it for 30 s, doubling to at most 15 minutes', async () => {
    const a = await adminCore();
    const seconds: number[] = [];
    for (let i = 0; i < 12; i++) {
      // Each from its own station, so only the username's count decides.
      const c = a.core.dispatcher.connect({ station: `s${i}` });
      const r = await c.invoke('auth.signIn', { username: 'Admin', password: 'not the password at all' });
      if (i >= 5) {
        expect(r).toMatchObject({ ok: false, error: { code: 'throttled' } });
        seconds.push(!r.ok ? Number(r.error.params?.seconds) : 0);
        a.clock.advance(seconds.at(-1)! * 1000 + 1);
        const again = await c.invoke('auth.signIn', { username: 'ADMIN', password: 'not the password at all' });
        expect(again).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      }
    }
    expect(seconds).toEqual([30, 60, 120, 240, 480, 900, 900]);
  });

  test('the administrator sees locked accounts and stations, and unlocks them', async () => {
    const a = await adminCore();
    const n = await nurse(a);
    const station = a.core.dispatcher.connect({ station: 'ns-7' });
    for (let i = 0; i < 5; i++) await station.invoke('auth.signIn', { username: 'rosa', password: 'not the password at all' });
    for (let i = 0; i < 6; i++) await station.invoke('auth.signIn', { username: `nobody${i}`, password: 'secret typed as a name' });
    const locked = await a.must('users.lockouts', {});
    expect(locked.accounts).toEqual([{ userId: n.user.id, username: 'rosa', displayName: 'Rosa Nurse', failures: 5, lockedUntil: expect.any(String) }]);
    expect(locked.stations).toEqual([{ station: 'ns-7', failures: 10, lockedUntil: expect.any(String) }]);
    // Names that match no account are never shown: people type passwords into the username field.
    expect(JSON.stringify(locked)).not.toContain('nobody');
    await a.must('users.unlock', { userId: n.user.id });
    await a.must('users.unlock', { station: 'ns-7' });
    expect(await a.must('users.lockouts', {})).toEqual({ accounts: [], stations: [] });
    expect(await station.invoke('auth.signIn', { username: 'rosa', password: NEW_PW })).toMatchObject({ ok: true });
    const log = await a.must('audit.list', { action: 'users.unlock' });
    expect(log.rows.map((r) => r.after)).toEqual([{ unlocked: 'station', station: 'ns-7' }, { unlocked: 'account', userId: n.user.id }]);
  });

  test('only administrators see and lift lockouts', async () => {
    const a = await adminCore();
    const n = await nurse(a);
    expect(await n.call('users.lockouts', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await n.call('users.unlock', { station: 'ns-1' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
