import { describe, expect, test } from 'vitest';
import type { Course } from '../../shared/contract/training';
import { adminCore, caller } from '../support/core';
import { countRows, sqlRows } from '../support/db';


/** 2026-03-02 08:00 in Chicago: the facility's "today" is 2026-03-02. */
const NOW = '2026-03-02T14:00:00Z';
const TODAY = '2026-03-02';

async function facility() {
  const a = await adminCore({ now: NOW });
  const courses = (await a.must('training.listCourses', {})).rows;
  const course = (code: string): Course => {
    const c = courses.find((x) => x.code === code);
    if (!c) throw new Error(`no course ${code}`);
    return c;
  };
  const units = (await a.must('facility.get', {})).units;
  const counts = async () => ({
    records: await a.core.q.training.countRecords(),
    audit: await a.core.q.audit.count(),
    certificates: { n: await countRows(a.core, 'training_certificates') },
  });
  return { ...a, courses, course, units, counts };
}

type F = Awaited<ReturnType<typeof facility>>;

function addStaff(f: F, name: string, role: 'cna' | 'driver' | 'rn', employeeId: string, unitId: number | null, hireDate = '2019-05-01') {
  return f.must('training.createStaff', { name, role, employeeId, hireDate, unitId });
}

function record(f: F, staffId: number, code: string, completedOn: string, hours: number | null = null) {
  return f.must('training.createRecord', { staffId, courseId: f.course(code).id, completedOn, hours, provider: null, certificateNumber: null });
}

/** Keeps four courses active (and no licence types: training-credentials.test.ts has those) so a matrix can be computed by hand. */
async function onlyFourCourses(f: F) {
  for (const c of f.courses) {
    if (['cpr_bls', 'first_aid', 'mechanical_lift', 'driver_safety'].includes(c.code)) continue;
    await f.must('training.updateCourse', { id: c.id, name: c.name, validity: c.validity, roles: c.roles, countsAsInService: c.countsAsInService, active: false });
  }
  for (const t of (await f.must('training.listCredentialTypes', {})).rows) {
    await f.must('training.updateCredentialType', { id: t.id, expectedVersion: t.version, name: t.name, issuedByState: t.issuedByState, roles: t.roles, active: false });
  }
}

/** The small facility of the matrix tests, statuses worked out by hand as of 2026-03-02 (window 30). */
async function smallFacility() {
  const f = await facility();
  await onlyFourCourses(f);
  const [unitA, unitB] = f.units;
  const ann = await addStaff(f, 'Ann Aide', 'cna', 'E1', unitA!.id, '2020-01-01');
  const bob = await addStaff(f, 'Bob Driver', 'driver', 'E2', unitB!.id);
  const cid = await addStaff(f, 'Cid Nurse', 'rn', 'E3', unitA!.id);
  await record(f, ann.id, 'cpr_bls', '2025-01-15'); // expires 2027-01-15: current
  await record(f, ann.id, 'first_aid', '2024-03-20'); // expires 2026-03-20: expiring (from 2026-02-18)
  await record(f, ann.id, 'mechanical_lift', '2024-06-01'); // expired 2025-06-01
  await record(f, bob.id, 'first_aid', '2025-06-01'); // current
  await record(f, bob.id, 'driver_safety', '2025-03-02'); // expires 2026-03-02, i.e. today: expired
  await record(f, cid.id, 'cpr_bls', '2024-02-01'); // expired 2026-02-01
  await record(f, cid.id, 'mechanical_lift', '2025-12-01'); // current
  return { ...f, ann, bob, cid, unitA: unitA!, unitB: unitB! };
}

