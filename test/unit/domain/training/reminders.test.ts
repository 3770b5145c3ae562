import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../shared/domain/csv/parse';
import { CREDENTIAL_VALIDITY } from '../../../../shared/domain/training/credentials';
import type { MatrixCourse, MatrixStaff } from '../../../../shared/domain/training/matrix';
import { remindersCsv, remindersFor } from '../../../../shared/domain/training/reminders';

const asOf = '2026-03-02';
const CPR = 1;
const LICENCE = 1001;
const columns: MatrixCourse[] = [
  { id: CPR, validity: { kind: 'months', months: 24 }, roles: ['rn', 'cna', 'driver'] },
  { id: LICENCE, validity: CREDENTIAL_VALIDITY, roles: ['rn'] },
];
const roster: MatrixStaff[] = [
  { id: 1, role: 'rn', hireDate: '2020-01-01', unitId: 10 }, // CPR lapses in 20 days, licence in 50
  { id: 2, role: 'cna', hireDate: '2020-01-01', unitId: 20 }, // CPR lapses in 80 days
  { id: 3, role: 'cna', hireDate: '2020-01-01', unitId: 10 }, // CPR current for a year: not listed
  { id: 4, role: 'driver', hireDate: '2020-01-01', unitId: null }, // CPR lapses in 5 days
  { id: 5, role: 'rn', hireDate: '2020-01-01', unitId: 20 }, // never done CPR, no licence: lapsed
];
const latest = new Map<number, Map<number, string | { completedOn: string; expiresOn: string }>>([
  [1, new Map<number, string | { completedOn: string; expiresOn: string }>([[CPR, '2024-03-22'], [LICENCE, { completedOn: '2024-04-21', expiresOn: '2026-04-21' }]])],
  [2, new Map([[CPR, '2024-05-21']])],
  [3, new Map([[CPR, '2025-03-01']])],
  [4, new Map([[CPR, '2024-03-07']])],
]);

describe('reminders per manager', () => {
  it('per unit: who lapses in the next 30 days, each person once with their items, no-unit staff last', () => {
    const groups = remindersFor({ roster, columns, latest, asOf, withinDays: 30, by: 'unit', unitOrder: [20, 10] });
    expect(groups).toEqual([
      { by: 'unit', unitId: 10, people: [{ staffId: 1, firstLapse: '2026-03-22', items: [expect.objectContaining({ courseId: CPR, status: 'expiring', daysLeft: 20 })] }] },
      { by: 'unit', unitId: null, people: [{ staffId: 4, firstLapse: '2026-03-07', items: [expect.objectContaining({ courseId: CPR, daysLeft: 5 })] }] },
    ]);
  });

  it('90 days takes in the licence and the later CPR; units in the facility order', () => {
    const groups = remindersFor({ roster, columns, latest, asOf, withinDays: 90, by: 'unit', unitOrder: [20, 10] });
    expect(groups.map((g) => (g.by === 'unit' ? g.unitId : g.role))).toEqual([20, 10, null]);
    const unit10 = groups.find((g) => g.by === 'unit' && g.unitId === 10)!;
    expect(unit10.people[0]!.items.map((i) => [i.courseId, i.lapsesOn])).toEqual([
      [CPR, '2026-03-22'],
      [LICENCE, '2026-04-21'],
    ]);
  });

  it('per role, one manager only, with what has already lapsed first', () => {
    const rns = remindersFor({ roster, columns, latest, asOf, withinDays: 60, by: 'role', manager: { by: 'role', role: 'rn' }, includeLapsed: true });
    expect(rns).toHaveLength(1);
    expect(rns[0]).toMatchObject({ by: 'role', role: 'rn' });
    expect(rns[0]!.people.map((p) => [p.staffId, p.firstLapse, p.items.map((i) => i.status)])).toEqual([
      [5, null, ['missing', 'missing']],
      [1, '2026-03-22', ['expiring', 'expiring']],
    ]);
    expect(() => remindersFor({ roster, columns, latest, asOf, withinDays: 30, by: 'unit', manager: { by: 'role', role: 'rn' } })).toThrow(RangeError);
  });

  it('as a spreadsheet: one line per item under its manager', () => {
    const groups = remindersFor({ roster, columns, latest, asOf, withinDays: 60, by: 'unit' });
    const csv = remindersCsv(
      groups,
      {
        unit: (id) => (id === null ? 'No unit' : `Unit ${id}`),
        staff: (id) => ({ name: `Person ${id}`, employeeId: `E${id}` }),
        column: (id) => (id === CPR ? 'CPR / BLS' : 'RN licence'),
      },
      'en',
    );
    const parsed = parseCsv(csv);
    if (!parsed.ok) throw new Error('unparseable');
    expect(parsed.header).toEqual(['Manager', 'Staff member', 'Employee ID', 'Course or licence', 'Status', 'Lapses on', 'Days left']);
    expect(parsed.rows.map((r) => r.cells)).toEqual([
      ['Unit 10', 'Person 1', 'E1', 'CPR / BLS', 'Expiring', '2026-03-22', '20'],
      ['Unit 10', 'Person 1', 'E1', 'RN licence', 'Expiring', '2026-04-21', '50'],
      ['No unit', 'Person 4', 'E4', 'CPR / BLS', 'Expiring', '2026-03-07', '5'],
    ]);
  });
});
