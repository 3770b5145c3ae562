import { RRuleTemporal } from 'rrule-temporal';
import { appointmentsCountSql, appointmentsPageSql, pageParams, type PageFilter } from '../../db/queries/appointments';
import { DAY_MS, MINUTE_MS, formatLocal, requireLocal } from '../../shared/domain/appointments/local-time';
import { WallResolver } from '../../shared/domain/appointments/resolver';
import { expand, floatingRuleText, seriesBounds, type Series } from '../../shared/domain/appointments/recurrence';
import { round, time, timePair } from './measure';
import type { BenchContext, BenchResults } from './types';

const ZONE = 'America/New_York';
/** Calendar 2027 in the facility's zone, as instants: local midnight to local midnight. */
const FROM = Date.parse('2027-01-01T05:00:00Z');
const TO = Date.parse('2028-01-01T05:00:00Z');

const RULES = ['FREQ=WEEKLY;BYDAY=MO,WE,FR', 'FREQ=WEEKLY;BYDAY=TU,TH', 'FREQ=WEEKLY;BYDAY=WE', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;WKST=MO', 'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2', 'FREQ=DAILY'];
const WEIGHTS = [30, 25, 25, 10, 5, 5];

/** 1,000 series of a facility: mostly weekly (dialysis, therapy), a few daily and monthly; deterministic. */
function facilitySeries(): Series[] {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const out: Series[] = [];
  for (let i = 0; i < 1000; i++) {
    let pick = next() * 100;
    let rule = 0;
    while (pick >= WEIGHTS[rule]!) pick -= WEIGHTS[rule++]!;
    const hour = 6 + Math.floor(next() * 12);
    const minute = [0, 15, 30, 45][Math.floor(next() * 4)]!;
    const startDay = 1 + Math.floor(next() * 28);
    out.push({
      dtstartLocal: `2026-11-${String(startDay).padStart(2, '0')}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
      timeZone: ZONE,
      rrule: RULES[rule]!,
      untilLocal: '2028-03-31T23:59:59',
      durationMinutes: 60,
      exdates: [],
      rdates: [],
      overrides: [],
    });
  }
  return out;
}

/**
 * appointments.expand_ratio: expanding 1,000 series over one year through expand() (floating
 * expansion, our DST resolver, window filter, overrides) over the recurrence library called
 * directly in floating mode on the same rules and the same widened window, reading only
 * epochMilliseconds (RECURRENCE.md's baseline). Same run, interleaved. Target ≤ 1.5.
 */
export async function benchAppointments(_ctx: BenchContext): Promise<BenchResults> {
  const all = facilitySeries();
  const texts = all.map(floatingRuleText);
  const viaExpand = () => {
    let n = 0;
    for (const s of all) n += expand(s, FROM, TO).length;
    return n;
  };
  const viaLibrary = () => {
    let n = 0;
    for (const text of texts) {
      for (const z of new RRuleTemporal({ rruleString: text }).between(new Date(FROM - DAY_MS), new Date(TO + DAY_MS), true)) n += z.epochMilliseconds > 0 ? 1 : 0;
    }
    return n;
  };
  // Same work first: the library's count includes the window's margin days, ours does not.
  const ours = viaExpand();
  const theirs = viaLibrary();
  if (ours === 0 || ours > theirs || theirs - ours > all.length * 4) throw new Error(`expand() gave ${ours} occurrences, the library ${theirs}`);
  const [expanded, library] = await timePair(viaExpand, viaLibrary, { warmup: 2, rounds: 12, batch: 1 });
  process.stdout.write(`appointments: ${ours} occurrences; expand ${round(expanded.median, 1)} ms, library ${round(library.median, 1)} ms\n`);
  return { 'appointments.expand_ratio': round(expanded.median / library.median, 2), ...(await benchStored(_ctx)) };
}

const FACILITY_ZONE = 'America/Chicago';
const APPOINTMENTS = Number(process.env.CAREDESK_BENCH_APPOINTMENTS ?? 500_000);
const SERIES = 300;
const TYPES = ['physician', 'specialist', 'dental', 'dialysis', 'lab', 'imaging', 'therapy', 'podiatry', 'eye', 'mental_health'] as const;

/**
 * The synthetic facility's appointments (two years around the bench's "now", 2026-11-02: 500,000
 * one-offs over the 5,000 residents, ~685 a day) and 300 weekly series, written straight into the
 * SQLite file in one transaction (the handlers would add an audit row each; only reads are timed).
 * - page_ratio / page_p95_ms: a 100-row day/unit page through the dispatcher (session, permission,
 *   zod, the access-trail row, the day's series occurrences, merge, both structured clones) over the
 *   same page and count statements run raw on better-sqlite3;
 * - conflict_check_p95_ms: a new appointment over one of a resident's own (with a series) through the
 *   dispatcher: refused with the clash, nothing written — what the coordinator waits for.
 */
async function benchStored(ctx: BenchContext): Promise<BenchResults> {
  const db = ctx.sqlite;
  const residents = (db.prepare("SELECT id FROM residents WHERE status IN ('active','hospital','leave') ORDER BY id").pluck(true).all() as number[]).slice(0, 5000);
  const from = requireLocal('2025-11-02T00:00');
  const to = requireLocal('2027-11-02T00:00');
  const resolver = new WallResolver(FACILITY_ZONE, from - 2 * DAY_MS, to + 2 * DAY_MS);
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const now = '2026-11-02T12:00:00.000Z';
  const insert = db.prepare(`INSERT INTO appointments (resident_id, type, setting, provider_name, start_at, end_at, start_local, end_local, preparation_items, escort_needed,
      status, status_at, new_orders, family_informed_at, created_at, updated_at, version)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, '[]', 0, ?, ?, 0, ?, ?, ?, 1)`);
  // The series as the handlers store them: with their bounds and exception count (none here).
  const dialysis: Series = { dtstartLocal: '2025-11-03T06:30', timeZone: FACILITY_ZONE, rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR', untilLocal: '2027-11-01T23:59:59', durationMinutes: 240, exdates: [], rdates: [], overrides: [] };
  const bounds = seriesBounds(dialysis);
  const insertSeries = db.prepare(`INSERT INTO appointment_series (resident_id, type, setting, preparation_items, escort_needed, dtstart_local, time_zone, rrule, until_local, duration_minutes,
      first_local, last_local, exception_count, created_at, updated_at, version)
    VALUES (?, 'dialysis', 'external', '[]', 0, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 1)`);
  const t0 = performance.now();
  db.transaction(() => {
    for (let i = 0; i < APPOINTMENTS; i++) {
      const day = Math.floor(rnd() * 730);
      const wall = from + day * DAY_MS + (7 + Math.floor(rnd() * 10)) * 3_600_000 + Math.floor(rnd() * 4) * 15 * MINUTE_MS;
      const minutes = 30 + 30 * Math.floor(rnd() * 4);
      const start = resolver.instant(wall);
      const end = start + minutes * MINUTE_MS;
      const startAt = new Date(start).toISOString();
      const past = startAt < now;
      insert.run(
        residents[i % residents.length],
        TYPES[i % TYPES.length],
        i % 3 === 0 ? 'in_house' : 'external',
        `Clinic ${i % 400}`,
        startAt,
        new Date(end).toISOString(),
        formatLocal(wall),
        formatLocal(resolver.wallOf(end)),
        past ? (i % 20 === 0 ? 'cancelled' : 'completed') : 'scheduled',
        now,
        i % 4 === 0 ? now : null,
        now,
        now,
      );
    }
    for (let i = 0; i < SERIES; i++)
      insertSeries.run(residents[(i * 17) % residents.length], dialysis.dtstartLocal, FACILITY_ZONE, dialysis.rrule, dialysis.untilLocal, dialysis.durationMinutes, bounds.firstLocal, bounds.lastLocal, now, now);
  })();
  db.exec('ANALYZE');
  process.stdout.write(`appointments: ${APPOINTMENTS} appointments and ${SERIES} series written in ${Math.round(performance.now() - t0)} ms\n`);

  const conn = await ctx.signedIn('coordinator');
  const units = db.prepare('SELECT id FROM units ORDER BY id').pluck(true).all() as number[];
  const day = '2026-11-04';
  const input = { from: day, to: day, unitId: units[0]!, offset: 0, limit: 100 };
  const check = await conn.invoke('appointments.list', input);
  if (!check.ok) throw new Error(`appointments.list failed: ${check.error.code}`);
  const total = (check.value as { total: number }).total;
  const filter: PageFilter = {
    fromAt: new Date(resolver.instant(requireLocal(`${day}T00:00`))).toISOString(),
    toAt: new Date(resolver.instant(requireLocal(`${day}T00:00`) + DAY_MS)).toISOString(),
    type: null,
    status: null,
    unitId: input.unitId,
    residentId: null,
    needsTransport: false,
    followUpDue: false,
    familyNotInformed: false,
    nowAt: now,
    soonAt: now,
  };
  const page = db.prepare(appointmentsPageSql);
  page.raw(true);
  const count = db.prepare(appointmentsCountSql);
  count.pluck(true);
  const params = pageParams(filter, 100, 0);
  const viaDispatcher = async () => {
    const r = await conn.invoke('appointments.list', structuredClone(input));
    if (!r.ok) throw new Error(r.error.code);
    return structuredClone(r);
  };
  const viaRaw = () => [page.all(params), count.get(params)];
  const [dispatched, raw] = await timePair(viaDispatcher, viaRaw, { warmup: 50, rounds: 60, batch: 5 });
  const pages = await time(viaDispatcher, { warmup: 20, rounds: 300 });

  // A resident with a series and stored appointments; a new one over their Monday dialysis.
  const seriesResident = residents[0]!;
  const clash = { residentId: seriesResident, type: 'lab', setting: 'in_house', startLocal: '2026-11-09T07:00', endLocal: '2026-11-09T07:30' } as const;
  const refused = await conn.invoke('appointments.create', clash);
  if (refused.ok || refused.error.code !== 'conflict') throw new Error(`the conflict check did not refuse: ${JSON.stringify(refused)}`);
  const conflicts = await time(
    async () => {
      const r = await conn.invoke('appointments.create', structuredClone(clash));
      if (r.ok) throw new Error('saved');
      return structuredClone(r);
    },
    { warmup: 30, rounds: 300 },
  );
  process.stdout.write(`appointments: day/unit page of ${total}; dispatcher ${round(dispatched.median)} ms, raw ${round(raw.median)} ms; conflict check p95 ${round(conflicts.p95)} ms\n`);
  return {
    'appointments.stored': APPOINTMENTS,
    'appointments.page_filter_matches': total,
    'appointments.page_ratio': round(dispatched.median / raw.median, 2),
    'appointments.page_p95_ms': round(pages.p95, 3),
    'appointments.conflict_check_p95_ms': round(conflicts.p95, 3),
  };
}
