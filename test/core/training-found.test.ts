/**
 * The found items of issue 13, each reproduced through the dispatcher: ambiguous import dates, far-past
 * as-of dates, new hires' in-service hours, and CSV read by papaparse with our own delimiter rule.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { adminCore } from '../support/core';
import { addRooms, counts as residentCounts } from '../support/residents';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

const NOW = '2026-03-02T14:00:00Z';
const TODAY = '2026-03-02';

async function facility() {
  const a = await adminCore({ now: NOW });
  cleanups.push(() => a.core.close());
  const courses = (await a.must('training.listCourses', {})).rows;
  const course = (code: string) => courses.find((c) => c.code === code)!;
  const records = () => a.core.q.training.countRecords();
  return { ...a, course, records };
}

describe('found 1: an ambiguous date is never guessed silently', () => {
  const AMBIGUOUS = 'Employee ID,Course,Completion Date\nE001,CPR/BLS,03/02/2026\nE001,First aid,2025-12-01\n';

  test('training: the preview states the reading; the commit writes nothing until the format is chosen', async () => {
    const f = await facility();
    await f.must('training.createStaff', { name: 'Ann Aide', role: 'cna', employeeId: 'E001', hireDate: '2020-01-01', unitId: null });
    const p = await f.must('training.importPreview', { csv: AMBIGUOUS });
    expect(p.dates).toEqual({
      format: 'mdy',
      state: 'unconfirmed',
      candidates: ['mdy', 'dmy'],
      example: { text: '03/02/2026', readAs: '2026-03-02', otherwise: '2026-02-03' },
    });
    expect(p.sample.map((s) => s.completedOn)).toEqual(['2026-03-02', '2025-12-01']);

    const before = await f.records();
    expect(await f.call('training.importCommit', { csv: AMBIGUOUS })).toMatchObject({
      ok: false,
      error: { code: 'validation', fields: [{ path: 'dateFormat', code: 'date_format_required' }] },
    });
    expect(await f.records()).toBe(before);

    // Chosen day-first: the same file now reads 3 February, in the preview and in what is written.
    const chosen = await f.must('training.importPreview', { csv: AMBIGUOUS, dateFormat: 'dmy' });
    expect(chosen.dates).toMatchObject({ format: 'dmy', state: 'chosen', example: { readAs: '2026-02-03' } });
    expect((await f.must('training.importCommit', { csv: AMBIGUOUS, dateFormat: 'dmy' })).inserted).toBe(2);
    const ann = (await f.must('training.listStaff', {})).rows[0]!;
    expect((await f.must('training.listRecords', { staffId: ann.id })).rows.map((r) => r.completedOn).sort()).toEqual(['2025-12-01', '2026-02-03']);
  });

  test('training: a file whose dates all agree is read by them, and says so', async () => {
    const f = await facility();
    await f.must('training.createStaff', { name: 'Ann Aide', role: 'cna', employeeId: 'E001', hireDate: '2020-01-01', unitId: null });
    const csv = 'Employee ID,Course,Completion Date\nE001,CPR/BLS,03/02/2026\nE001,First aid,25/12/2025\n';
    const p = await f.must('training.importPreview', { csv });
    expect(p.dates).toMatchObject({ format: 'dmy', state: 'detected', example: { text: '03/02/2026', readAs: '2026-02-03' } });
    expect((await f.must('training.importCommit', { csv })).inserted).toBe(2);
  });

  test('residents: slashed dates are read by the file\'s format, an ambiguous file waits for a choice', async () => {
    const a = await adminCore({ now: NOW });
    cleanups.push(() => a.core.close());
    await addRooms(a);
    const csv = 'Record number,Given name,Family name,Date of birth,Unit,Room,Bed,Code status\nR-1,Ana,Lopez,04/05/1941,Memory Care,101,A,DNR\nR-2,Bea,Ruiz,1940-12-24,Memory Care,101,B,DNR\n';
    const p = await a.must('residents.importPreview', { csv });
    expect(p.dates).toMatchObject({ format: 'mdy', state: 'unconfirmed', example: { text: '04/05/1941', readAs: '1941-04-05', otherwise: '1941-05-04' } });
    expect(p.rows.map((r) => r.dateOfBirthRead)).toEqual(['1941-04-05', '1940-12-24']);
    const before = await residentCounts(a.core);
    expect(await a.call('residents.importCommit', { csv })).toMatchObject({ ok: false, error: { fields: [{ path: 'dateFormat', code: 'date_format_required' }] } });
    expect(await residentCounts(a.core)).toEqual(before);
    expect(await a.must('residents.importCommit', { csv, dateFormat: 'dmy' })).toEqual({ admitted: 2 });
    expect((await a.must('residents.list', { query: 'ana lopez' })).rows[0]?.dateOfBirth).toBe('1941-05-04');
  });

  test('residents: a day that cannot be month-first decides the file; a date not real in the chosen order is named', async () => {
    const a = await adminCore({ now: NOW });
    cleanups.push(() => a.core.close());
    await addRooms(a);
    const csv = 'Record number,Given name,Family name,Date of birth,Unit,Room,Bed,Code status,Admitted on\nR-1,Ana,Lopez,24/12/1941,Memory Care,101,A,DNR,01/02/2026\n';
    expect(await a.must('residents.importPreview', { csv })).toMatchObject({ dates: { format: 'dmy', state: 'detected' }, valid: 1 });
    const wrong = await a.must('residents.importPreview', { csv, dateFormat: 'mdy' });
    expect(wrong.issues.map((i) => `${i.line}:${i.field}:${i.code}`)).toEqual(['2:dateOfBirth:invalid_date']);
    expect(await a.must('residents.importCommit', { csv })).toEqual({ admitted: 1 });
    expect((await a.must('residents.list', {})).rows[0]).toMatchObject({ dateOfBirth: '1941-12-24', statusSince: '2026-02-01' });
  });
});

describe('found 2: every as-of date the contract accepts works; others are refused by name', () => {
  async function seeded() {
    const f = await facility();
    const s = await f.must('training.createStaff', { name: 'Old Timer', role: 'cna', employeeId: 'E1', hireDate: '1950-01-01', unitId: null });
    await f.must('training.createStaff', { name: 'New Hire', role: 'cna', employeeId: 'E2', hireDate: TODAY, unitId: null });
    for (const code of ['cpr_bls', 'infection_control']) {
      await f.must('training.createRecord', { staffId: s.id, courseId: f.course(code).id, completedOn: '1950-01-01', hours: 2, provider: null, certificateNumber: null });
    }
    const shiftId = (await f.must('facility.get', {})).shifts[0]!.id;
    return { ...f, s, shiftId };
  }

  test.each(['1950-01-01', '2199-12-31'])('%s: matrix, export, lapsing, in-service, coverage and schedules answer', async (asOf) => {
    const f = await seeded();
    const matrix = await f.must('training.matrix', { asOf });
    expect(matrix.total).toBe(asOf === '1950-01-01' ? 1 : 2);
    expect((await f.must('training.exportCsv', { asOf })).rows).toBe(matrix.total);
    expect((await f.must('training.lapsing', { asOf, withinDays: 366, includeLapsed: true })).total).toBeGreaterThan(0);
    const inService = await f.must('training.inService', { asOf });
    expect(inService.rows.length).toBe(matrix.total);
    await f.must('training.setSchedule', { shiftId: f.shiftId, date: asOf, staffIds: [f.s.id] });
    expect((await f.must('training.getSchedule', { shiftId: f.shiftId, date: asOf })).entered).toBe(true);
    expect((await f.must('training.coverage', { date: asOf })).shifts[0]!.result).toBe(asOf === '1950-01-01' ? 'ok' : 'warning');
  });

  test.each(['0001-01-01', '0202-03-02', '1949-12-31', '2200-01-01', '9999-12-31'])('%s is refused with date_out_of_range on the field, never internal', async (asOf) => {
    const f = await seeded();
    const refused = { ok: false, error: { code: 'validation' } };
    const field = (path: string) => ({ fields: [{ path, code: 'date_out_of_range', params: { min: '1950-01-01', max: '2199-12-31' } }] });
    expect(await f.call('training.inService', { asOf })).toMatchObject({ ...refused, error: { ...refused.error, ...field('asOf') } });
    expect(await f.call('training.matrix', { asOf })).toMatchObject({ ...refused, error: field('asOf') });
    expect(await f.call('training.exportCsv', { asOf })).toMatchObject({ ...refused, error: field('asOf') });
    expect(await f.call('training.lapsing', { asOf })).toMatchObject({ ...refused, error: field('asOf') });
    expect(await f.call('training.coverage', { date: asOf })).toMatchObject({ ...refused, error: field('date') });
    expect(await f.call('training.getSchedule', { shiftId: f.shiftId, date: asOf })).toMatchObject({ ...refused, error: field('date') });
    expect(await f.call('training.setSchedule', { shiftId: f.shiftId, date: asOf, staffIds: [] })).toMatchObject({ ...refused, error: field('date') });
  });
});

describe('found 3: new hires are measured over the months employed', () => {
  test('thirteen days after hire an aide is not short; seven months in, seven hours are due; a year in, twelve', async () => {
    const f = await facility();
    const fresh = await f.must('training.createStaff', { name: 'New Ned', role: 'cna', employeeId: 'E1', hireDate: '2026-02-17', unitId: null });
    const mid = await f.must('training.createStaff', { name: 'Mid Mo', role: 'cna', employeeId: 'E2', hireDate: '2025-08-01', unitId: null });
    const old = await f.must('training.createStaff', { name: 'Old Oz', role: 'cna', employeeId: 'E3', hireDate: '2020-01-01', unitId: null });
    await f.must('training.createRecord', { staffId: mid.id, courseId: f.course('infection_control').id, completedOn: '2025-09-01', hours: 3, provider: null, certificateNumber: null });
    const rows = Object.fromEntries((await f.must('training.inService', { asOf: TODAY })).rows.map((r) => [r.staffId, r]));
    expect(rows[fresh.id]).toMatchObject({ hours: 0, requiredHours: 0, shortfall: 0, monthsEmployed: 0, countsFrom: '2026-02-17' });
    expect(rows[mid.id]).toMatchObject({ hours: 3, requiredHours: 7, shortfall: 4, monthsEmployed: 7, countsFrom: '2025-08-01' });
    expect(rows[old.id]).toMatchObject({ hours: 0, requiredHours: 12, shortfall: 12, monthsEmployed: null, countsFrom: '2025-03-03' });
    // "Only those short" no longer lists the new hire.
    expect((await f.must('training.inService', { asOf: TODAY, onlyShort: true })).rows.map((r) => r.staffId).sort()).toEqual([mid.id, old.id].sort());
  });
});

describe('found 5: CSV through papaparse, the delimiter from the header', () => {
  test('a comma census whose allergy lists use ";" and whose rows are ragged imports as comma-separated', async () => {
    const a = await adminCore({ now: NOW });
    cleanups.push(() => a.core.close());
    await addRooms(a);
    const csv = [
      'Record number,Given name,Family name,Date of birth,Unit,Room,Bed,Code status,Allergies,Fall risk',
      'R-1,Ana,Lopez,1941-02-02,Memory Care,101,A,DNR,Penicillin: hives (severe); Latex; Eggs,high',
      'R-2,Bea,Ruiz,1940-03-03,Memory Care,101,B,DNR,Nuts; Latex; Eggs',
      'R-3,Cy,Diaz,1939-04-04,Memory Care,102,A,Full code,Nuts; Soy; Eggs,low',
      'R-4,Di,Sosa,1938-05-05,Memory Care,102,B,DNR,Nuts; Soy; Shellfish',
    ].join('\n');
    const p = await a.must('residents.importPreview', { csv });
    expect(p).toMatchObject({ delimiter: ',', total: 4, valid: 4, issues: [] });
    expect(await a.must('residents.importCommit', { csv })).toEqual({ admitted: 4 });
    const ana = (await a.must('residents.list', { query: 'ana lopez' })).rows[0]!;
    expect(ana.allergies).toMatchObject({
      state: 'listed',
      hasSevere: true,
      items: [
        { substance: 'Penicillin', reaction: 'hives', severity: 'severe' },
        { substance: 'Latex', reaction: '', severity: 'unknown' },
        { substance: 'Eggs', reaction: '', severity: 'unknown' },
      ],
    });
  });

  test('text after a closing quote refuses the file with its line, in both imports', async () => {
    const f = await facility();
    expect(await f.call('training.importPreview', { csv: 'Employee ID,Course,Completion Date\nE001,"CPR"x,2025-01-10\nE002,"First aid",2025-01-10\n' })).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'csv', code: 'malformed_quote', params: { line: 2 } }] },
    });
    expect(await f.call('residents.importPreview', { csv: 'Record number,Given name\nR-1,"Ana"x\n' })).toMatchObject({
      ok: false,
      error: { message: 'residents.importMalformedQuote', params: { line: 2 } },
    });
  });
});
