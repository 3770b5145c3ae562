import { describe, expect, test } from 'vitest';
import { adminCore, caller, makeCore, policyFrom, setupInput, STRONG_PASSWORD } from '../support/core';
import { sqlRows } from '../support/db';

const MANAGED = { timeZone: 'Europe/Madrid', language: 'es', paperSize: 'a4', idleLockMinutes: 3, minPasswordLength: 24 };
const facilityUpdate = { name: 'Maple Grove Care Center', timeZone: 'America/Chicago', paperSize: 'letter' as const, defaultLanguage: 'en' as const, idleLockMinutes: 10 };

describe('the administrator policy in the core: policy > the facility setting > default', () => {
  test('policy.status is public and tells what is managed and what was wrong', async () => {
    const { core } = await makeCore({ policy: policyFrom({ ...MANAGED, idleLockMinutes: 'ten', dataFolder: '/srv/cd', allowDevTools: false }) });
    const status = await caller(core).must('policy.status', {});
    expect(status.managed).toEqual({ timeZone: 'Europe/Madrid', language: 'es', paperSize: 'a4', minPasswordLength: 24 });
    expect(status.problems).toEqual([{ source: '/etc/caredesk/policy.json', key: 'idleLockMinutes', code: 'wrong_type', params: { expected: 'number' } }]);
    expect(status.serverOverridesDataFolder).toBe(false);
    // No paths, printers or servers reach the renderer.
    expect(JSON.stringify(status)).not.toContain('/srv/cd');
  });

  test('with no policy nothing is managed', async () => {
    expect(await caller((await makeCore()).core).must('policy.status', {})).toEqual({ managed: {}, problems: [], serverOverridesDataFolder: false });
  });

  test('a server with a data folder is flagged: the server wins', async () => {
    const server = { host: 'db.example.org', database: 'c', user: 'u', tls: 'require', password: { source: 'credential_store' } };
    expect((await caller((await makeCore({ policy: policyFrom({ dataFolder: '/srv/cd', server }) })).core).must('policy.status', {})).serverOverridesDataFolder).toBe(true);
  });

  test('facility.get shows the managed values; the facility keeps its own for when the policy goes', async () => {
    const { minPasswordLength: _m, ...managed } = MANAGED;
    const a = await adminCore({ policy: policyFrom(managed) });
    expect(await a.must('facility.get', {})).toMatchObject({ timeZone: 'Europe/Madrid', paperSize: 'a4', defaultLanguage: 'es', idleLockMinutes: 3 });
    expect((await a.must('setup.status', {})).defaultLanguage).toBe('es');
    // The raw row still says what setup chose.
    const [raw] = await sqlRows(a.core, 'SELECT time_zone AS tz, paper_size AS paper FROM facility');
    expect(raw).toEqual({ tz: 'America/Chicago', paper: 'letter' });
  });

  test('changing a managed setting is refused, naming each field; sending the managed value is fine', async () => {
    const a = await adminCore({ policy: policyFrom({ timeZone: 'Europe/Madrid', idleLockMinutes: 3 }) });
    const refused = await a.call('facility.update', facilityUpdate);
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(!refused.ok && refused.error.fields).toEqual([
      { path: 'timeZone', code: 'managed_by_policy' },
      { path: 'idleLockMinutes', code: 'managed_by_policy' },
    ]);
    const saved = await a.must('facility.update', { ...facilityUpdate, name: 'Maple Grove', timeZone: 'Europe/Madrid', idleLockMinutes: 3, paperSize: 'a4' });
    expect(saved).toMatchObject({ name: 'Maple Grove', timeZone: 'Europe/Madrid', idleLockMinutes: 3, paperSize: 'a4' });
    // Unmanaged fields changed; the managed ones kept the facility's own value underneath.
    const [raw] = await sqlRows(a.core, 'SELECT name, time_zone AS tz, paper_size AS paper, idle_lock_minutes AS idle FROM facility');
    expect(raw).toEqual({ name: 'Maple Grove', tz: 'America/Chicago', paper: 'a4', idle: 10 });
  });

  test('the idle lock uses the policy minutes', async () => {
    const a = await adminCore({ policy: policyFrom({ idleLockMinutes: 3 }) });
    expect((await a.must('auth.session', {})).idleLockMinutes).toBe(3);
    a.clock.advance(3 * 60_000 + 1000);
    expect((await a.must('auth.session', {})).user).toBeNull();
  });

  test('a managed language cannot be changed per person', async () => {
    const a = await adminCore({ policy: policyFrom({ language: 'es' }) });
    expect(await a.call('auth.setLanguage', { language: 'en' })).toMatchObject({ ok: false, error: { fields: [{ path: 'language', code: 'managed_by_policy' }] } });
    expect(await a.call('auth.setLanguage', { language: 'es' })).toMatchObject({ ok: true });
  });

  test('the minimum password length can be raised, and the error says by how much', async () => {
    const LONG = 'lantern orchard bicycle under the old stone bridge';
    const { core } = await makeCore({ policy: policyFrom({ minPasswordLength: 30 }) });
    const a = caller(core);
    await a.must('setup.createFacility', { ...setupInput, admin: { ...setupInput.admin, password: LONG } });
    await a.must('auth.signIn', { username: 'admin', password: LONG });
    const r = await a.call('users.create', { username: 'rn1', displayName: 'Rosa Nurse', role: 'nurse', password: 'quiet meadow lantern' });
    expect(r).toMatchObject({ ok: false, error: { fields: [{ path: 'password', code: 'password_too_short', params: { min: 30 } }] } });
    expect(await a.call('users.create', { username: 'rn1', displayName: 'Rosa Nurse', role: 'nurse', password: 'quiet meadow lantern under the old bridge' })).toMatchObject({ ok: true });
  });

  test('setup applies the raised minimum too', async () => {
    const { core } = await makeCore({ policy: policyFrom({ minPasswordLength: 40 }) });
    const r = await caller(core).call('setup.createFacility', setupInput);
    expect(r).toMatchObject({ ok: false, error: { fields: [{ path: 'admin.password', code: 'password_too_short', params: { min: 40 } }] } });
    expect(STRONG_PASSWORD.length).toBeLessThan(40);
  });

  test('print uses the managed paper size', async () => {
    const a = await adminCore({ policy: policyFrom({ paperSize: 'a4' }) });
    expect((await a.must('print.pdf', { document: 'users.list', suggestedName: 'Staff' })).pageSize).toBe('a4');
  });
});
