import { describe, expect, test } from 'vitest';
import type { ChangeEvent } from '../../db/engine';
import { sourceMigrationsRoot } from '../../db/paths';
import { createCore, type Core } from '../../electron/core/app';
import { manualClock } from '../../electron/core/clock';
import { STRONG_PASSWORD, caller, freshPgDatabase, setupInput, testPasswordCost, trackCore } from '../support/core';
import { addRooms, admission } from '../support/residents';

/**
 * Several nursing stations, one facility server: each station is its own core (engine, pool,
 * dispatcher) on the same PostgreSQL database, as two PCs would be.
 */
async function facilityWithTwoStations() {
  const connection = await freshPgDatabase();
  const clock = manualClock('2026-03-02T14:00:00Z');
  const station = async () =>
    trackCore(await createCore({ engine: { kind: 'pg', connection }, migrationsRoot: sourceMigrationsRoot, clock, passwordCost: testPasswordCost, checkOutput: true }));
  const one = await station();
  const two = await station();
  const admin = caller(one);
  await admin.must('setup.createFacility', setupInput);
  await admin.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
  const { units, beds } = await addRooms(admin);
  return { one, two, admin, clock, units, beds };
}

/** A person with their own account, signed in at `core` (temporary password already changed). */
async function person(admin: ReturnType<typeof caller>, core: Core, username: string, role: 'nurse' | 'charge_nurse' | 'care_aide' | 'director_of_nursing', displayName: string) {
  const user = await admin.must('users.create', { username, displayName, role, password: 'quiet meadow lantern' });
  const c = caller(core);
  await c.must('auth.signIn', { username, password: 'quiet meadow lantern' });
  await c.must('auth.changePassword', { currentPassword: 'quiet meadow lantern', newPassword: 'river stone harbor light' });
  return { c, user };
}

function nextChange(core: Core, entity: string): Promise<{ event: ChangeEvent; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const off = core.engine.changes.subscribe((events) => {
      const event = events.find((e) => e.entity === entity);
      if (event) {
        off();
        resolve({ event, ms: performance.now() - t0 });
      }
    });
  });
}

describe('two stations on one server', () => {
  test('a save over a newer version from the other station is refused with who and when; nothing is overwritten', async () => {
    const f = await facilityWithTwoStations();
    const { c: nurse } = await person(f.admin, f.two, 'rosa', 'nurse', 'Rosa Nurse');
    const admitted = await f.admin.must('residents.admit', admission({ unitId: f.units['Memory Care']!, bedId: f.beds['101A']! }));
    // Both stations open the same record.
    const seenByNurse = await nurse.must('residents.get', { id: admitted.id });
    const base = { id: admitted.id, legalGiven: admitted.legalGiven, legalFamily: admitted.legalFamily, dateOfBirth: admitted.dateOfBirth, sex: admitted.sex, recordNumber: admitted.recordNumber, codeStatus: admitted.codeStatus };
    f.clock.advance(60_000);
    await f.admin.must('residents.update', { ...base, expectedVersion: admitted.version, preferredName: 'Pepe' });
    const refused = await nurse.call('residents.update', { ...base, expectedVersion: seenByNurse.version, preferredName: 'Joe' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: 'error.changedElsewhere', params: { by: 'Ada Admin', at: '2026-03-02T14:01:00.000Z' } } });
    expect((await nurse.must('residents.get', { id: admitted.id })).preferredName).toBe('Pepe');
    // Both sides' audit trails are there.
    const history = await f.admin.must('residents.history', { id: admitted.id });
    expect(history.rows.map((r) => r.method)).toEqual(['residents.update', 'residents.admit']);
  });

  test('two stations admitting into one bed at once: one wins, the other is told which bed was taken', async () => {
    const f = await facilityWithTwoStations();
    const { c: charge } = await person(f.admin, f.two, 'sean', 'charge_nurse', 'Sean Charge');
    const bedId = f.beds['102A']!;
    const unitId = f.units['Memory Care']!;
    const [a, b] = await Promise.all([
      f.admin.call('residents.admit', admission({ unitId, bedId, recordNumber: 'MRN-A' })),
      charge.call('residents.admit', admission({ unitId, bedId, recordNumber: 'MRN-B', legalGiven: 'Ana' })),
    ]);
    const results = [a, b];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok);
    expect(loser).toMatchObject({ ok: false, error: { code: 'validation', fields: [{ path: 'bedId', code: 'bed_occupied', params: { bed: 'Memory Care · 102-A' } }] } });
    const census = await f.admin.must('residents.list', {});
    expect(census.rows.filter((r) => r.location?.bedId === bedId)).toHaveLength(1);
  });

  test('a role change, a deactivation and a password reset at one station apply to the other station on its next call', async () => {
    const f = await facilityWithTwoStations();
    const { c: don, user } = await person(f.admin, f.two, 'dora', 'director_of_nursing', 'Dora DON');
    expect((await don.call('users.list', {})).ok).toBe(true);
    const current = await f.admin.must('users.get', { id: user.id });
    const demoted = await f.admin.must('users.update', { id: user.id, expectedVersion: current.version, displayName: 'Dora DON', role: 'care_aide', active: true });
    expect(await don.call('users.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await f.admin.must('users.update', { id: user.id, expectedVersion: demoted.version, displayName: 'Dora DON', role: 'director_of_nursing', active: false });
    expect(await don.call('residents.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });

    const { c: nurse, user: nurseUser } = await person(f.admin, f.two, 'rosa', 'nurse', 'Rosa Nurse');
    expect((await nurse.call('residents.list', {})).ok).toBe(true);
    await f.admin.must('users.resetPassword', { id: nurseUser.id, newPassword: 'amber canyon willow tree' });
    expect(await nurse.call('residents.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  test("an idle-lock time set at one station is the other station's limit on its next call", async () => {
    const f = await facilityWithTwoStations();
    const { c: nurse } = await person(f.admin, f.two, 'rosa', 'nurse', 'Rosa Nurse');
    const fac = await f.admin.must('facility.get', {});
    await f.admin.must('facility.update', { name: fac.name, timeZone: fac.timeZone, paperSize: fac.paperSize, defaultLanguage: fac.defaultLanguage, idleLockMinutes: 2 });
    f.clock.advance(3 * 60_000);
    expect(await nurse.call('residents.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  test('a change at one station reaches the other station within a second, by the server (LISTEN/NOTIFY)', async () => {
    const f = await facilityWithTwoStations();
    const heard = nextChange(f.two, 'resident');
    await f.admin.must('residents.admit', admission({ unitId: f.units['Memory Care']!, bedId: f.beds['103A']! }));
    const { event, ms } = await heard;
    expect(event).toMatchObject({ entity: 'resident' });
    expect(event.id).toMatch(/^\d+$/);
    expect(ms).toBeLessThan(1000);
  });
});