describe('training: catalog and staff', () => {
  test('creating the facility seeds the default catalog once', async () => {
    const f = await facility();
    expect(f.courses.map((c) => c.code)).toEqual([
      'cpr_bls', 'first_aid', 'infection_control', 'fire_safety', 'abuse_neglect_prevention',
      'hipaa_privacy', 'dementia_care', 'mechanical_lift', 'driver_safety', 'new_hire_orientation',
    ]);
    expect(f.course('new_hire_orientation').validity).toEqual({ kind: 'once_within_days_of_hire', days: 30 });
    expect(f.course('mechanical_lift').roles.sort()).toEqual(['cna', 'lpn', 'rn']);
    expect(await f.core.q.training.ensureDefaultCatalog(NOW)).toBe(0);
  });

  test('staff: employee ids are unique ignoring case, hire dates cannot be in the future; nothing written', async () => {
    const f = await facility();
    await addStaff(f, 'Ann Aide', 'cna', 'E0042', null);
    const before = await f.counts();
    expect(await f.call('training.createStaff', { name: 'Other', role: 'cna', employeeId: 'e0042', hireDate: '2020-01-01', unitId: null })).toMatchObject({
      ok: false,
      error: { code: 'validation', fields: [{ path: 'employeeId', code: 'duplicate' }] },
    });
    expect(await f.call('training.createStaff', { name: 'Other', role: 'cna', employeeId: 'E9', hireDate: '2026-03-03', unitId: null })).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'hireDate', code: 'in_future' }] },
    });
    expect(await f.counts()).toEqual(before);
    expect((await f.must('training.listStaff', {})).total).toBe(1);
  });

  test('a deactivated staff member leaves the matrix and the default staff list', async () => {
    const f = await facility();
    const s = await addStaff(f, 'Ann Aide', 'cna', 'E1', null);
    await f.must('training.setStaffActive', { id: s.id, active: false });
    expect((await f.must('training.matrix', { asOf: TODAY })).total).toBe(0);
    expect((await f.must('training.listStaff', {})).total).toBe(0);
    expect((await f.must('training.listStaff', { includeInactive: true })).rows[0]).toMatchObject({ name: 'Ann Aide', active: false });
  });

  test('staff can be linked to a user account once', async () => {
    const f = await facility();
    const me = (await f.must('auth.session', {})).user!;
    const s = await f.must('training.createStaff', { name: 'Ada Admin', role: 'administrator', employeeId: 'A1', hireDate: '2018-01-01', unitId: null, userId: me.id });
    expect(s).toMatchObject({ userId: me.id, userName: 'Ada Admin' });
    expect(await f.call('training.createStaff', { name: 'Twin', role: 'administrator', employeeId: 'A2', hireDate: '2018-01-01', unitId: null, userId: me.id })).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'userId', code: 'duplicate' }] },
    });
  });

  test('roles: a charge nurse reads the matrix but cannot record; a care aide cannot read it', async () => {
    const f = await facility();
    await f.must('users.create', { username: 'charge', displayName: 'Cara Charge', role: 'charge_nurse', password: 'quiet meadow lantern' });
    await f.must('users.create', { username: 'aide', displayName: 'Al Aide', role: 'care_aide', password: 'quiet meadow lantern' });
    const s = await addStaff(f, 'Ann Aide', 'cna', 'E1', null);
    for (const [username, canRead] of [['charge', true], ['aide', false]] as const) {
      const c = caller(f.core);
      await c.must('auth.signIn', { username, password: 'quiet meadow lantern' });
      await c.must('auth.changePassword', { currentPassword: 'quiet meadow lantern', newPassword: 'river stone harbor light' });
      expect((await c.call('training.matrix', { asOf: TODAY })).ok).toBe(canRead);
      expect(await c.call('training.createRecord', { staffId: s.id, courseId: f.course('cpr_bls').id, completedOn: '2026-01-01', hours: 4, provider: null, certificateNumber: null })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
  });
});

