import { describe, expect, test } from 'vitest';
import { STRONG_PASSWORD, adminCore, caller } from '../support/core';
import { sqlRows } from '../support/db';
import { addRooms, admission } from '../support/residents';

/** Issue 16, "Also to build": the idle lock is a lock, not a sign-out; emergency access (break the glass). */

type A = Awaited<ReturnType<typeof adminCore>>;

async function person(a: A, username: string, role: 'driver' | 'nurse' | 'care_aide', displayName: string) {
  const user = await a.must('users.create', { username, displayName, role, password: 'quiet meadow lantern' });
  const c = caller(a.core);
  await c.must('auth.signIn', { username, password: 'quiet meadow lantern' });
  await c.must('auth.changePassword', { currentPassword: 'quiet meadow lantern', newPassword: 'river stone harbor light' });
  return { ...c, user };
}

async function withResident() {
  const a = await adminCore();
  const { units, beds } = await addRooms(a);
  const r = await a.must('residents.admit', admission({ unitId: units['Memory Care']!, bedId: beds['101A']! }));
  const other = await a.must('residents.admit', admission({ unitId: units['Memory Care']!, bedId: beds['102A']!, recordNumber: 'MRN-2002', legalGiven: 'Ana', legalFamily: 'Ruiz' }));
  return { ...a, r, other };
}

