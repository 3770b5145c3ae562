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
import type { CredentialWrite } from '../queries/training-credentials';
import { familyNames, givenNames } from './names';
import { seededRandom, type Random } from './random';

export interface TrainingDemoOptions {
  random: Random;
  now: Date;
  unitIds: readonly number[];
  /** Demo accounts by username; several get a linked staff record. */
  userIds: Readonly<Record<string, number>>;
  /** Their display names: a linked staff record is the same person ("Dolores Núñez, RN" → Dolores Núñez). */
  userNames?: Readonly<Record<string, string>>;
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
  credentials: number;
  sessions: number;
}

/**
 * Who gives each course, as a facility's files would show it: CPR from the heart association or the Red
 * Cross, fire safety from the fire marshal or the local fire department, privacy and care topics from the
 * facility's own educator or an online provider — never HIPAA from a fire marshal (issue 8, item 13).
 */
export const COURSE_PROVIDERS: Readonly<Record<string, readonly string[]>> = {
  cpr_bls: ['American Heart Association', 'American Red Cross'],
  first_aid: ['American Red Cross', 'National Safety Council'],
  infection_control: ['In-house educator', 'Relias'],
  fire_safety: ['State fire marshal', 'Maple Grove Fire Department', 'In-house educator'],
  abuse_neglect_prevention: ['In-house educator', 'Relias'],
  hipaa_privacy: ['In-house compliance officer', 'Relias'],
  dementia_care: ["Alzheimer's Association", 'In-house educator', 'Relias'],
  mechanical_lift: ['In-house educator'],
  driver_safety: ['National Safety Council', 'In-house educator'],
  new_hire_orientation: ['In-house educator'],
};
/** Synthetic benchmark courses are competency modules run in house or online. */
const OTHER_PROVIDERS = ['In-house educator', 'Relias'];
export const providersOf = (code: string): readonly string[] => COURSE_PROVIDERS[code] ?? OTHER_PROVIDERS;

/**
 * How the demo's licences look in Illinois (the demo facility is near Chicago): who issues them, how long
 * they run and what their numbers look like. RN licences end on May 31 of even years, LPN licences on
 * January 31 of odd years; the registry, medication aide and food handler cards run a fixed time from issue;
 * a driver's licence four years.
 */
const CREDENTIALS: Readonly<Record<string, { state: string | null; body: string; years: number; endsOn?: string; number(r: Random): string }>> = {
  rn_licence: { state: 'IL', body: 'Illinois Department of Financial and Professional Regulation', years: 2, endsOn: '05-31', number: (r) => `041.${r.int(100000, 999999)}` },
  lpn_licence: { state: 'IL', body: 'Illinois Department of Financial and Professional Regulation', years: 2, endsOn: '01-31', number: (r) => `043.${r.int(100000, 999999)}` },
  nurse_aide_registry: { state: 'IL', body: 'Illinois Department of Public Health', years: 2, number: (r) => `HCWR-${r.int(1000000, 9999999)}` },
  medication_aide: { state: 'IL', body: 'Illinois Department of Public Health', years: 2, number: (r) => `MA-${r.int(10000, 99999)}` },
  drivers_licence: { state: 'IL', body: 'Illinois Secretary of State', years: 4, number: (r) => `${r.pick(['L', 'M', 'N', 'O', 'R', 'S'])}${r.int(100, 999)}-${r.int(1000, 9999)}-${r.int(1000, 9999)}` },
  food_handler: { state: null, body: 'ServSafe', years: 3, number: (r) => `SS-${r.int(10000000, 99999999)}` },
};

