import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapColumns } from '../../../../shared/domain/csv/columns';
import { parseCsv } from '../../../../shared/domain/csv/parse';
import type { CsvTable } from '../../../../shared/domain/csv/parse';
import { DEFAULT_COURSE_CATALOG } from '../../../../shared/domain/training/catalog';
import {
  TRAINING_IMPORT_ALIASES,
  TRAINING_IMPORT_REQUIRED,
  buildCourseKeyMap,
  importTrainingRows,
} from '../../../../shared/domain/training/import';
import type { TrainingImportResult } from '../../../../shared/domain/training/import';

const today = '2025-03-15';
const courseByKey = buildCourseKeyMap(DEFAULT_COURSE_CATALOG.map((c) => ({ id: `course-${c.code}`, code: c.code, name: c.name })));
const staffByEmployeeId = new Map([
  ['E001', 'staff-1'],
  ['E002', 'staff-2'],
  ['00123', 'staff-3'],
]);

function table(text: string): CsvTable {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed));
  return parsed;
}

function run(text: string, extra: Partial<Parameters<typeof importTrainingRows>[0]> = {}): TrainingImportResult {
  const t = table(text);
  const { mapping, ok } = mapColumns(t.header, TRAINING_IMPORT_ALIASES, undefined, { required: TRAINING_IMPORT_REQUIRED });
  expect(ok).toBe(true);
  return importTrainingRows({ rows: t.rows, mapping, staffByEmployeeId, courseByKey, today, ...extra });
}

const HEADER = 'Employee ID,Course,Completion Date,Hours,Provider,Certificate Number';

