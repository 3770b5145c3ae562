import { asc, eq, sql } from 'drizzle-orm';
import type { QueryEnv } from '../engine/types';
import { first } from './util';

export interface FacilityRow {
  name: string;
  timeZone: string;
  paperSize: 'letter' | 'a4';
  defaultLanguage: 'en' | 'es';
  idleLockMinutes: number;
}

export function facilityQueries(env: QueryEnv) {
  const { facility, units, shifts } = env.t;
  // Read on most public calls ("today" needs the zone): prepared once rather than built each time.
  const getStatement = env.statement('SELECT name, time_zone, paper_size, default_language, idle_lock_minutes FROM facility WHERE id = 1');
  return {
    async get(): Promise<FacilityRow | undefined> {
      const r = (await getStatement.rows())[0] as [string, string, FacilityRow['paperSize'], FacilityRow['defaultLanguage'], number] | undefined;
      return r && { name: r[0], timeZone: r[1], paperSize: r[2], defaultLanguage: r[3], idleLockMinutes: r[4] };
    },
    async insert(f: FacilityRow, at: string): Promise<void> {
      await env.db().insert(facility).values({ id: 1, ...f, createdAt: at });
    },
    async update(f: FacilityRow): Promise<void> {
      await env.db().update(facility).set(f).where(eq(facility.id, 1));
    },
    async units() {
      return await env.db().select({ id: units.id, name: units.name, active: units.active, sortOrder: units.sortOrder }).from(units).orderBy(asc(units.sortOrder), asc(units.id));
    },
    async insertUnit(name: string, sortOrder: number): Promise<number> {
      return (await env.db().insert(units).values({ name, sortOrder }).returning({ id: units.id }))[0]!.id;
    },
    async unitNameTaken(name: string): Promise<boolean> {
      return (await first(env.db().select({ id: units.id }).from(units).where(env.d.ciEquals(units.name, name)))) !== undefined;
    },
    async shifts() {
      return await env
        .db()
        .select({ id: shifts.id, name: shifts.name, start: shifts.startTime, end: shifts.endTime, sortOrder: shifts.sortOrder })
        .from(shifts)
        .orderBy(asc(shifts.sortOrder), asc(shifts.id));
    },
    async insertShift(s: { name: string; start: string; end: string; sortOrder: number }): Promise<number> {
      return (await env.db().insert(shifts).values({ name: s.name, startTime: s.start, endTime: s.end, sortOrder: s.sortOrder }).returning({ id: shifts.id }))[0]!.id;
    },
  };
}

export function settingsQueries(env: QueryEnv) {
  const { settings } = env.t;
  return {
    async get(scope: string, key: string): Promise<unknown> {
      const row = await first(env.db().select({ v: settings.valueJson }).from(settings).where(sql`${settings.scope} = ${scope} AND ${settings.key} = ${key}`));
      return row ? JSON.parse(row.v) : undefined;
    },
    async set(scope: string, key: string, value: unknown): Promise<void> {
      const valueJson = JSON.stringify(value);
      await env.db().insert(settings).values({ scope, key, valueJson }).onConflictDoUpdate({ target: [settings.scope, settings.key], set: { valueJson } });
    },
  };
}