describe('training: records and bad input', () => {
  test('a record is verified by the signed-in user and shows its expiry', async () => {
    const f = await facility();
    const s = await addStaff(f, 'Ann Aide', 'cna', 'E1', null);
    const r = await f.must('training.createRecord', { staffId: s.id, courseId: f.course('cpr_bls').id, completedOn: '2024-02-29', hours: 4.5, provider: 'Red Cross', certificateNumber: 'RC-1' });
    expect(r).toMatchObject({ verifiedByName: 'Ada Admin', expiresOn: '2026-02-28', hours: 4.5, provider: 'Red Cross', source: 'entry', voidedAt: null });
    const log = await f.must('audit.list', { entity: 'training_record', entityId: String(r.id) });
    expect(log.rows[0]).toMatchObject({ method: 'training.createRecord', after: { completedOn: '2024-02-29' } });
  });

  const bad: [string, Record<string, unknown>, string, string][] = [
    ['a completion date in the future', { completedOn: '2026-03-03' }, 'completedOn', 'in_future'],
    ['a date that does not exist', { completedOn: '2025-02-29' }, 'completedOn', 'invalid_date'],
    ['a date that is not a date', { completedOn: 'yesterday' }, 'completedOn', 'invalid_date'],
    ['negative hours', { hours: -1 }, 'hours', 'out_of_range'],
    ['more than 24 hours', { hours: 24.5 }, 'hours', 'out_of_range'],
    ['hours with three decimals', { hours: 1.125 }, 'hours', 'too_precise'],
    ['an unknown staff member', { staffId: 999 }, 'staffId', 'unknown_staff'],
    ['an unknown course', { courseId: 999 }, 'courseId', 'unknown_course'],
    ['a provider name that is too long', { provider: 'x'.repeat(121) }, 'provider', 'too_long'],
  ];
  test.each(bad)('%s is refused with a field error and nothing is written', async (_name, patch, path, code) => {
    const f = await facility();
    const s = await addStaff(f, 'Ann Aide', 'cna', 'E1', null);
    const before = await f.counts();
    const r = await f.call('training.createRecord', {
      staffId: s.id,
      courseId: f.course('cpr_bls').id,
      completedOn: '2026-01-10',
      hours: 4,
      provider: null,
      certificateNumber: null,
      ...patch,
    } as never);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation');
    expect(r.error.fields).toContainEqual(expect.objectContaining({ path, code }));
    expect(await f.counts()).toEqual(before);
  });

  test('the same course on the same date for the same person is a duplicate; updating into one too', async () => {
    const f = await facility();
    const s = await addStaff(f, 'Ann Aide', 'cna', 'E1', null);
    await record(f, s.id, 'cpr_bls', '2025-01-10');
    const other = await record(f, s.id, 'cpr_bls', '2025-06-10');
    const before = await f.counts();
    expect(await f.call('training.createRecord', { staffId: s.id, courseId: f.course('cpr_bls').id, completedOn: '2025-01-10', hours: null, provider: null, certificateNumber: null })).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'completedOn', code: 'duplicate_record' }] },
    });
    expect(await f.call('training.updateRecord', { id: other.id, expectedVersion: other.version, staffId: s.id, courseId: f.course('cpr_bls').id, completedOn: '2025-01-10', hours: null, provider: null, certificateNumber: null })).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'completedOn', code: 'duplicate_record' }] },
    });
    expect(await f.counts()).toEqual(before);
  });

  test('a voided record is kept and audited but no longer counts; it cannot be edited', async () => {
    const f = await facility();
    const s = await addStaff(f, 'Ann Aide', 'cna', 'E1', null);
    const r = await record(f, s.id, 'cpr_bls', '2025-01-10');
    const cprCell = async () => {
      const m = await f.must('training.matrix', { asOf: TODAY });
      return m.rows[0]!.cells[m.courses.findIndex((c) => c.code === 'cpr_bls')]!.status;
    };
    expect(await cprCell()).toBe('current');
    const voided = await f.must('training.voidRecord', { id: r.id, reason: 'Entered for the wrong person' });
    expect(voided).toMatchObject({ voidReason: 'Entered for the wrong person', voidedAt: NOW.replace('Z', '.000Z') });
    expect(await cprCell()).toBe('missing');
    expect(await f.core.q.training.countRecords()).toBe(1);
    expect((await f.must('training.listRecords', { staffId: s.id })).total).toBe(0);
    expect((await f.must('training.listRecords', { staffId: s.id, includeVoided: true })).rows[0]).toMatchObject({ id: r.id, voidReason: 'Entered for the wrong person' });
    expect(await f.call('training.updateRecord', { id: r.id, expectedVersion: voided.version, staffId: s.id, courseId: r.courseId, completedOn: '2025-01-11', hours: null, provider: null, certificateNumber: null })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'training.recordVoided' },
    });
    // A voided completion no longer blocks entering the right one on the same date.
    expect((await f.call('training.createRecord', { staffId: s.id, courseId: r.courseId, completedOn: '2025-01-10', hours: null, provider: null, certificateNumber: null })).ok).toBe(true);
    const log = await f.must('audit.list', { entity: 'training_record', entityId: String(r.id) });
    expect(log.rows[0]).toMatchObject({ method: 'training.voidRecord', before: { voidedAt: null }, after: { voidReason: 'Entered for the wrong person' } });
  });
});

