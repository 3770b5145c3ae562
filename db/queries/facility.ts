import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../open';
import { facility, settings, shifts, units } from '../schema';

export interface FacilityRow {
  name: string;
  timeZone: string;
  paperSize: 'letter' | 'a4';
  defaultLanguage: 'en' | 'es';
  idleLockMinutes: number;
}

export function facilityQueries(db: Db) {
  // Prepared once: building a drizzle query costs ~50 µs, and "today" needs the facility's zone on most calls.
  const getFacility = db
    .select({
      name: facility.name,
      timeZone: facility.timeZone,
      paperSize: facility.paperSize,
      defaultLanguage: facility.defaultLanguage,
      idleLockMinutes: facility.idleLockMinutes,
    })
    .from(facility)
    .where(eq(facility.id, 1))
    .prepare();
  return {
    get(): FacilityRow | undefined {
      return getFacility.get();
    },
    insert(f: FacilityRow, at: string): void {
      db.insert(facility).values({ id: 1, ...f, createdAt: at }).run();
    },
    update(f: FacilityRow): void {
      db.update(facility).set(f).where(eq(facility.id, 1)).run();
    },
    units() {
      return db
        .select({ id: units.id, name: units.name, active: units.active, sortOrder: units.sortOrder })
        .from(units)
        .orderBy(asc(units.sortOrder), asc(units.id))
        .all();
    },
    insertUnit(name: string, sortOrder: number): number {
      return db.insert(units).values({ name, sortOrder }).returning({ id: units.id }).get().id;
    },
    unitNameTaken(name: string): boolean {
      return db.select({ id: units.id }).from(units).where(sql`${units.name} = ${name} COLLATE NOCASE`).get() !== undefined;
    },
    shifts() {
      return db
        .select({ id: shifts.id, name: shifts.name, start: shifts.startTime, end: shifts.endTime, sortOrder: shifts.sortOrder })
        .from(shifts)
        .orderBy(asc(shifts.sortOrder), asc(shifts.id))
        .all();
    },
    insertShift(s: { name: string; start: string; end: string; sortOrder: number }): number {
      return db
        .insert(shifts)
        .values({ name: s.name, startTime: s.start, endTime: s.end, sortOrder: s.sortOrder })
        .returning({ id: shifts.id })
        .get().id;
    },
  };
}

export function settingsQueries(db: Db) {
  return {
    get(scope: string, key: string): unknown {
      const row = db
        .select({ v: settings.valueJson })
        .from(settings)
        .where(sql`${settings.scope} = ${scope} AND ${settings.key} = ${key}`)
        .get();
      return row ? JSON.parse(row.v) : undefined;
    },
    set(scope: string, key: string, value: unknown): void {
      const valueJson = JSON.stringify(value);
      db.insert(settings)
        .values({ scope, key, valueJson })
        .onConflictDoUpdate({ target: [settings.scope, settings.key], set: { valueJson } })
        .run();
    },
  };
}
