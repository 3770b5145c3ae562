import type { Role } from '../../shared/domain/roles';
import type { Engine } from '../engine';
import { seededRandom, type Random } from './random';
import { seedTraining } from './training';
import { seedDemoResidents } from './residents';

/** Every demo account uses this passphrase; the README lists the usernames. */
export const DEMO_PASSWORD = 'sunrise harbor window';

export const demoUsers: { username: string; displayName: string; role: Role }[] = [
  { username: 'admin', displayName: 'Alex Administrator', role: 'administrator' },
  { username: 'don', displayName: 'Dolores Núñez, RN', role: 'director_of_nursing' },
  { username: 'charge', displayName: "Sean O'Brien, RN", role: 'charge_nurse' },
  { username: 'nurse', displayName: 'Nguyễn Thị Lan, LPN', role: 'nurse' },
  { username: 'coordinator', displayName: 'Zoë Fitzgerald', role: 'care_coordinator' },
  { username: 'aide', displayName: '김민준, CNA', role: 'care_aide' },
  { username: 'driver', displayName: 'Héctor López', role: 'driver' },
];

export const demoUnits = ['Memory Care', 'Skilled 1', 'Skilled 2', 'Assisted Living'];

export interface DemoOptions {
  seed: number;
  now: Date;
  /** Injected so db/ need not import the core's crypto; the core passes its scrypt hasher. */
  hashPassword: (password: string) => string;
  /** Rooms per unit; each room has one or two beds. Sized up for benchmarks. */
  roomsPerUnit?: number;
  /** Training: staff members (default 60), synthetic courses beyond the default catalog, years of records. */
  staff?: number;
  extraCourses?: number;
  trainingYears?: number;
  /** Residents on the census (capped at the number of beds); a tenth as many past residents are added. */
  residents?: number;
}

export interface DemoFacility {
  unitIds: number[];
  bedIds: number[];
  userIds: Record<string, number>;
  random: Random;
}

/**
 * Writes a realistic synthetic facility into an empty database, deterministically from `seed`,
 * on either engine. The query modules in one transaction: fast enough for the 5,000-resident
 * benchmark facility.
 */
export async function seedDemoFacility(engine: Engine, o: DemoOptions): Promise<DemoFacility> {
  const q = engine.q;
  const r = seededRandom(o.seed);
  const at = o.now.toISOString();
  // Enough rooms (1.6 beds each on average, four units) for the census with a quarter to spare.
  const roomsPerUnit = o.roomsPerUnit ?? Math.max(12, Math.ceil(((o.residents ?? 120) * 1.25) / 4 / 1.6));
  const out: DemoFacility = { unitIds: [], bedIds: [], userIds: {}, random: r };
  await engine.write(async () => {
    if (await q.facility.get()) throw new Error('seedDemoFacility needs an empty database');
    await q.facility.insert({ name: 'Maple Grove Care Center', timeZone: 'America/Chicago', paperSize: 'letter', defaultLanguage: 'en', idleLockMinutes: 15 }, at);
    for (const [i, s] of [
      { name: 'Day', start: '07:00', end: '15:00' },
      { name: 'Evening', start: '15:00', end: '23:00' },
      { name: 'Night', start: '23:00', end: '07:00' },
    ].entries()) await q.facility.insertShift({ ...s, sortOrder: i });
    for (const [u, name] of demoUnits.entries()) {
      const unitId = await q.facility.insertUnit(name, u);
      out.unitIds.push(unitId);
      for (let n = 1; n <= roomsPerUnit; n++) {
        const label = `${u + 1}${String(n).padStart(2, '0')}`;
        const bedLabels = r.chance(0.6) ? ['A', 'B'] : ['A'];
        out.bedIds.push(...(await q.residents.createRoom(unitId, label, bedLabels)).bedIds);
      }
    }
    const hash = o.hashPassword(DEMO_PASSWORD);
    for (const u of demoUsers) {
      out.userIds[u.username] = await q.users.insert({ ...u, passwordHash: hash, mustChangePassword: false, at });
    }
    await seedTraining(q, {
      random: r,
      now: o.now,
      unitIds: out.unitIds,
      userIds: out.userIds,
      userNames: Object.fromEntries(demoUsers.map((u) => [u.username, u.displayName])),
      staff: o.staff ?? 60,
      extraCourses: o.extraCourses ?? 0,
      years: o.trainingYears ?? 6,
    });
    await seedDemoResidents(q, r, { count: o.residents ?? 120, now: o.now, timeZone: 'America/Chicago', bedIds: out.bedIds, userId: out.userIds['coordinator'] ?? null });
    await q.audit.insert({ at, userId: null, method: 'demo.seed', entity: 'facility', entityId: '1', before: null, after: { seed: o.seed } });
  });
  return out;
}