describe('importTrainingRows', () => {
  it('maps a typical export and builds candidates', () => {
    const result = run(`${HEADER}\nE001,cpr_bls,2024-05-01,4,Red Cross,RC-1\nE002,Fire Safety,03/07/2025,,,\n`);
    expect(result.errors).toEqual([]);
    expect(result.duplicates).toEqual([]);
    expect(result.rows).toEqual([
      {
        line: 2,
        staffId: 'staff-1',
        courseId: 'course-cpr_bls',
        completedOn: '2024-05-01',
        hours: 4,
        provider: 'Red Cross',
        certificateNumber: 'RC-1',
      },
      {
        line: 3,
        staffId: 'staff-2',
        courseId: 'course-fire_safety',
        completedOn: '2025-03-07',
        hours: null,
        provider: null,
        certificateNumber: null,
      },
    ]);
  });

  it('matches courses by code or name ignoring case, accents, spaces and punctuation', () => {
    const names = ['CPR / BLS', 'cpr bls', 'CPR_BLS', 'ÇPR-BLS', '  cpr/bls  '];
    const text = [HEADER, ...names.map((n, i) => `E001,"${n}",2024-01-${String(i + 1).padStart(2, '0')},,,`)].join('\n');
    const result = run(text);
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.courseId)).toEqual(Array(names.length).fill('course-cpr_bls'));
  });

  it('matches employee ids exactly, then case-insensitively; leading zeros matter', () => {
    const result = run(`${HEADER}\n e001 ,cpr_bls,2024-01-01,,,\n00123,cpr_bls,2024-01-01,,,\n123,cpr_bls,2024-01-01,,,`);
    expect(result.rows.map((r) => r.staffId)).toEqual(['staff-1', 'staff-3']);
    expect(result.errors).toEqual([{ line: 4, field: 'employeeId', code: 'unknown_employee', value: '123' }]);
  });

  it('reports every problem on a row with its line, field, code and cell text', () => {
    const result = run(
      `${HEADER}\n"",nope,2025-13-01,abc,,\nX9,,,,${'p'.repeat(121)},${'c'.repeat(65)}\nE001,cpr_bls,2025-03-16,-1,,\nE001,cpr_bls,1949-12-31,1.005,,`,
    );
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([
      { line: 2, field: 'employeeId', code: 'required', value: '' },
      { line: 2, field: 'course', code: 'unknown_course', value: 'nope' },
      { line: 2, field: 'completedOn', code: 'invalid_date', value: '2025-13-01' },
      { line: 2, field: 'hours', code: 'invalid_number', value: 'abc' },
      { line: 3, field: 'employeeId', code: 'unknown_employee', value: 'X9' },
      { line: 3, field: 'course', code: 'required', value: '' },
      { line: 3, field: 'completedOn', code: 'required', value: '' },
      { line: 3, field: 'provider', code: 'too_long', value: 'p'.repeat(121) },
      { line: 3, field: 'certificateNumber', code: 'too_long', value: 'c'.repeat(65) },
      { line: 4, field: 'completedOn', code: 'in_future', value: '2025-03-16' },
      { line: 4, field: 'hours', code: 'out_of_range', value: '-1' },
      { line: 5, field: 'completedOn', code: 'out_of_range', value: '1949-12-31' },
      { line: 5, field: 'hours', code: 'too_precise', value: '1.005' },
    ]);
  });

  it('accepts comma decimals and today as completion date', () => {
    const result = run(`Employee ID;Course;Date;Hours\nE001;first_aid;${today};1,5\nE002;first_aid;${today};.25`);
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.hours)).toEqual([1.5, 0.25]);
  });

  it('uses physical line numbers when quoted cells span lines, and skips blank rows', () => {
    const result = run(`${HEADER}\nE001,cpr_bls,2024-01-01,,"Red\nCross",\n,,,,,\n\nE002,cpr_bls,bad,,,`);
    expect(result.rows.map((r) => r.line)).toEqual([2]);
    expect(result.rows[0]?.provider).toBe('Red\nCross');
    expect(result.errors).toEqual([{ line: 6, field: 'completedOn', code: 'invalid_date', value: 'bad' }]);
  });

  it('treats short rows as blank cells', () => {
    const result = run(`${HEADER}\nE001,cpr_bls`);
    expect(result.errors).toEqual([{ line: 2, field: 'completedOn', code: 'required', value: '' }]);
  });

  it('keeps the first of repeated (staff, course, date) rows and lists the rest as duplicates', () => {
    const result = run(
      `${HEADER}\nE001,cpr_bls,2024-01-01,4,,\nE001,CPR / BLS,01/01/2024,2,,\ne001,cpr_bls,2024-01-01,,,\nE001,cpr_bls,2024-01-02,,,\nE002,cpr_bls,2024-01-01,,,\nE001,cpr_bls,2024-01-01,99,,`,
    );
    expect(result.rows.map((r) => r.line)).toEqual([2, 5, 6]);
    expect(result.duplicates).toEqual([
      { line: 3, firstLine: 2 },
      { line: 4, firstLine: 2 },
    ]);
    // The invalid repeat is an error, not a duplicate.
    expect(result.errors).toEqual([{ line: 7, field: 'hours', code: 'out_of_range', value: '99' }]);
  });

  it('reports a course key shared by two courses as ambiguous', () => {
    const clash = new Map([
      ['Lift', 'course-a'],
      ['LIFT', 'course-b'],
      ['cpr_bls', 'course-cpr'],
    ]);
    const result = run(`${HEADER}\nE001,lift,2024-01-01,,,\nE001,cpr_bls,2024-01-01,,,`, { courseByKey: clash });
    expect(result.errors).toEqual([{ line: 2, field: 'course', code: 'ambiguous_course', value: 'lift' }]);
    expect(result.rows).toHaveLength(1);
  });

  it('reports required errors for every row when a required column is not mapped', () => {
    const t = table('Employee ID,Course\nE001,cpr_bls');
    const result = importTrainingRows({
      rows: t.rows,
      mapping: { employeeId: 0, course: 1, completedOn: undefined, hours: undefined, provider: undefined, certificateNumber: undefined },
      staffByEmployeeId,
      courseByKey,
      today,
    });
    expect(result.errors).toEqual([{ line: 2, field: 'completedOn', code: 'required', value: '' }]);
  });

  it('rejects a malformed today', () => {
    expect(() => run(`${HEADER}\n`, { today: '03/15/2025' })).toThrow(RangeError);
  });
});

