import { describe, expect, test } from 'vitest';
import { STRONG_PASSWORD, adminCore, caller, makeCore, setupInput } from '../support/core';
import { sqlRows } from '../support/db';


describe('dispatcher', () => {
  test('an unknown method is a validation error naming the method, and nothing is written', async () => {
    const { core } = await makeCore();
    const c = caller(core);
    const before = await core.q.audit.count();
    const r = await c.raw('residents.dropAll', {});
    expect(r).toEqual({ ok: false, error: { code: 'validation', message: 'error.unknownMethod', fields: [{ path: 'method', code: 'unknown_method' }] } });
    expect(await core.q.audit.count()).toBe(before);
  });

  test('a call without a session is unauthenticated; a public call works', async () => {
    const { core } = await makeCore();
    const c = caller(core);
    expect(await c.raw('users.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await c.must('setup.status', {})).toEqual({ needsSetup: true, facilityName: null, defaultLanguage: 'en', timeZone: null });
  });

  test('setup works once, then is a conflict', async () => {
    const { core } = await makeCore();
    const c = caller(core);
    expect((await c.call('setup.createFacility', setupInput)).ok).toBe(true);
    expect(await c.call('setup.createFacility', setupInput)).toMatchObject({ ok: false, error: { code: 'conflict', message: 'setup.alreadyDone' } });
  });

  test('bad input names each field and writes nothing', async () => {
    const { core } = await makeCore();
    const c = caller(core);
    const r = await c.raw('setup.createFacility', {
      facility: { ...setupInput.facility, name: 'x'.repeat(121), timeZone: 'Mars/Olympus', units: [], shifts: [{ name: 'Day', start: '25:00', end: '15:00' }], extra: 1 },
      admin: { username: 'bad name!', displayName: '', password: STRONG_PASSWORD },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries((r.error.fields ?? []).map((f) => [f.path, f.code]));
    expect(byPath).toMatchObject({
      'facility.name': 'too_long',
      'facility.timeZone': 'invalid_time_zone',
      'facility.units': 'too_few',
      'facility.shifts.0.start': 'invalid_time',
      'facility.extra': 'unknown_field',
      'admin.username': 'invalid_username',
      'admin.displayName': 'required',
    });
    expect((await c.must('setup.status', {})).needsSetup).toBe(true);
  });

  test('a weak admin password is refused with the policy reason and nothing is created', async () => {
    const { core } = await makeCore();
    const c = caller(core);
    const r = await c.call('setup.createFacility', { ...setupInput, admin: { ...setupInput.admin, password: 'password12345678' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', fields: [{ path: 'admin.password', code: 'password_common' }] } });
    expect((await c.must('setup.status', {})).needsSetup).toBe(true);
  });

  test('permissions follow the role: a care aide cannot list users', async () => {
    const a = await adminCore();
    await a.must('users.create', { username: 'cna1', displayName: 'Carla Aide', role: 'care_aide', password: 'quiet meadow lantern' });
    const aide = caller(a.core);
    await aide.must('auth.signIn', { username: 'cna1', password: 'quiet meadow lantern' });
    // A temporary password must be changed before anything else.
    expect(await aide.call('facility.get', {})).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'error.mustChangePassword' } });
    await aide.must('auth.changePassword', { currentPassword: 'quiet meadow lantern', newPassword: 'river stone harbor light' });
    expect((await aide.call('facility.get', {})).ok).toBe(true);
    expect(await aide.call('users.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  test('every write leaves an audit row with before and after, and no password hash', async () => {
    const a = await adminCore();
    const u = await a.must('users.create', { username: 'rn1', displayName: 'Rosa Nurse', role: 'nurse', password: 'quiet meadow lantern' });
    await a.must('users.update', { id: u.id, expectedVersion: u.version, displayName: 'Rosa M. Nurse', role: 'charge_nurse', active: true });
    const log = await a.must('audit.list', { entity: 'user', entityId: String(u.id) });
    expect(log.rows[0]).toMatchObject({ method: 'users.update', userName: 'Ada Admin', before: { role: 'nurse' }, after: { role: 'charge_nurse', displayName: 'Rosa M. Nurse' } });
    expect(JSON.stringify(log.rows)).not.toContain('scrypt$');
  });

  test('the last active administrator cannot be demoted or deactivated', async () => {
    const a = await adminCore();
    const other = await a.must('users.create', { username: 'admin2', displayName: 'Second Admin', role: 'administrator', password: 'quiet meadow lantern' });
    await a.must('users.update', { id: other.id, expectedVersion: other.version, displayName: 'Second Admin', role: 'administrator', active: false });
    const self = await a.must('users.get', { id: (await a.must('auth.session', {})).user!.id });
    expect(await a.call('users.update', { id: self.id, expectedVersion: self.version, displayName: 'Ada', role: 'nurse', active: true })).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  test('wrong passwords are generic, counted and throttled; unknown users look the same', async () => {
    const a = await adminCore();
    const c = caller(a.core);
    const bad = await c.call('auth.signIn', { username: 'admin', password: 'not the password at all' });
    const unknown = await c.call('auth.signIn', { username: 'nobody', password: 'not the password at all' });
    expect(bad).toEqual(unknown);
    expect(bad).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: 'auth.badCredentials' } });
    for (let i = 0; i < 4; i++) await c.call('auth.signIn', { username: 'admin', password: 'wrong again and again' });
    // Locked now, even with the right password.
    expect(await c.call('auth.signIn', { username: 'admin', password: STRONG_PASSWORD })).toMatchObject({ ok: false, error: { code: 'throttled' } });
    a.clock.advance(31_000);
    expect((await c.call('auth.signIn', { username: 'admin', password: STRONG_PASSWORD })).ok).toBe(true);
  });

  test('an idle session locks itself', async () => {
    const a = await adminCore();
    expect((await a.call('users.list', {})).ok).toBe(true);
    a.clock.advance(11 * 60_000);
    expect(await a.call('users.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  test('deactivating a user ends their live session at their next call', async () => {
    const a = await adminCore();
    const u = await a.must('users.create', { username: 'don', displayName: 'Dora DON', role: 'director_of_nursing', password: 'quiet meadow lantern' });
    const don = caller(a.core);
    await don.must('auth.signIn', { username: 'don', password: 'quiet meadow lantern' });
    await a.must('users.update', { id: u.id, expectedVersion: u.version, displayName: 'Dora DON', role: 'director_of_nursing', active: false });
    expect(await don.call('auth.session', {})).toMatchObject({ ok: true, value: { user: null } });
  });

  test('the log has method, duration and code, and never the input', async () => {
    const a = await adminCore();
    await a.call('users.create', { username: 'zoe', displayName: 'Zoë Nguyễn', role: 'nurse', password: 'quiet meadow lantern' });
    const text = a.log.lines.join('');
    expect(text).toContain('"m":"users.create"');
    expect(text).not.toContain('Nguy');
    expect(text).not.toContain('meadow');
  });

  test('printing is authorised per document and audited', async () => {
    const a = await adminCore();
    const printed = await a.must('print.pdf', { document: 'training.matrix', suggestedName: 'Training matrix' });
    expect(printed).toMatchObject({ pageSize: 'letter', landscape: true, saved: false });
    expect((await a.must('audit.list', { entity: 'print' })).rows[0]).toMatchObject({ after: { document: 'training.matrix' } });
    await a.must('users.create', { username: 'drv', displayName: 'Dee Driver', role: 'driver', password: 'quiet meadow lantern' });
    const driver = caller(a.core);
    await driver.must('auth.signIn', { username: 'drv', password: 'quiet meadow lantern' });
    await driver.must('auth.changePassword', { currentPassword: 'quiet meadow lantern', newPassword: 'river stone harbor light' });
    expect(await driver.call('print.pdf', { document: 'training.matrix', suggestedName: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await driver.call('print.pdf', { document: 'transport.manifest', suggestedName: 'Trips' })).ok).toBe(true);
  });

  test("user search treats '_' and '%' as the characters typed", async () => {
    const a = await adminCore();
    await a.must('users.create', { username: 'j_smith', displayName: 'Jo Smith', role: 'nurse', password: 'quiet meadow lantern' });
    await a.must('users.create', { username: 'jxsmith', displayName: 'Jay Smith', role: 'nurse', password: 'quiet meadow lantern' });
    expect((await a.must('users.list', { query: 'j_smith' })).rows.map((u) => u.username)).toEqual(['j_smith']);
    expect((await a.must('users.list', { query: '%' })).rows).toEqual([]);
  });

  test('closing a connection ends its session on the record', async () => {
    const a = await adminCore();
    await a.conn.close();
    expect(await sqlRows(a.core, 'SELECT CAST(count(*) AS INTEGER) AS n FROM sessions WHERE ended_at IS NULL')).toEqual([{ n: 0 }]);
    expect(await sqlRows(a.core, 'SELECT end_reason AS r FROM sessions')).toEqual([{ r: 'closed' }]);
  });
});
