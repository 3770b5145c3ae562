import { afterEach, describe, expect, test } from 'vitest';
import { STRONG_PASSWORD, adminCore, caller, makeCore, setupInput } from '../support/core';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));
function track<T extends { core: { close(): void } }>(x: T): T {
  cleanups.push(() => x.core.close());
  return x;
}

describe('dispatcher', () => {
  test('an unknown method is a validation error naming the method, and nothing is written', () => {
    const { core } = track(makeCore());
    const c = caller(core);
    const before = core.q.audit.count();
    const r = c.raw('residents.dropAll', {});
    expect(r).toEqual({ ok: false, error: { code: 'validation', message: 'error.unknownMethod', fields: [{ path: 'method', code: 'unknown_method' }] } });
    expect(core.q.audit.count()).toBe(before);
  });

  test('a call without a session is unauthenticated; a public call works', () => {
    const { core } = track(makeCore());
    const c = caller(core);
    expect(c.raw('users.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(c.must('setup.status', {})).toEqual({ needsSetup: true, facilityName: null, defaultLanguage: 'en' });
  });

  test('setup works once, then is a conflict', () => {
    const { core } = track(makeCore());
    const c = caller(core);
    expect(c.call('setup.createFacility', setupInput).ok).toBe(true);
    expect(c.call('setup.createFacility', setupInput)).toMatchObject({ ok: false, error: { code: 'conflict', message: 'setup.alreadyDone' } });
  });

  test('bad input names each field and writes nothing', () => {
    const { core } = track(makeCore());
    const c = caller(core);
    const r = c.raw('setup.createFacility', {
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
    expect(c.must('setup.status', {}).needsSetup).toBe(true);
  });

  test('a weak admin password is refused with the policy reason and nothing is created', () => {
    const { core } = track(makeCore());
    const c = caller(core);
    const r = c.call('setup.createFacility', { ...setupInput, admin: { ...setupInput.admin, password: 'password12345678' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', fields: [{ path: 'admin.password', code: 'password_common' }] } });
    expect(c.must('setup.status', {}).needsSetup).toBe(true);
  });

  test('permissions follow the role: a care aide cannot list users', () => {
    const a = track(adminCore());
    a.must('users.create', { username: 'cna1', displayName: 'Carla Aide', role: 'care_aide', password: 'quiet meadow lantern' });
    const aide = caller(a.core);
    aide.must('auth.signIn', { username: 'cna1', password: 'quiet meadow lantern' });
    // A temporary password must be changed before anything else.
    expect(aide.call('facility.get', {})).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'error.mustChangePassword' } });
    aide.must('auth.changePassword', { currentPassword: 'quiet meadow lantern', newPassword: 'river stone harbor light' });
    expect(aide.call('facility.get', {}).ok).toBe(true);
    expect(aide.call('users.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  test('every write leaves an audit row with before and after, and no password hash', () => {
    const a = track(adminCore());
    const u = a.must('users.create', { username: 'rn1', displayName: 'Rosa Nurse', role: 'nurse', password: 'quiet meadow lantern' });
    a.must('users.update', { id: u.id, displayName: 'Rosa M. Nurse', role: 'charge_nurse', active: true });
    const log = a.must('audit.list', { entity: 'user', entityId: String(u.id) });
    expect(log.rows[0]).toMatchObject({ method: 'users.update', userName: 'Ada Admin', before: { role: 'nurse' }, after: { role: 'charge_nurse', displayName: 'Rosa M. Nurse' } });
    expect(JSON.stringify(log.rows)).not.toContain('scrypt$');
  });

  test('the last active administrator cannot be demoted or deactivated', () => {
    const a = track(adminCore());
    const other = a.must('users.create', { username: 'admin2', displayName: 'Second Admin', role: 'administrator', password: 'quiet meadow lantern' });
    a.must('users.update', { id: other.id, displayName: 'Second Admin', role: 'administrator', active: false });
    const self = a.must('auth.session', {}).user!;
    expect(a.call('users.update', { id: self.id, displayName: 'Ada', role: 'nurse', active: true })).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  test('wrong passwords are generic, counted and throttled; unknown users look the same', () => {
    const a = track(adminCore());
    const c = caller(a.core);
    const bad = c.call('auth.signIn', { username: 'admin', password: 'not the password at all' });
    const unknown = c.call('auth.signIn', { username: 'nobody', password: 'not the password at all' });
    expect(bad).toEqual(unknown);
    expect(bad).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: 'auth.badCredentials' } });
    for (let i = 0; i < 4; i++) c.call('auth.signIn', { username: 'admin', password: 'wrong again and again' });
    // Locked now, even with the right password.
    expect(c.call('auth.signIn', { username: 'admin', password: STRONG_PASSWORD })).toMatchObject({ ok: false, error: { code: 'throttled' } });
    a.clock.advance(31_000);
    expect(c.call('auth.signIn', { username: 'admin', password: STRONG_PASSWORD }).ok).toBe(true);
  });

  test('an idle session locks itself', () => {
    const a = track(adminCore());
    expect(a.call('users.list', {}).ok).toBe(true);
    a.clock.advance(11 * 60_000);
    expect(a.call('users.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  test('deactivating a user ends their live session at their next call', () => {
    const a = track(adminCore());
    const u = a.must('users.create', { username: 'don', displayName: 'Dora DON', role: 'director_of_nursing', password: 'quiet meadow lantern' });
    const don = caller(a.core);
    don.must('auth.signIn', { username: 'don', password: 'quiet meadow lantern' });
    a.must('users.update', { id: u.id, displayName: 'Dora DON', role: 'director_of_nursing', active: false });
    expect(don.call('auth.session', {})).toMatchObject({ ok: true, value: { user: null } });
  });

  test('the log has method, duration and code, and never the input', () => {
    const a = track(adminCore());
    a.call('users.create', { username: 'zoe', displayName: 'Zoë Nguyễn', role: 'nurse', password: 'quiet meadow lantern' });
    const text = a.log.lines.join('');
    expect(text).toContain('"m":"users.create"');
    expect(text).not.toContain('Nguy');
    expect(text).not.toContain('meadow');
  });

  test('printing is authorised per document and audited', () => {
    const a = track(adminCore());
    const printed = a.must('print.pdf', { document: 'training.matrix', suggestedName: 'Training matrix' });
    expect(printed).toMatchObject({ pageSize: 'letter', landscape: true, saved: false });
    expect(a.must('audit.list', { entity: 'print' }).rows[0]).toMatchObject({ after: { document: 'training.matrix' } });
    a.must('users.create', { username: 'drv', displayName: 'Dee Driver', role: 'driver', password: 'quiet meadow lantern' });
    const driver = caller(a.core);
    driver.must('auth.signIn', { username: 'drv', password: 'quiet meadow lantern' });
    driver.must('auth.changePassword', { currentPassword: 'quiet meadow lantern', newPassword: 'river stone harbor light' });
    expect(driver.call('print.pdf', { document: 'training.matrix', suggestedName: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(driver.call('print.pdf', { document: 'transport.manifest', suggestedName: 'Trips' }).ok).toBe(true);
  });

  test("user search treats '_' and '%' as the characters typed", () => {
    const a = track(adminCore());
    a.must('users.create', { username: 'j_smith', displayName: 'Jo Smith', role: 'nurse', password: 'quiet meadow lantern' });
    a.must('users.create', { username: 'jxsmith', displayName: 'Jay Smith', role: 'nurse', password: 'quiet meadow lantern' });
    expect(a.must('users.list', { query: 'j_smith' }).rows.map((u) => u.username)).toEqual(['j_smith']);
    expect(a.must('users.list', { query: '%' }).rows).toEqual([]);
  });

  test('closing a connection ends its session on the record', () => {
    const a = track(adminCore());
    a.conn.close();
    const open = a.core.opened.sqlite.prepare('SELECT count(*) AS n FROM sessions WHERE ended_at IS NULL').get() as { n: number };
    expect(open.n).toBe(0);
    expect(a.core.opened.sqlite.prepare("SELECT end_reason AS r FROM sessions").get()).toEqual({ r: 'closed' });
  });
});