describe('the idle lock', () => {
  test('an idle session is locked, not ended: it answers nothing but who it belongs to', async () => {
    const a = await adminCore();
    a.clock.advance(11 * 60_000);
    expect(await a.call('users.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: 'auth.locked' } });
    expect(await a.call('auth.session', {})).toMatchObject({ ok: true, value: { user: null, locked: { username: 'admin', displayName: 'Ada Admin' } } });
    const sessions = await sqlRows<{ ended_at: string | null; locked_at: string | null }>(a.core, 'SELECT ended_at, locked_at FROM sessions');
    expect(sessions).toEqual([{ ended_at: null, locked_at: '2026-03-02T14:11:00.000Z' }]);
    expect((await a.core.q.audit.list({ offset: 0, limit: 1, methods: ['auth.lock'] })).rows[0]).toMatchObject({ after: { outcome: 'locked', reason: 'idle' } });
  });

  test('the same person unlocks it with their password; wrong passwords are throttled and audited', async () => {
    const a = await adminCore();
    await a.must('auth.lock', {});
    expect(await a.call('facility.get', {})).toMatchObject({ ok: false, error: { message: 'auth.locked' } });
    for (let i = 0; i < 5; i++) expect(await a.call('auth.unlock', { password: 'somebody else’s password' })).toMatchObject({ ok: false, error: { fields: [{ path: 'password', code: 'wrong_password' }] } });
    expect(await a.call('auth.unlock', { password: STRONG_PASSWORD })).toMatchObject({ ok: false, error: { code: 'throttled', params: { seconds: 30 } } });
    expect(await sqlRows(a.core, "SELECT id FROM audit_log WHERE method = 'auth.unlock' AND after_json LIKE '%failed%'")).toHaveLength(5);
    a.clock.advance(31_000);
    expect(await a.call('auth.unlock', { password: STRONG_PASSWORD })).toMatchObject({ ok: true, value: { user: { username: 'admin' } } });
    expect(await a.call('facility.get', {})).toMatchObject({ ok: true });
    // The same session, never ended.
    expect(await sqlRows(a.core, 'SELECT ended_at, locked_at FROM sessions')).toEqual([{ ended_at: null, locked_at: null }]);
  });

  test('switch user: signing out or signing in as someone else ends the locked session', async () => {
    const a = await adminCore();
    await a.must('users.create', { username: 'rosa', displayName: 'Rosa Nurse', role: 'nurse', password: 'quiet meadow lantern' });
    await a.must('auth.lock', {});
    expect(await a.call('auth.signIn', { username: 'rosa', password: 'quiet meadow lantern' })).toMatchObject({ ok: true, value: { user: { username: 'rosa' } } });
    expect(await sqlRows(a.core, 'SELECT end_reason AS r FROM sessions ORDER BY created_at, token_hash')).toContainEqual({ r: 'sign_out' });
    await a.must('auth.lock', {});
    await a.must('auth.signOut', {});
    expect(await a.call('auth.session', {})).toMatchObject({ ok: true, value: { user: null, locked: null } });
  });
});

describe('emergency access (break the glass)', () => {
  test('a driver opens one record with a reason until the end of the shift; every read is recorded with the grant', async () => {
    const a = await withResident();
    const d = await person(a, 'dee', 'driver', 'Dee Driver');
    expect(await d.call('residents.get', { id: a.r.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const found = await d.must('emergency.find', { query: 'brien' });
    expect(found).toEqual([{ id: a.r.id, name: "O'Brien, José", recordNumber: 'MRN-1001', dateOfBirth: '1941-05-12', place: 'Memory Care 101-A' }]);
    expect(await d.call('emergency.open', { residentId: a.r.id, reason: 'short' })).toMatchObject({ ok: false, error: { fields: [{ path: 'reason', code: 'too_short' }] } });
    // 08:00 in Chicago: the day shift ends at 15:00 (21:00 UTC).
    const grant = await d.must('emergency.open', { residentId: a.r.id, reason: 'Resident collapsed in the van; paramedics ask for allergies and code status' });
    expect(grant).toMatchObject({ residentId: a.r.id, expiresAt: '2026-03-02T21:00:00.000Z' });
    expect(await d.call('residents.get', { id: a.r.id })).toMatchObject({ ok: true, value: { id: a.r.id, codeStatus: 'dnr' } });
    expect(await d.call('residents.history', { id: a.r.id })).toMatchObject({ ok: true });
    // Only that resident, only reading.
    expect(await d.call('residents.get', { id: a.other.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await d.call('residents.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await a.core.dispatcher.settled();
    const reads = await sqlRows<{ method: string; after_json: string | null }>(a.core, "SELECT method, after_json FROM audit_log WHERE kind = 'access' AND entity_id = ? ORDER BY id", [String(a.r.id)]);
    expect(reads.filter((r) => r.after_json?.includes(`"emergency":${grant.grantId}`)).map((r) => r.method)).toEqual(['residents.get', 'residents.history']);
    // After the shift, the glass is whole again.
    a.clock.set('2026-03-02T21:00:01Z');
    const later = caller(a.core);
    await later.must('auth.signIn', { username: 'dee', password: 'river stone harbor light' });
    expect(await later.call('residents.get', { id: a.r.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  test('it appears on the administrator’s review list until reviewed', async () => {
    const a = await withResident();
    const d = await person(a, 'dee', 'driver', 'Dee Driver');
    const grant = await d.must('emergency.open', { residentId: a.r.id, reason: 'Resident collapsed in the van; paramedics ask for allergies' });
    const list = await a.must('emergency.list', { unreviewedOnly: true });
    expect(list).toMatchObject({ total: 1, rows: [{ id: grant.grantId, userName: 'Dee Driver', residentName: "O'Brien, José", reason: 'Resident collapsed in the van; paramedics ask for allergies', station: 'local', reviewedAt: null }] });
    await a.must('emergency.review', { id: grant.grantId });
    expect(await a.must('emergency.list', { unreviewedOnly: true })).toEqual({ rows: [], total: 0 });
    expect((await a.must('emergency.list', {})).rows[0]).toMatchObject({ reviewedByName: 'Ada Admin' });
    expect(await d.call('emergency.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  test('a role that reads residents does not break the glass; a care aide still cannot edit', async () => {
    const a = await withResident();
    const n = await person(a, 'rosa', 'nurse', 'Rosa Nurse');
    expect(await n.call('emergency.open', { residentId: a.r.id, reason: 'Just curious about this record' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const aide = await person(a, 'cna', 'care_aide', 'Carla Aide');
    const r = await aide.must('residents.get', { id: a.r.id });
    expect(await aide.call('residents.update', { ...admission({ unitId: 1, bedId: 1 }), id: r.id, expectedVersion: r.version, preferredName: 'Pepe' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