describe('training: statuses through the matrix', () => {
  test('changing a course validity recomputes status without rewriting records, and is audited', async () => {
    const f = await facility();
    const s = await addStaff(f, 'Ann Aide', 'cna', 'E1', null);
    const r = await record(f, s.id, 'cpr_bls', '2024-03-10');
    const rowBefore = await sqlRows(f.core, 'SELECT * FROM training_records WHERE id = ?', [r.id]);
    const cpr = f.course('cpr_bls');
    const cell = async () => {
      const m = await f.must('training.matrix', { asOf: TODAY });
      return m.rows[0]!.cells[m.courses.findIndex((c) => c.id === cpr.id)];
    };
    expect(await cell()).toEqual({ status: 'expiring', completedOn: '2024-03-10', expiresOn: '2026-03-10' });
    await f.must('training.updateCourse', { id: cpr.id, name: cpr.name, validity: { kind: 'months', months: 12 }, roles: cpr.roles, countsAsInService: false, active: true });
    expect(await cell()).toEqual({ status: 'expired', completedOn: '2024-03-10', expiresOn: '2025-03-10' });
    expect(await sqlRows(f.core, 'SELECT * FROM training_records WHERE id = ?', [r.id])).toEqual(rowBefore);
    const log = await f.must('audit.list', { entity: 'course', entityId: String(cpr.id) });
    expect(log.rows[0]).toMatchObject({ before: { validity: { months: 24 } }, after: { validity: { months: 12 } } });
  });

  test('matrix totals per course and per unit match a hand-computed facility', async () => {
    const f = await smallFacility();
    const m = await f.must('training.matrix', { asOf: TODAY, windowDays: 30 });
    expect(m.courses.map((c) => c.code)).toEqual(['cpr_bls', 'first_aid', 'mechanical_lift', 'driver_safety']);
    const grid = Object.fromEntries(m.rows.map((r) => [r.name, r.cells.map((c) => c.status)]));
    expect(grid).toEqual({
      'Ann Aide': ['current', 'expiring', 'expired', 'not_required'],
      'Bob Driver': ['missing', 'current', 'not_required', 'expired'],
      'Cid Nurse': ['expired', 'missing', 'current', 'not_required'],
    });
    const byCourse = Object.fromEntries(m.totals.byCourse.map(({ courseId, kind: _kind, ...c }) => [m.courses.find((x) => x.id === courseId)!.code, c]));
    expect(byCourse).toEqual({
      cpr_bls: { current: 1, expiring: 0, expired: 1, missing: 1 },
      first_aid: { current: 1, expiring: 1, expired: 0, missing: 1 },
      mechanical_lift: { current: 1, expiring: 0, expired: 1, missing: 0 },
      driver_safety: { current: 0, expiring: 0, expired: 1, missing: 0 },
    });
    const byUnit = Object.fromEntries(m.totals.byUnit.map(({ unitName, unitId: _id, ...c }) => [unitName, c]));
    expect(byUnit).toEqual({
      'Memory Care': { current: 2, expiring: 1, expired: 2, missing: 1 },
      'Skilled 2': { current: 1, expiring: 0, expired: 1, missing: 1 },
    });
    expect(m.totals.all).toEqual({ current: 3, expiring: 1, expired: 3, missing: 2 });
  });

  test('matrix filters by unit, role and status; totals follow the filter', async () => {
    const f = await smallFacility();
    expect((await f.must('training.matrix', { asOf: TODAY, unitId: f.unitB.id })).rows.map((r) => r.name)).toEqual(['Bob Driver']);
    expect((await f.must('training.matrix', { asOf: TODAY, role: 'rn' })).rows.map((r) => r.name)).toEqual(['Cid Nurse']);
    const expiring = await f.must('training.matrix', { asOf: TODAY, status: 'expiring' });
    expect(expiring.rows.map((r) => r.name)).toEqual(['Ann Aide']);
    expect(expiring.totals.all).toEqual({ current: 1, expiring: 1, expired: 1, missing: 0 });
    expect((await f.must('training.matrix', { asOf: TODAY, status: 'attention' })).total).toBe(3);
    // A wider window turns more certificates into "expiring": Cid's lift (2026-12-01) is still current at 90 days.
    expect((await f.must('training.matrix', { asOf: TODAY, windowDays: 90, status: 'expiring' })).rows.map((r) => r.name)).toEqual(['Ann Aide']);
  });

  test('as of a past date, later records are ignored and staff hired later are not listed', async () => {
    const f = await smallFacility();
    await addStaff(f, 'Dee New', 'cna', 'E4', null, '2026-01-05');
    const at = async (asOf: string) => {
      const m = await f.must('training.matrix', { asOf });
      const ann = m.rows.find((r) => r.name === 'Ann Aide')!;
      return { cpr: ann.cells[0]!.status, names: m.rows.map((r) => r.name) };
    };
    expect(await at('2025-01-14')).toEqual({ cpr: 'missing', names: ['Ann Aide', 'Bob Driver', 'Cid Nurse'] });
    expect((await at('2025-01-15')).cpr).toBe('current');
    expect((await at(TODAY)).names).toContain('Dee New');
    // Moving the as-of date past the expiry: valid through the day before, expired on the day itself.
    expect((await at('2027-01-14')).cpr).toBe('expiring');
    expect((await at('2027-01-15')).cpr).toBe('expired');
  });

  test('what lapses next: by date within the window, optionally with what already lapsed', async () => {
    const f = await smallFacility();
    const next = await f.must('training.lapsing', { asOf: TODAY, withinDays: 60 });
    expect(next.rows.map((r) => [r.staffName, r.courseName, r.lapsesOn, r.daysLeft])).toEqual([['Ann Aide', 'First aid', '2026-03-20', 18]]);
    const all = await f.must('training.lapsing', { asOf: TODAY, withinDays: 60, includeLapsed: true });
    expect(all.rows.map((r) => [r.staffName, r.courseName, r.status, r.lapsesOn])).toEqual([
      ['Bob Driver', 'CPR / BLS', 'missing', null],
      ['Cid Nurse', 'First aid', 'missing', null],
      ['Ann Aide', 'Mechanical-lift competency', 'expired', '2025-06-01'],
      ['Cid Nurse', 'CPR / BLS', 'expired', '2026-02-01'],
      ['Bob Driver', 'Driver safety', 'expired', '2026-03-02'],
      ['Ann Aide', 'First aid', 'expiring', '2026-03-20'],
    ]);
  });

  test('CSV export: a BOM, a header and one row per staff member with status words', async () => {
    const f = await smallFacility();
    const out = await f.must('training.exportCsv', { asOf: TODAY });
    expect(out.fileName).toBe('training-matrix-2026-03-02.csv');
    expect(out.csv.startsWith('\uFEFFStaff member,Employee ID,Role,Unit,As of,CPR / BLS,CPR / BLS: Expires')).toBe(true);
    const lines = out.csv.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe('Ann Aide,E1,CNA,Memory Care,2026-03-02,Current,2027-01-15,Expiring,2026-03-20,Expired,2025-06-01,Not required,');
  });
});

