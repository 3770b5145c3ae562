import { describe, expect, test } from 'vitest';
import { DEMO_PASSWORD, seedDemoFacility } from '../../db/demo/generate';
import { hashPassword } from '../../electron/core/passwords';
import { caller, makeCore, testPasswordCost } from '../support/core';


describe('training demo data', () => {
  test('staff linked to demo users, the catalog, records in every status, and schedules', async () => {
    const now = '2026-03-02T14:00:00Z';
    const { core } = await makeCore({ now });
    await seedDemoFacility(core.engine, { seed: 7, now: new Date(now), hashPassword: (p) => hashPassword(p, testPasswordCost), roomsPerUnit: 2 });
    const c = caller(core);
    await c.must('auth.signIn', { username: 'don', password: DEMO_PASSWORD });
    const m = await c.must('training.matrix', { asOf: '2026-03-02', windowDays: 60 });
    expect(m.courses).toHaveLength(10);
    expect(m.total).toBeGreaterThan(45);
    for (const n of Object.values(m.totals.all)) expect(n).toBeGreaterThan(0);
    const linked = (await c.must('training.listStaff', { limit: 500, includeInactive: true })).rows.filter((s) => s.userId !== null);
    expect(linked.map((s) => s.userName).sort()).toHaveLength(7);
    const coverage = await c.must('training.coverage', { date: '2026-03-02' });
    expect(coverage.shifts.every((s) => s.result !== 'unknown')).toBe(true);
    expect((await c.must('training.coverage', { date: '2026-03-04' })).shifts.every((s) => s.result === 'unknown')).toBe(true);
    expect((await c.must('training.inService', { asOf: '2026-03-02' })).total).toBeGreaterThan(10);
  });
});
