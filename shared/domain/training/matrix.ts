/**
 * Assembles the compliance matrix, the "lapses next" list and their totals from rows fetched in bulk
 * (roster, catalog, latest completion per staff × course). Every cell goes through statusOf, the one
 * status rule; this module only arranges and counts.
 */
import { addDays, daysBetween } from '../dates';
import { statusOf, type CompletionRecord, type ComplianceResult, type StatusValidity } from './status';
import { ATTENTION_STATUSES, type ComplianceStatus, type StaffRole } from './vocabulary';

export interface MatrixStaff {
  id: number;
  role: StaffRole;
  hireDate: string | null;
  unitId: number | null;
}

/**
 * A column of the matrix: a course, or a licence type (validity 'until_expiry'). Ids must be distinct
 * across the columns given together, since `latest` is keyed by them.
 */
export interface MatrixCourse {
  id: number;
  validity: StatusValidity;
  roles: readonly StaffRole[];
}

export type StatusFilter = ComplianceStatus | 'attention';

export interface StatusCounts {
  current: number;
  expiring: number;
  expired: number;
  missing: number;
}

/**
 * staffId → courseId → latest completion on or before the as-of date: its date for a course, the record
 * (issue and expiry dates) for a licence.
 */
export type LatestCompletions = ReadonlyMap<number, ReadonlyMap<number, string | CompletionRecord>>;

export function indexLatest(rows: Iterable<readonly [number, number, string]>): Map<number, Map<number, string>> {
  const out = new Map<number, Map<number, string>>();
  for (const [staffId, courseId, completedOn] of rows) {
    let byCourse = out.get(staffId);
    if (byCourse === undefined) out.set(staffId, (byCourse = new Map()));
    byCourse.set(courseId, completedOn);
  }
  return out;
}

const NONE: readonly CompletionRecord[] = [];

/** One row of cells, in course order. */
export function cellsFor(person: MatrixStaff, courses: readonly MatrixCourse[], latest: LatestCompletions, asOf: string, windowDays: number): ComplianceResult[] {
  const mine = latest.get(person.id);
  return courses.map((course) => {
    const latest = mine?.get(course.id);
    const records = latest === undefined ? NONE : [typeof latest === 'string' ? { completedOn: latest } : latest];
    return statusOf(
      { course, role: person.role, hireDate: person.hireDate, records },
      asOf,
      windowDays,
    );
  });
}

export function matchesStatus(cells: readonly ComplianceResult[], filter: StatusFilter | null): boolean {
  if (filter === null) return true;
  if (filter === 'attention') return cells.some((c) => ATTENTION_STATUSES.includes(c.status));
  return cells.some((c) => c.status === filter);
}

export const emptyCounts = (): StatusCounts => ({ current: 0, expiring: 0, expired: 0, missing: 0 });

/** Adds a cell to counts; 'not_required' cells are not counted anywhere. */
export function countCell(counts: StatusCounts, status: ComplianceStatus): void {
  if (status !== 'not_required') counts[status]++;
}

export interface LapsingCandidate {
  staffId: number;
  courseId: number;
  status: ComplianceStatus;
  completedOn: string | null;
  lapsesOn: string | null;
  daysLeft: number | null;
}

/**
 * What lapses within `withinDays` of asOf (a valid certificate reaching its expiry, or an orientation
 * deadline), optionally with what has already lapsed; by date, undated gaps first.
 */
export function lapsingFrom(
  roster: readonly MatrixStaff[],
  courses: readonly MatrixCourse[],
  latest: LatestCompletions,
  asOf: string,
  withinDays: number,
  includeLapsed: boolean,
): LapsingCandidate[] {
  const horizon = addDays(asOf, withinDays);
  const out: LapsingCandidate[] = [];
  for (const person of roster) {
    const cells = cellsFor(person, courses, latest, asOf, withinDays);
    cells.forEach((cell, i) => {
      const course = courses[i]!;
      const lapsesOn = cell.expiresOn ?? cell.dueOn ?? null;
      const upcoming = cell.status === 'expiring' && lapsesOn !== null && lapsesOn <= horizon;
      const lapsed = includeLapsed && (cell.status === 'expired' || cell.status === 'missing');
      if (!upcoming && !lapsed) return;
      out.push({
        staffId: person.id,
        courseId: course.id,
        status: cell.status,
        completedOn: cell.completedOn ?? null,
        lapsesOn,
        daysLeft: lapsesOn === null ? null : daysBetween(asOf, lapsesOn),
      });
    });
  }
  out.sort((a, b) => {
    if (a.lapsesOn !== b.lapsesOn) {
      if (a.lapsesOn === null) return -1;
      if (b.lapsesOn === null) return 1;
      return a.lapsesOn < b.lapsesOn ? -1 : 1;
    }
    return a.staffId - b.staffId || a.courseId - b.courseId;
  });
  return out;
}