describe('training: in-service hours and orientation', () => {
  test('rolling 12 months: the day a year back is out, asOf itself is in, non in-service courses never count', async () => {
    const f = await facility();
    const s = await addStaff(f, 'Ann Aide', 'cna', 'E1', null, '2020-01-01');
    await record(f, s.id, 'infection_control', '2025-03-02', 3); // exactly 12 months back: outside
    await record(f, s.id, 'fire_safety', '2025-03-03', 4); // first day of the window
    await record(f, s.id, 'dementia_care', TODAY, 5); // asOf itself
    await record(f, s.id, 'cpr_bls', '2025-10-01', 4); // not in-service
    const r = await f.must('training.inService', { asOf: TODAY });
    expect(r.window).toEqual({ startsOn: '2025-03-03', endsOn: TODAY });
    expect(r.rows[0]).toMatchObject({ name: 'Ann Aide', hours: 9, shortfall: 3 });
    expect((await f.must('training.inService', { asOf: '2026-03-01' })).rows[0]).toMatchObject({ hours: 7, shortfall: 5 });
  });

  test('new-hire orientation: due within 30 days of hire, late completion noted, missing after the deadline', async () => {
    const f = await facility();
    const late = await addStaff(f, 'Late Lu', 'cna', 'E1', null, '2025-12-01');
    const fresh = await addStaff(f, 'New Ned', 'cna', 'E2', null, '2026-02-20');
    const never = await addStaff(f, 'Never Nia', 'cna', 'E3', null, '2025-12-15');
    await addStaff(f, 'Driver Dan', 'driver', 'E4', null);
    await record(f, late.id, 'new_hire_orientation', '2026-01-05');
    const rows = Object.fromEntries((await f.must('training.inService', { asOf: TODAY })).rows.map((r) => [r.staffId, r.orientation]));
    expect(Object.keys(rows)).toHaveLength(3);
    expect(rows[late.id]).toEqual({ status: 'current', completedOn: '2026-01-05', dueOn: '2025-12-31', withinDeadline: false });
    expect(rows[fresh.id]).toEqual({ status: 'expiring', completedOn: null, dueOn: '2026-03-22', withinDeadline: null });
    expect(rows[never.id]).toEqual({ status: 'missing', completedOn: null, dueOn: '2026-01-14', withinDeadline: null });
  });
});

