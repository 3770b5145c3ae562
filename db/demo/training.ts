/**
 * Synthetic training history: staff (some linked to the demo user accounts), the default catalog plus
 * optional synthetic courses, years of completions with realistic gaps (late renewals, a course never
 * done, lapses still open), and a fortnight of shift schedules for the CPR coverage rule.
 * Deterministic from the facility's seeded random; records go in batches so the 500-staff, ten-year
 * benchmark facility seeds in seconds on either engine.
 */
import { addDays, addMonths } from '../../shared/domain/dates';
import { STAFF_ROLES, type StaffRole } from '../../shared/domain/training/vocabulary';
import type { Queries } from '../queries';
import type { RecordWrite } from '../queries/training';
import { familyNames, givenNames } from './names';
import type { Random } from './random';

export interface TrainingDemoOptions {
  random: Random;
  now: Date;
  unitIds: readonly number[];
  /** Demo accounts by username; several get a linked staff record. */
  userIds: Readonly<Record<string, number>>;
  staff: number;
  /** Synthetic courses on top of the default catalog (benchmarks ask for 25 courses in all). */
  extraCourses?: number;
  /** How far back completions go. */
  years?: number;
}

export interface TrainingDemo {
  staffIds: number[];
  courseIds: number[];
  records: number;
}

const PROVIDERS = ['American Red Cross', 'American Heart Association', 'In-house educator', 'Relias', 'County EMS', 'State fire marshal'];

/** Role mix of a typical facility: aides are the majority. */
const ROLE_WEIGHTS: [StaffRole, number][] = [
  ['cna', 45],
  ['rn', 10],
  ['lpn', 12],
  ['med_tech', 10],
  ['activities', 6],
  ['driver', 4],
  ['coordinator', 7],
  ['administrator', 6],
];

const LINKED: [string, StaffRole][] = [
  ['admin', 'administrator'],
  ['don', 'rn'],
  ['charge', 'rn'],
  ['nurse', 'lpn'],
  ['coordinator', 'coordinator'],
  ['aide', 'cna'],
  ['driver', 'driver'],
];

function pickRole(r: Random): StaffRole {
  let n = r.int(1, ROLE_WEIGHTS.reduce((a, [, w]) => a + w, 0));
  for (const [role, w] of ROLE_WEIGHTS) {
    n -= w;
    if (n <= 0) return role;
  }
  return 'cna';
}

export async function seedTraining(q: Queries, o: TrainingDemoOptions): Promise<TrainingDemo> {
  const r = o.random;
  const at = o.now.toISOString();
  const today = at.slice(0, 10);
  const years = o.years ?? 6;
  const earliest = addMonths(today, -12 * years);
  await q.training.ensureDefaultCatalog(at);

  for (let i = 1; i <= (o.extraCourses ?? 0); i++) {
    const roles = STAFF_ROLES.filter(() => r.chance(0.6));
    await q.training.insertCourse(
      {
        code: `synthetic_${String(i).padStart(2, '0')}`,
        name: `Competency module ${i}`,
        validity: { kind: 'months', months: r.pick([12, 12, 24, 36]) },
        roles: roles.length > 0 ? roles : ['cna'],
        countsAsInService: r.chance(0.5),
        active: true,
      },
      at,
    );
  }
  const courses = await q.training.listCourses(false);
  const records: RecordWrite[] = [];
  const verifier = o.userIds.don ?? o.userIds.admin ?? null;
  const out: TrainingDemo = { staffIds: [], courseIds: courses.map((c) => c.id), records: 0 };

  for (let i = 0; i < o.staff; i++) {
    const linked = LINKED[i];
    const userId = linked ? (o.userIds[linked[0]] ?? null) : null;
    const role = linked ? linked[1] : pickRole(r);
    const name = `${r.pick(givenNames)} ${r.pick(familyNames)}`;
    // A few new hires inside the orientation grace period, most hired over the years.
    const hireDate = r.chance(0.05) ? addDays(today, -r.int(1, 25)) : addDays(today, -r.int(60, 365 * (years + 4)));
    const active = r.chance(0.95);
    const unitId = o.unitIds.length > 0 && r.chance(0.9) ? r.pick(o.unitIds) : null;
    const id = await q.training.insertStaff({ name, role, employeeId: `E${String(1000 + i).padStart(5, '0')}`, hireDate, unitId, userId }, at);
    if (!active) await q.training.setStaffActive(id, false, at);
    out.staffIds.push(id);

    for (const course of courses) {
      if (!course.roles.includes(role)) continue;
      if (r.chance(0.04)) continue; // never done: 'missing'
      const hours = () => (course.countsAsInService ? r.int(2, 8) / 2 : course.code === 'cpr_bls' ? 4 : r.chance(0.5) ? r.int(1, 4) : null);
      const add = (date: string) => {
        const certificate = course.code === 'cpr_bls' || course.code === 'first_aid' ? `C-${r.int(100000, 999999)}` : null;
        records.push({ staffId: id, courseId: course.id, completedOn: date, hours: hours(), provider: r.pick(PROVIDERS), certificateNumber: certificate });
        out.records++;
      };
      if (course.validity.kind === 'once_within_days_of_hire') {
        const done = addDays(hireDate, r.int(0, course.validity.days + 10));
        if (done <= today && r.chance(0.92)) add(done);
        continue;
      }
      const months = course.validity.months;
      let date = addDays(hireDate > earliest ? hireDate : earliest, r.int(0, 60));
      while (date <= today) {
        add(date);
        const expires = addMonths(date, months);
        // Usually renewed a little before expiry; sometimes late, leaving a lapse in the history.
        date = r.chance(0.85) ? addDays(expires, -r.int(1, 50)) : addDays(expires, r.int(1, 120));
        if (date > today) break;
        // Some current lapses stay open (expired now).
        if (addMonths(date, months) > today && r.chance(0.12)) break;
      }
    }
  }

  await q.training.insertRecords(records, verifier, 'entry', at);

  // Schedules for the past and next week; the day after tomorrow left blank ("unknown").
  const shifts = await q.facility.shifts();
  const onFloor = out.staffIds.filter((_, i) => i % 7 !== 3);
  for (let d = -7; d <= 7; d++) {
    if (d === 2) continue;
    const date = addDays(today, d);
    for (const shift of shifts) {
      const team = new Set<number>();
      const size = r.int(1, 5);
      while (team.size < Math.min(size, onFloor.length)) team.add(r.pick(onFloor));
      await q.training.setSchedule(shift.id, date, [...team], verifier, at);
    }
  }
  return out;
}
