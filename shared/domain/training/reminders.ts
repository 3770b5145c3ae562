/**
 * The reminders list: for each manager — a unit's manager or the lead of a role — who on their team lapses
 * in the next 30, 60 or 90 days, and on what. It is the lapsing list (matrix.ts: lapsingFrom, so the one
 * status rule, courses and licences alike) regrouped by person under their manager, so a unit manager gets
 * one page of names to chase rather than a facility-wide list of courses.
 *
 * Decisions: a person is listed once per group with every item that lapses, earliest first, and people
 * are ordered by their first lapse; with `includeLapsed`, what has already lapsed comes first (undated
 * gaps, then oldest). Groups with nobody in them are left out. Staff without a unit form their own group,
 * last, so nobody falls off the list for want of a unit.
 */
import { toCsv } from '../csv/write';
import { trainingCatalogs, type TrainingLanguage } from '../../i18n/training';
import { lapsingFrom, type LapsingCandidate, type LatestCompletions, type MatrixCourse, type MatrixStaff } from './matrix';
import { STAFF_ROLES, type ExpiringWindowDays, type StaffRole } from './vocabulary';

export type ReminderGrouping = 'unit' | 'role';

/** One manager's list; `unitId` null is "no unit". */
export type ReminderManager = { by: 'unit'; unitId: number | null } | { by: 'role'; role: StaffRole };

export interface ReminderPerson {
  staffId: number;
  /** The earliest lapse among the items; null when an undated gap (never done) comes first. */
  firstLapse: string | null;
  items: LapsingCandidate[];
}

export type ReminderGroup = ReminderManager & { people: ReminderPerson[] };

export interface RemindersInput {
  roster: readonly MatrixStaff[];
  /** Courses and licence types together (distinct ids). */
  columns: readonly MatrixCourse[];
  latest: LatestCompletions;
  asOf: string;
  withinDays: ExpiringWindowDays;
  by: ReminderGrouping;
  /** Only this manager's group; every group when absent. */
  manager?: ReminderManager;
  includeLapsed?: boolean;
  /** Unit ids in the facility's order; units not in it follow by id. */
  unitOrder?: readonly number[];
}

function sameManager(a: ReminderManager, b: ReminderManager): boolean {
  return a.by === 'unit' ? b.by === 'unit' && a.unitId === b.unitId : b.by === 'role' && a.role === b.role;
}

export function remindersFor(input: RemindersInput): ReminderGroup[] {
  const { by, manager } = input;
  if (manager !== undefined && manager.by !== by) throw new RangeError(`manager grouped by ${manager.by}, list grouped by ${by}`);
  const roster = manager === undefined ? input.roster : input.roster.filter((s) => sameManager(managerOf(s, by), manager));
  const items = lapsingFrom(roster, input.columns, input.latest, input.asOf, input.withinDays, input.includeLapsed ?? false);

  const people = new Map<number, ReminderPerson>();
  // lapsingFrom is sorted by date (undated first), so each person's first item is their first lapse
  // and people enter the map in the order their first lapse comes.
  for (const item of items) {
    const person = people.get(item.staffId);
    if (person === undefined) people.set(item.staffId, { staffId: item.staffId, firstLapse: item.lapsesOn, items: [item] });
    else person.items.push(item);
  }

  const staff = new Map(roster.map((s) => [s.id, s]));
  const groups = new Map<string, ReminderGroup>();
  for (const person of people.values()) {
    const m = managerOf(staff.get(person.staffId)!, by);
    const key = m.by === 'unit' ? `u${m.unitId ?? ''}` : `r${m.role}`;
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { ...m, people: [] }));
    group.people.push(person);
  }
  return [...groups.values()].sort(groupOrder(input.unitOrder ?? []));
}

function managerOf(s: MatrixStaff, by: ReminderGrouping): ReminderManager {
  return by === 'unit' ? { by: 'unit', unitId: s.unitId } : { by: 'role', role: s.role };
}

function groupOrder(unitOrder: readonly number[]) {
  const rank = (g: ReminderGroup): number => {
    if (g.by === 'role') return STAFF_ROLES.indexOf(g.role);
    if (g.unitId === null) return Number.MAX_SAFE_INTEGER;
    const i = unitOrder.indexOf(g.unitId);
    return i >= 0 ? i : unitOrder.length + g.unitId;
  };
  return (a: ReminderGroup, b: ReminderGroup) => rank(a) - rank(b);
}

/** Names the CSV needs; the caller has them from the same reads as the list. */
export interface ReminderNames {
  unit(unitId: number | null): string;
  staff(staffId: number): { name: string; employeeId: string };
  column(columnId: number): string;
}

/** The reminders as a spreadsheet: one line per item, the manager's group first (csv/write quoting). */
export function remindersCsv(groups: readonly ReminderGroup[], names: ReminderNames, language: TrainingLanguage): string {
  const m = trainingCatalogs[language];
  const rows: string[][] = [[m.reminders.manager, m.matrix.staff, m.matrix.employeeId, m.reminders.item, m.filters.status, m.lapsing.lapsesOn, m.lapsing.daysLeft]];
  for (const g of groups) {
    const manager = g.by === 'unit' ? names.unit(g.unitId) : m.roles[g.role];
    for (const p of g.people) {
      const who = names.staff(p.staffId);
      for (const i of p.items) {
        rows.push([manager, who.name, who.employeeId, names.column(i.courseId), m.status[i.status], i.lapsesOn ?? '', i.daysLeft === null ? '' : String(i.daysLeft)]);
      }
    }
  }
  return toCsv(rows);
}