describe('training: shift CPR coverage', () => {
  test('ok with someone current, warning with nobody current or nobody at all, unknown without a schedule', async () => {
    const f = await smallFacility();
    const [day, evening, night] = (await f.must('facility.get', {})).shifts;
    await f.must('training.setSchedule', { shiftId: day!.id, date: TODAY, staffIds: [f.bob.id, f.ann.id] });
    await f.must('training.setSchedule', { shiftId: evening!.id, date: TODAY, staffIds: [f.bob.id, f.cid.id] });
    const c = await f.must('training.coverage', { date: TODAY });
    expect(c.shifts.map((s) => [s.shiftName, s.result])).toEqual([
      ['Day', 'ok'],
      ['Evening', 'warning'],
      ['Night', 'unknown'],
    ]);
    expect(c.shifts[0]!.onDuty.filter((p) => p.cprValid).map((p) => p.name)).toEqual(['Ann Aide']);
    await f.must('training.setSchedule', { shiftId: night!.id, date: TODAY, staffIds: [] });
    expect((await f.must('training.coverage', { date: TODAY })).shifts[2]!.result).toBe('warning');
    // Before Ann's CPR, the day shift was not covered either.
    await f.must('training.setSchedule', { shiftId: day!.id, date: '2025-01-01', staffIds: [f.ann.id] });
    expect((await f.must('training.coverage', { date: '2025-01-01' })).shifts[0]!.result).toBe('warning');
    expect(await f.must('training.getSchedule', { shiftId: day!.id, date: TODAY })).toEqual({ entered: true, staffIds: [f.ann.id, f.bob.id].sort((a, b) => a - b) });
  });

  test('a schedule naming an unknown staff member is refused', async () => {
    const f = await facility();
    const [day] = (await f.must('facility.get', {})).shifts;
    const before = await f.counts();
    expect(await f.call('training.setSchedule', { shiftId: day!.id, date: TODAY, staffIds: [4242] })).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'staffIds', code: 'unknown_staff' }] },
    });
    expect(await f.counts()).toEqual(before);
  });
});