describe('completion dates by the file\'s date format', () => {
  it('an ambiguous 03/04/2025 is read month-first but unconfirmed, with the other reading named', () => {
    const result = run(`${HEADER}\nE001,cpr_bls,03/04/2025,,,\nE002,cpr_bls,2024-12-31,,,`);
    expect(result.rows.map((r) => r.completedOn)).toEqual(['2025-03-04', '2024-12-31']);
    expect(result.dates).toEqual({ format: 'mdy', state: 'unconfirmed', candidates: ['mdy', 'dmy'], example: { text: '03/04/2025', readAs: '2025-03-04', otherwise: '2025-04-03' } });
  });

  it('the chosen order is used and confirmed', () => {
    const result = run(`${HEADER}\nE001,cpr_bls,03/02/2025,,,`, { dateFormat: 'dmy' });
    expect(result.rows.map((r) => r.completedOn)).toEqual(['2025-02-03']);
    expect(result.dates).toMatchObject({ format: 'dmy', state: 'chosen' });
  });

  it('one date that fits only one order decides the file', () => {
    const result = run(`${HEADER}\nE001,cpr_bls,03/02/2025,,,\nE002,cpr_bls,14/02/2025,,,`);
    expect(result.rows.map((r) => r.completedOn)).toEqual(['2025-02-03', '2025-02-14']);
    expect(result.dates).toMatchObject({ format: 'dmy', state: 'detected' });
  });

  it('a date that is not real in the chosen order is invalid_date on its line', () => {
    const result = run(`${HEADER}\nE001,cpr_bls,14/02/2025,,,`, { dateFormat: 'mdy' });
    expect(result.errors).toEqual([{ line: 2, field: 'completedOn', code: 'invalid_date', value: '14/02/2025' }]);
  });

  it('year-first dates are read alike under every choice; two-digit years and words never', () => {
    for (const dateFormat of ['ymd', 'mdy', 'dmy'] as const) {
      expect(run(`${HEADER}\nE001,cpr_bls,2024-02-29,,,`, { dateFormat }).rows[0]?.completedOn).toBe('2024-02-29');
    }
    const result = run(`${HEADER}\nE001,cpr_bls,2/3/24,,,\nE002,cpr_bls,Feb 3 2024,,,`);
    expect(result.errors.map((e) => e.code)).toEqual(['invalid_date', 'invalid_date']);
  });
});

describe('import properties', () => {
  it('every data row ends up exactly once as a candidate, an errored line, a duplicate, or a skipped blank', () => {
    const cellArb = {
      employee: fc.constantFrom('E001', 'E002', 'e001', 'X', ''),
      course: fc.constantFrom('cpr_bls', 'Dementia care', 'unknown', ''),
      date: fc.constantFrom('2024-01-01', '01/01/2024', '2024-06-30', '2099-01-01', 'x', ''),
      hours: fc.constantFrom('', '1', '2.5', '-1', '25', 'x'),
    };
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cellArb.employee, cellArb.course, cellArb.date, cellArb.hours), { maxLength: 30 }),
        (rows) => {
          const text = ['Employee ID,Course,Date,Hours', ...rows.map((r) => r.join(','))].join('\n');
          const result = run(text);
          const errorLines = new Set(result.errors.map((e) => e.line));
          const blank = rows.filter((r) => r.every((c) => c === '')).length;
          const candidateLines = result.rows.map((r) => r.line);
          const duplicateLines = result.duplicates.map((d) => d.line);
          expect(candidateLines.length + errorLines.size + duplicateLines.length + blank).toBe(rows.length);
          for (const line of [...candidateLines, ...duplicateLines]) expect(errorLines.has(line)).toBe(false);
          const keys = result.rows.map((r) => `${r.staffId}|${r.courseId}|${r.completedOn}`);
          expect(new Set(keys).size).toBe(keys.length);
          for (const d of result.duplicates) expect(candidateLines).toContain(d.firstLine);
        },
      ),
    );
  });
});

describe('import volume', () => {
  it('parses and imports 100,000 generated rows', () => {
    const employees = new Map<string, string>();
    for (let i = 0; i < 2_000; i++) employees.set(`E${i}`, `staff-${i}`);
    const lines = [HEADER];
    const courses = DEFAULT_COURSE_CATALOG.map((c) => (c.code.length % 2 === 0 ? c.code : c.name));
    for (let i = 0; i < 100_000; i++) {
      const employee = i % 1_000 === 999 ? 'NOBODY' : `E${i % 2_000}`;
      const course = courses[i % courses.length] ?? 'cpr_bls';
      // 100,000 distinct (employee, course, date) combos: the date walks with i / 2000.
      const day = Math.floor(i / 2_000);
      const date = `${2020 + Math.floor(day / 12)}-${String((day % 12) + 1).padStart(2, '0')}-15`;
      lines.push(`${employee},"${course}",${date},1.5,Provider ${i % 7},C${i}`);
    }
    lines.push(lines[1] ?? ''); // one duplicate of the first data row
    const t = table(lines.join('\r\n'));
    expect(t.rows).toHaveLength(100_001);
    const { mapping } = mapColumns(t.header, TRAINING_IMPORT_ALIASES);
    const result = importTrainingRows({ rows: t.rows, mapping, staffByEmployeeId: employees, courseByKey, today });
    expect(result.errors).toHaveLength(100);
    expect(result.errors.every((e) => e.code === 'unknown_employee')).toBe(true);
    expect(result.duplicates).toEqual([{ line: 100_002, firstLine: 2 }]);
    expect(result.rows).toHaveLength(99_900);
  });
});
