/**
 * The found items of issue 13, each reproduced through the dispatcher: ambiguous import dates, far-past
 * as-of dates, new hires' in-service hours, and CSV read by papaparse with our own delimiter rule.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { adminCore } from '../support/core';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

const NOW = '2026-03-02T14:00:00Z';
const TODAY = '2026-03-02';

function facility() {
  const a = adminCore({ now: NOW });
  cleanups.push(() => a.core.close());
  const courses = a.must('training.listCourses', {}).rows;
  const course = (code: string) => courses.find((c) => c.code === code)!;
  const records = () => a.core.q.training.countRecords();
  return { ...a, course, records };
}

describe('found 2: every as-of date the contract accepts works; others are refused by name', () => {
  function seeded() {
    const f = facility();
    const s = f.must('training.createStaff', { name: 'Old Timer', role: 'cna', employeeId: 'E1', hireDate: '1950-01-01', unitId: null });
    f.must('training.createStaff', { name: 'New Hire', role: 'cna', employeeId: 'E2', hireDate: TODAY, unitId: null });
    for (const code of ['cpr_bls', 'infection_control']) {
      f.must('training.createRecord', { staffId: s.id, courseId: f.course(code).id, completedOn: '1950-01-01', hours: 2, provider: null, certificateNumber: null });
    }
    const shiftId = f.must('facility.get', {}).shifts[0]!.id;
    return { ...f, s, shiftId };
  }

  test.each(['1950-01-01', '2199-12-31'])('%s: matrix, export, lapsing, in-service, coverage and schedules answer', (asOf) => {
    const f = seeded();
    const matrix = f.must('training.matrix', { asOf });
    expect(matrix.total).toBe(asOf === '1950-01-01' ? 1 : 2);
    expect(f.must('training.exportCsv', { asOf }).rows).toBe(matrix.total);
    expect(f.must('training.lapsing', { asOf, withinDays: 366, includeLapsed: true }).total).toBeGreaterThan(0);
    const inService = f.must('training.inService', { asOf });
    expect(inService.rows.length).toBe(matrix.total);
    f.must('training.setSchedule', { shiftId: f.shiftId, date: asOf, staffIds: [f.s.id] });
    expect(f.must('training.getSchedule', { shiftId: f.shiftId, date: asOf }).entered).toBe(true);
    expect(f.must('training.coverage', { date: asOf }).shifts[0]!.result).toBe(asOf === '1950-01-01' ? 'ok' : 'warning');
  });

  test.each(['0001-01-01', '0202-03-02', '1949-12-31', '2200-01-01', '9999-12-31'])('%s is refused with date_out_of_range on the field, never internal', (asOf) => {
    const f = seeded();
    const refused = { ok: false, error: { code: 'validation' } };
    const field = (path: string) => ({ fields: [{ path, code: 'date_out_of_range', params: { min: '1950-01-01', max: '2199-12-31' } }] });
    expect(f.call('training.inService', { asOf })).toMatchObject({ ...refused, error: { ...refused.error, ...field('asOf') } });
    expect(f.call('training.matrix', { asOf })).toMatchObject({ ...refused, error: field('asOf') });
    expect(f.call('training.exportCsv', { asOf })).toMatchObject({ ...refused, error: field('asOf') });
    expect(f.call('training.lapsing', { asOf })).toMatchObject({ ...refused, error: field('asOf') });
    expect(f.call('training.coverage', { date: asOf })).toMatchObject({ ...refused, error: field('date') });
    expect(f.call('training.getSchedule', { shiftId: f.shiftId, date: asOf })).toMatchObject({ ...refused, error: field('date') });
    expect(f.call('training.setSchedule', { shiftId: f.shiftId, date: asOf, staffIds: [] })).toMatchObject({ ...refused, error: field('date') });
  });
});