/** The facility's staff educator, who runs the in-service classes. */
const INSTRUCTORS = ['Grace Whitfield, RN (staff educator)', 'Marcus Bell (Relias trainer)'];

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
  const out: TrainingDemo = { staffIds: [], courseIds: courses.map((c) => c.id), records: 0, credentials: 0, sessions: 0 };
  const people: { id: number; role: StaffRole; hireDate: string; active: boolean; linked: boolean }[] = [];

  for (let i = 0; i < o.staff; i++) {
    const linked = LINKED[i];
    const userId = linked ? (o.userIds[linked[0]] ?? null) : null;
    const role = linked ? linked[1] : pickRole(r);
    // Picked for everyone so the seeded sequence (and the residents generated after) stays as it was.
    const picked = `${r.pick(givenNames)} ${r.pick(familyNames)}`;
    // A linked record is the account holder's own: their name, without the credential suffix.
    const accountName = linked ? o.userNames?.[linked[0]]?.replace(/,\s*[A-Z]{2,4}$/, '') : undefined;
    const name = accountName ?? picked;
    // A few new hires inside the orientation grace period, most hired over the years.
    const hireDate = r.chance(0.05) ? addDays(today, -r.int(1, 25)) : addDays(today, -r.int(60, 365 * (years + 4)));
    // The people behind the demo accounts still work here.
    const active = r.chance(0.95) || linked !== undefined;
    const unitId = o.unitIds.length > 0 && r.chance(0.9) ? r.pick(o.unitIds) : null;
    const id = await q.training.insertStaff({ name, role, employeeId: `E${String(1000 + i).padStart(5, '0')}`, hireDate, unitId, userId }, at);
    if (!active) await q.training.setStaffActive(id, false, at);
    out.staffIds.push(id);
    people.push({ id, role, hireDate, active, linked: linked !== undefined });

    for (const course of courses) {
      if (!course.roles.includes(role)) continue;
      if (r.chance(0.04)) continue; // never done: 'missing'
      const hours = () => (course.countsAsInService ? r.int(2, 8) / 2 : course.code === 'cpr_bls' ? 4 : r.chance(0.5) ? r.int(1, 4) : null);
      const add = (date: string) => {
        const certificate = course.code === 'cpr_bls' || course.code === 'first_aid' ? `C-${r.int(100000, 999999)}` : null;
        records.push({ staffId: id, courseId: course.id, completedOn: date, hours: hours(), provider: r.pick(providersOf(course.code)), certificateNumber: certificate });
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

  // Licences and in-service classes draw from a random of their own, so adding them left the sequence
  // above — and the residents generated after it — exactly as it was.
  const extra = seededRandom(o.staff * 7919 + Number(today.replaceAll('-', '')));
  const topUp = currentForAccounts(extra, people, courses, records, today);
  await q.training.insertRecords(topUp, verifier, 'entry', at);
  out.records += topUp.length;
  records.push(...topUp);
  out.credentials = await seedCredentials(q, extra, people, today, verifier, at);
  out.sessions = await seedSessions(q, extra, people, courses, records, today, verifier, at);
  return out;
}

/**
 * The people behind the demo accounts are current on everything their role needs (renewed a few weeks
 * ago where the history above left a gap): the driver who signs in can drive today.
 */
function currentForAccounts(
  r: Random,
  people: readonly { id: number; role: StaffRole; hireDate: string; linked: boolean }[],
  courses: readonly { id: number; code: string; roles: readonly StaffRole[]; validity: { kind: 'months'; months: number } | { kind: 'once_within_days_of_hire'; days: number } }[],
  records: readonly RecordWrite[],
  today: string,
): RecordWrite[] {
  const latest = new Map<string, string>();
  for (const x of records) {
    const key = `${x.staffId}|${x.courseId}`;
    if ((latest.get(key) ?? '') < x.completedOn) latest.set(key, x.completedOn);
  }
  const out: RecordWrite[] = [];
  for (const person of people.filter((p) => p.linked)) {
    for (const course of courses) {
      if (!course.roles.includes(person.role)) continue;
      const last = latest.get(`${person.id}|${course.id}`);
      if (course.validity.kind === 'once_within_days_of_hire') {
        const done = addDays(person.hireDate, r.int(1, Math.max(1, course.validity.days - 5)));
        if (last === undefined && done <= today) out.push({ staffId: person.id, courseId: course.id, completedOn: done, hours: null, provider: r.pick(providersOf(course.code)), certificateNumber: null });
        continue;
      }
      if (last !== undefined && addMonths(last, course.validity.months) > addDays(today, 90)) continue;
      const done = addDays(today, -r.int(7, 40));
      if (done === last || done < person.hireDate) continue;
      out.push({ staffId: person.id, courseId: course.id, completedOn: done, hours: course.code === 'cpr_bls' ? 4 : 1, provider: r.pick(providersOf(course.code)), certificateNumber: null });
    }
  }
  return out;
}

/** The next date after `from` that is MM-DD `endsOn` in a year of the cycle's parity (RN: even years). */
function nextCycleEnd(from: string, endsOn: string, years: number, even: boolean): string {
  let year = Number(from.slice(0, 4));
  for (;;) {
    const candidate = `${year}-${endsOn}`;
    if (candidate > from && (years !== 2 || (year % 2 === 0) === even)) return candidate;
    year++;
  }
}

/**
 * Every licence the roles require: mostly current (renewed shortly before the last one ran out, the
 * previous one kept as history), some lapsing soon, a few lapsed or never recorded. The account holders
 * are current: they are the people the demo is shown as.
 */
async function seedCredentials(q: Queries, r: Random, people: readonly { id: number; role: StaffRole; linked: boolean }[], today: string, verifier: number | null, at: string): Promise<number> {
  await q.training.ensureDefaultCredentialTypes(at);
  const types = await q.training.listCredentialTypes(false);
  const rows: CredentialWrite[] = [];
  for (const person of people) {
    for (const type of types) {
      const spec = CREDENTIALS[type.code];
      if (!spec || !type.roles.includes(person.role)) continue;
      if (!person.linked && r.chance(0.04)) continue; // never recorded: 'missing'
      const number = spec.number(r);
      const base = { staffId: person.id, typeId: type.id, number, issuingState: spec.state, issuingBody: spec.body };
      let expiresOn: string;
      if (spec.endsOn !== undefined) {
        // Licences run to a fixed date of the cycle; one in twelve was not renewed and has lapsed.
        const next = nextCycleEnd(today, spec.endsOn, spec.years, type.code === 'rn_licence');
        expiresOn = !person.linked && r.chance(1 / 12) ? addMonths(next, -12 * spec.years) : next;
      } else {
        expiresOn = addDays(today, person.linked ? r.int(120, 365 * spec.years) : r.int(-60, 365 * spec.years));
      }
      const previousEnd = addMonths(expiresOn, -12 * spec.years);
      const issuedOn = addDays(previousEnd, -r.int(1, 45));
      rows.push({ ...base, issuedOn, expiresOn });
      // The card it replaced, kept as history; never one that would predate the floor of 1950.
      if (r.chance(0.5)) rows.push({ ...base, issuedOn: addMonths(issuedOn, -12 * spec.years), expiresOn: previousEnd });
    }
  }
  await q.training.insertCredentials(rows, verifier, 'entry', at);
  return rows.length;
}

/**
 * A monthly in-service class for the past five months (infection control, dementia care, abuse and neglect
 * prevention, fire safety in turn), each with a dozen attendees: records with source 'session'.
 */
async function seedSessions(
  q: Queries,
  r: Random,
  people: readonly { id: number; role: StaffRole; hireDate: string; active: boolean }[],
  courses: readonly { id: number; code: string; roles: readonly StaffRole[] }[],
  records: readonly RecordWrite[],
  today: string,
  verifier: number | null,
  at: string,
): Promise<number> {
  const taken = new Set(records.map((x) => `${x.staffId}|${x.courseId}|${x.completedOn}`));
  const topics = ['infection_control', 'dementia_care', 'abuse_neglect_prevention', 'fire_safety'].map((code) => courses.find((c) => c.code === code)).filter((c) => c !== undefined);
  let sessions = 0;
  for (let month = 5; month >= 1 && topics.length > 0; month--) {
    const course = topics[month % topics.length]!;
    const heldOn = `${addMonths(today, -month).slice(0, 8)}${String(r.int(10, 20))}`;
    const eligible = people.filter((p) => p.active && p.hireDate <= heldOn && course.roles.includes(p.role) && !taken.has(`${p.id}|${course.id}|${heldOn}`));
    const attendees = new Set<number>();
    const size = Math.min(eligible.length, r.int(8, 14));
    while (attendees.size < size) attendees.add(r.pick(eligible).id);
    if (attendees.size === 0) continue;
    const hours = r.pick([1, 1, 1.5]);
    const instructor = course.code === 'fire_safety' ? 'Lt. Dana Ruiz (Maple Grove Fire Department)' : r.pick(INSTRUCTORS);
    const sessionId = await q.training.insertSession({ courseId: course.id, heldOn, hours, instructor, location: r.pick(['Dining room', 'Conference room', 'Memory Care lounge']) }, verifier, at);
    await q.training.insertRecords(
      [...attendees].map((staffId) => ({ staffId, courseId: course.id, completedOn: heldOn, hours, provider: instructor, certificateNumber: null })),
      verifier,
      'session',
      at,
      sessionId,
    );
    sessions++;
  }
  return sessions;
}