describe('training: certificates', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);

  async function withRecord() {
    const f = await facility();
    const s = await addStaff(f, 'Ann Aide', 'cna', 'E1', null);
    const r = await record(f, s.id, 'cpr_bls', '2025-01-10');
    return { f, r };
  }

  test('PDF, PNG and JPEG are stored with size and sha256, typed by their bytes', async () => {
    const { f, r } = await withRecord();
    const a = await f.must('training.attachCertificate', { recordId: r.id, fileName: 'cpr.pdf', mimeType: 'application/pdf', dataBase64: pdf.toString('base64') });
    expect(a).toMatchObject({ mimeType: 'application/pdf', sizeBytes: pdf.length });
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    await f.must('training.attachCertificate', { recordId: r.id, fileName: 'scan', mimeType: '', dataBase64: png.toString('base64') });
    await f.must('training.attachCertificate', { recordId: r.id, fileName: 'photo.jpg', mimeType: 'image/jpg', dataBase64: jpeg.toString('base64') });
    const back = await f.must('training.getCertificate', { id: a.id });
    expect(Buffer.from(back.dataBase64, 'base64').equals(pdf)).toBe(true);
    expect((await f.must('training.listRecords', { staffId: r.staffId })).rows[0]!.certificates.map((c) => c.mimeType)).toEqual(['application/pdf', 'image/png', 'image/jpeg']);
  });

  const refused: [string, Buffer | string, string, string][] = [
    ['a text file renamed .pdf', Buffer.from('hello, I am not a PDF'), 'application/pdf', 'file_type'],
    ['an executable', Buffer.from([0x4d, 0x5a, 0x90, 0x00]), 'application/octet-stream', 'file_type'],
    ['a PNG declared as a PDF', png, 'application/pdf', 'file_type_mismatch'],
    ['a PDF of more than 5 MB', Buffer.concat([pdf, Buffer.alloc(5 * 1024 * 1024)]), 'application/pdf', 'file_too_large'],
    ['an empty file', Buffer.alloc(0), 'application/pdf', 'file_empty'],
    ['text that is not base64', 'not base64 at all!', 'application/pdf', 'file_unreadable'],
  ];
  test.each(refused)('%s is refused with a specific error and nothing is stored', async (_name, bytes, mimeType, code) => {
    const { f, r } = await withRecord();
    const before = await f.counts();
    const dataBase64 = typeof bytes === 'string' ? bytes : bytes.toString('base64');
    expect(await f.call('training.attachCertificate', { recordId: r.id, fileName: 'certificate.pdf', mimeType, dataBase64 })).toMatchObject({
      ok: false,
      error: { code: 'validation', fields: [{ path: 'file', code }] },
    });
    expect(await f.counts()).toEqual(before);
  });
});

