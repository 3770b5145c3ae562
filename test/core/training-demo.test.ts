import { describe, expect, test } from 'vitest';
import { DEMO_PASSWORD, demoUsers, seedDemoFacility } from '../../db/demo/generate';
import { COURSE_PROVIDERS, providersOf } from '../../db/demo/training';
import { hashPassword } from '../../electron/core/passwords';
import { caller, makeCore, testScryptCost } from '../support/core';
import { sqlRows } from '../support/db';

async function demo() {
  const now = '2026-03-02T14:00:00Z';
  const { core } = await makeCore({ now });
  await seedDemoFacility(core.engine, { seed: 7, now: new Date(now), hashPassword: (p) => hashPassword(p, testScryptCost), roomsPerUnit: 2 });
  const c = caller(core);
  await c.must('auth.signIn', { username: 'don', password: DEMO_PASSWORD });
  return { core, ...c };
}

describe('training demo data', () => {
  test('staff linked to demo users, the catalog, records in every status, and schedules', async () => {
    const { must } = await demo();
    const m = await must('training.matrix', { asOf: '2026-03-02', windowDays: 60 });
    expect(m.courses.filter((c) => c.kind === 'course')).toHaveLength(10);
    expect(m.courses.filter((c) => c.kind === 'licence')).toHaveLength(6);
    expect(m.total).toBeGreaterThan(45);
    for (const n of Object.values(m.totals.all)) expect(n).toBeGreaterThan(0);
    const linked = (await must('training.listStaff', { limit: 500, includeInactive: true })).rows.filter((s) => s.userId !== null);
    expect(linked.map((s) => s.userName).sort()).toHaveLength(7);
    const coverage = await must('training.coverage', { date: '2026-03-02' });
    expect(coverage.shifts.every((s) => s.result !== 'unknown')).toBe(true);
    expect((await must('training.coverage', { date: '2026-03-04' })).shifts.every((s) => s.result === 'unknown')).toBe(true);
    expect((await must('training.inService', { asOf: '2026-03-02' })).total).toBeGreaterThan(10);
  });

  // Issue 8, item 13: demo data teaches users what right looks like.
  test('each account is linked to its own staff record: the same person, a role that fits, still employed', async () => {
    const { must } = await demo();
    const staff = (await must('training.listStaff', { limit: 500, includeInactive: true })).rows;
    const fits: Record<string, string[]> = {
      administrator: ['administrator'],
      director_of_nursing: ['rn'],
      charge_nurse: ['rn'],
      nurse: ['rn', 'lpn'],
      care_coordinator: ['coordinator'],
      care_aide: ['cna'],
      driver: ['driver'],
    };
    for (const u of demoUsers) {
      const s = staff.find((x) => x.userName === u.displayName);
      expect(s, u.username).toBeDefined();
      expect(u.displayName.startsWith(s!.name), `${u.username}: ${s!.name}`).toBe(true);
      expect(fits[u.role], u.username).toContain(s!.role);
      expect(s!.active, u.username).toBe(true);
    }
    expect(staff.find((s) => s.userName === 'Héctor López')).toMatchObject({ name: 'Héctor López', role: 'driver' });
  });

  test('the demo driver can drive today: a current driver’s licence, CPR and driver safety', async () => {
    const { must } = await demo();
    const driver = (await must('training.listStaff', { limit: 500, includeInactive: true })).rows.find((s) => s.userName === 'Héctor López')!;
    const items = (await must('training.credentialsAsOf', { staffId: driver.id, asOf: '2026-03-02' })).items;
    for (const code of ['drivers_licence', 'cpr_bls', 'driver_safety']) expect(items.find((i) => i.code === code)?.status, code).toMatch(/^(current|expiring)$/);
  });

  test('every course is given by a provider that teaches it (no HIPAA or dementia care from the fire marshal); session records name their instructor', async () => {
    const { core } = await demo();
    const rows = await sqlRows<{ code: string; provider: string; source: string; instructor: string | null }>(
      core,
      `SELECT c.code, r.provider, r.source, s.instructor FROM training_records r JOIN courses c ON c.id = r.course_id LEFT JOIN training_sessions s ON s.id = r.session_id`,
    );
    expect(rows.length).toBeGreaterThan(1000);
    for (const r of rows) {
      if (r.source === 'session') expect(r.provider).toBe(r.instructor);
      else expect(providersOf(r.code), `${r.code}: ${r.provider}`).toContain(r.provider);
    }
    expect(rows.filter((r) => ['hipaa_privacy', 'dementia_care', 'infection_control', 'abuse_neglect_prevention'].includes(r.code) && /fire/i.test(r.provider))).toEqual([]);
    expect(Object.keys(COURSE_PROVIDERS)).toHaveLength(10);
  });

  test('licences are coherent: each held by a role that needs it, issued by the state’s body, expiring after issue; some lapse', async () => {
    const { core } = await demo();
    const rows = await sqlRows<{ code: string; role: string; issuing_state: string | null; issuing_body: string; issued_on: string; expires_on: string; verified_by: number | null }>(
      core,
      `SELECT t.code, s.role, c.issuing_state, c.issuing_body, c.issued_on, c.expires_on, c.verified_by FROM staff_credentials c
       JOIN credential_types t ON t.id = c.type_id JOIN staff s ON s.id = c.staff_id`,
    );
    expect(rows.length).toBeGreaterThan(40);
    const needs: Record<string, string> = { rn_licence: 'rn', lpn_licence: 'lpn', nurse_aide_registry: 'cna', medication_aide: 'med_tech', drivers_licence: 'driver', food_handler: 'activities' };
    for (const r of rows) {
      expect(r.role).toBe(needs[r.code]);
      expect(r.expires_on > r.issued_on).toBe(true);
      expect(r.issued_on <= '2026-03-02').toBe(true);
      expect(r.verified_by).not.toBeNull();
      expect(r.issuing_state === 'IL' || r.issuing_body === 'ServSafe').toBe(true);
    }
    expect(rows.filter((r) => r.code === 'rn_licence').every((r) => r.expires_on.endsWith('-05-31') && Number(r.expires_on.slice(0, 4)) % 2 === 0)).toBe(true);
    expect(rows.some((r) => r.expires_on <= '2026-03-02')).toBe(true);
  });

  test('in-service classes were held with their attendance as records', async () => {
    const { must } = await demo();
    const sessions = (await must('training.listSessions', {})).rows;
    expect(sessions.length).toBeGreaterThanOrEqual(4);
    for (const s of sessions) {
      expect(s.attendeeCount).toBeGreaterThanOrEqual(8);
      expect(s.heldOn < '2026-03-02').toBe(true);
    }
    const one = await must('training.getSession', { id: sessions[0]!.id });
    expect(one.attendees).toHaveLength(sessions[0]!.attendeeCount);
  });
});