describe('training: CSV import', () => {
  async function importFacility() {
    const f = await facility();
    const ann = await addStaff(f, 'Ann Aide', 'cna', 'E001', null);
    const bob = await addStaff(f, 'Bob Driver', 'driver', '00123', null);
    return { f, ann, bob };
  }
  const GOOD = '\uFEFFEmployee ID;Course;Completion Date;Hours;Provider\r\nE001;CPR/BLS;2025-01-10;4,5;Red Cross\r\n00123;first aid;1/15/2025;;\r\n';

  test('a BOM and semicolons (European Excel) are read; preview writes nothing, commit writes all', async () => {
    const { f, ann, bob } = await importFacility();
    const before = await f.counts();
    const p = await f.must('training.importPreview', { csv: GOOD });
    expect(p).toMatchObject({ delimiter: ';', missing: [], totalRows: 2, validRows: 2, newRows: 2, errorCount: 0 });
    expect(p.header[0]).toBe('Employee ID');
    expect(p.sample.map((s) => [s.staffName, s.courseName, s.completedOn, s.hours])).toEqual([
      ['Ann Aide', 'CPR / BLS', '2025-01-10', 4.5],
      ['Bob Driver', 'First aid', '2025-01-15', null],
    ]);
    expect(await f.counts()).toEqual(before);
    expect(await f.must('training.importCommit', { csv: GOOD })).toEqual({ inserted: 2, skippedDuplicates: 0 });
    expect((await f.must('training.listRecords', { staffId: ann.id })).rows[0]).toMatchObject({ completedOn: '2025-01-10', hours: 4.5, provider: 'Red Cross', source: 'import', verifiedByName: 'Ada Admin' });
    expect((await f.must('training.listRecords', { staffId: bob.id })).total).toBe(1);
    expect((await f.must('audit.list', { entity: 'training_import' })).rows[0]).toMatchObject({ after: { inserted: 2 } });
  });

  test('one bad row refuses the whole file: each problem named by line, field and code, nothing written', async () => {
    const { f } = await importFacility();
    const csv = `${GOOD}E999;CPR/BLS;2025-02-01;2;\r\nE001;Basket weaving;2025-02-01;2;\r\nE001;first aid;2026-04-01;30;\r\n`;
    const p = await f.must('training.importPreview', { csv });
    expect(p.errors).toEqual([
      { line: 4, field: 'employeeId', code: 'unknown_employee', value: 'E999' },
      { line: 5, field: 'course', code: 'unknown_course', value: 'Basket weaving' },
      { line: 6, field: 'completedOn', code: 'in_future', value: '2026-04-01' },
      { line: 6, field: 'hours', code: 'out_of_range', value: '30' },
    ]);
    expect(p).toMatchObject({ validRows: 2, errorCount: 4, totalRows: 5 });
    const before = await f.counts();
    const r = await f.call('training.importCommit', { csv });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', message: 'training.importHasErrors', params: { count: 4, line: 4 } } });
    if (!r.ok) expect(r.error.fields?.[0]).toEqual({ path: 'rows.4.employeeId', code: 'unknown_employee', params: { line: 4 } });
    expect(await f.counts()).toEqual(before);
  });

  test('duplicates within the file and against existing records are detected and skipped', async () => {
    const { f, ann } = await importFacility();
    await record(f, ann.id, 'first_aid', '2024-05-05');
    const csv = 'Employee ID,Course,Completion Date\nE001,cpr_bls,2025-01-10\ne001,CPR / BLS,01/10/2025\nE001,First aid,2024-05-05\nE001,First aid,2025-05-05\n';
    // 01/10/2025 could be 1 October: month-first is chosen, as the file's author meant.
    const p = await f.must('training.importPreview', { csv, dateFormat: 'mdy' });
    expect(p.duplicatesInFile).toEqual([{ line: 3, firstLine: 2 }]);
    expect(p.duplicatesExisting).toHaveLength(1);
    expect(p.duplicatesExisting[0]!.line).toBe(4);
    expect(p).toMatchObject({ validRows: 3, newRows: 2, duplicateCounts: { inFile: 1, existing: 1 } });
    expect(await f.must('training.importCommit', { csv, dateFormat: 'mdy' })).toEqual({ inserted: 2, skippedDuplicates: 2 });
    // Importing the same file again adds nothing.
    expect(await f.must('training.importCommit', { csv, dateFormat: 'mdy' })).toEqual({ inserted: 0, skippedDuplicates: 4 });
  });

  test('the column mapping can be overridden, and an unmapped required column refuses the commit', async () => {
    const { f } = await importFacility();
    const csv = 'Person,Class,When\nE001,cpr_bls,2025-01-10\n';
    const guessed = await f.must('training.importPreview', { csv });
    expect(guessed.missing).toEqual(['employeeId', 'completedOn']);
    const before = await f.counts();
    expect(await f.call('training.importCommit', { csv })).toMatchObject({
      ok: false,
      error: { message: 'training.importMappingIncomplete', fields: [{ path: 'mapping.employeeId', code: 'column_missing' }, { path: 'mapping.completedOn', code: 'column_missing' }] },
    });
    expect(await f.counts()).toEqual(before);
    const mapping = { employeeId: 0, completedOn: 2 };
    expect(await f.must('training.importPreview', { csv, mapping })).toMatchObject({ missing: [], newRows: 1 });
    expect((await f.must('training.importCommit', { csv, mapping })).inserted).toBe(1);
  });

  test('an unclosed quote names its line', async () => {
    const { f } = await importFacility();
    expect(await f.call('training.importPreview', { csv: 'Employee ID,Course,Completion Date\nE001,"CPR,2025-01-10\n' })).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'csv', code: 'unterminated_quote', params: { line: 2 } }] },
    });
  });

  test('a CSV export is recorded with its filters and row count, never its rows', async () => {
    const f = await facility();
    const out = await f.must('training.exportCsv', { asOf: TODAY });
    const entry = (await f.must('audit.list', { entity: 'export' })).rows[0];
    expect(entry).toMatchObject({ method: 'training.exportCsv', after: { document: 'training.matrix', rows: out.rows, filters: { asOf: TODAY } } });
    expect(JSON.stringify(entry)).not.toContain(out.csv.slice(0, 40));
  });
});
