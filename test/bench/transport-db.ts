import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, seedDemoFacility } from '../../db/demo/generate';
import type { SqliteEngine } from '../../db/engine/sqlite';
import { sourceMigrationsRoot } from '../../db/paths';
import { createCore, type Core } from '../../electron/core/app';
import type { HandlerContext } from '../../electron/core/context';
import { conflictsOf, resolveBooking } from '../../electron/core/handlers/transport';
import { hashPassword } from '../../electron/core/passwords';
import type { BookInput } from '../../shared/domain/transport/schemas';
import { STRONG_PASSWORD, caller, setupInput, testPasswordCost, tempDir } from '../support/core';
import { startE2E, type E2EApp } from '../support/browser';
import { admission } from '../support/residents';
import { round, summarize } from './measure';
import type { BenchResults } from './types';

const DAY = 86_400_000;
const TZ = 'America/Chicago';

/** Bulk rows straight into the SQLite file: 50,000 trips through the handlers would take an hour. */
function seedTrips(core: Core, o: { trips: number; start: number; days: number; vehicles: number[]; drivers: number[]; residents: number[]; providers: number[]; random: () => number }) {
  const db = (core.engine as SqliteEngine).opened.sqlite;
  const at = '2025-01-01T00:00:00.000Z';
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(o.random() * xs.length)]!;
  const appt = db.prepare(
    `INSERT INTO appointments (resident_id, type, setting, provider_id, start_at, end_at, start_local, end_local, status, status_at, created_at, updated_at, version)
     VALUES (?, 'dialysis', 'external', ?, ?, ?, ?, ?, 'scheduled', ?, ?, ?, 1)`,
  );
  const booking = db.prepare(
    `INSERT INTO transport_bookings (appointment_id, resident_id, mode_base, mode_bariatric, mode_oxygen, mode_proposed, travel_minutes, check_in_minutes, appointment_starts_at, appointment_ends_at, appointment_status, created_at, updated_at, version)
     VALUES (?, ?, ?, 0, ?, NULL, ?, 15, ?, ?, 'scheduled', ?, ?, 1)`,
  );
  const leg = db.prepare(
    `INSERT INTO transport_legs (booking_id, kind, status, carrier_kind, vehicle_id, driver_staff_id, return_kind, pickup_at, dropoff_at, status_changed_at)
     VALUES (?, ?, 'confirmed', 'facility_vehicle', ?, ?, ?, ?, ?, ?)`,
  );
  const iso = (ms: number) => new Date(ms).toISOString();
  const insert = db.transaction(() => {
    const appointmentIds: number[] = [];
    for (let i = 0; i < o.trips; i++) {
      const day = Math.floor(o.random() * o.days);
      const start = o.start + day * DAY + Math.floor(o.random() * 20) * 30 * 60_000;
      const end = start + (30 + Math.floor(o.random() * 6) * 30) * 60_000;
      const travel = 15 + Math.floor(o.random() * 40);
      const residentId = pick(o.residents);
      const a = Number(appt.run(residentId, pick(o.providers), iso(start), iso(end), iso(start).slice(0, 16), iso(end).slice(0, 16), at, at, at).lastInsertRowid);
      appointmentIds.push(a);
      const b = Number(booking.run(a, residentId, o.random() < 0.4 ? 'wheelchair' : 'ambulatory', o.random() < 0.2 ? 1 : 0, travel, iso(start), iso(end), at, at).lastInsertRowid);
      const pickup = start - (travel + 15) * 60_000;
      leg.run(b, 'outbound', pick(o.vehicles), pick(o.drivers), null, iso(pickup), iso(pickup + travel * 60_000), at);
      leg.run(b, 'return', pick(o.vehicles), pick(o.drivers), 'fixed', iso(end), iso(end + travel * 60_000), at);
    }
    return appointmentIds;
  });
  return insert();
}

/**
 * The bookings the bench saves, a mix like a coordinator's week: mostly the same van and driver out
 * and back, some returns by another van and driver (two vehicles' and two drivers' days to read), some
 * will-call returns, wheelchairs and oxygen, a staff escort on some (whose courses are checked too).
 */
function mixedBooking(round: number, pickupAt: string, returnAt: string, vehicles: readonly number[], drivers: readonly number[]): Omit<BookInput, 'appointmentId' | 'standing'> {
  const out = { kind: 'facility_vehicle' as const, vehicleId: vehicles[round % vehicles.length]!, driverStaffId: drivers[round % drivers.length]! };
  const back = round % 3 === 2 ? { kind: 'facility_vehicle' as const, vehicleId: vehicles[(round + 3) % vehicles.length]!, driverStaffId: drivers[(round + 5) % drivers.length]! } : out;
  return {
    mode: { need: { base: round % 5 < 2 ? 'wheelchair' : 'ambulatory', bariatric: false, oxygen: round % 7 === 0 }, overrideReason: 'bench: the mode as chosen' },
    escort: round % 4 === 1 ? { kind: 'staff', staffId: drivers[(round + 7) % drivers.length]! } : null,
    travelMinutes: 30,
    checkInMinutes: 15,
    outbound: { pickupAt, carrier: out, runId: null },
    return: round % 5 === 3 ? { kind: 'will_call', carrier: back, runId: null } : { kind: 'fixed', pickupAt: returnAt, carrier: back, runId: null },
    notes: null,
    overrides: [],
  };
}

/**
 * transport.conflict_check_p95_ms: the check a save runs — the booking's appointment, vehicles and
 * staff looked up, the legs around it queried (pickups a day either side, the resident's own), the
 * drivers' and escorts' courses read, and the pure rules — on a facility with 50,000 trips (two
 * years, 10 vans, 14 drivers, 600 residents) in a SQLite file. Target ≤ 2.
 */
async function benchConflictCheck(): Promise<BenchResults> {
  const file = `${tempDir('caredesk-bench-transport-')}/bench.sqlite`;
  const core = await createCore({ engine: { kind: 'sqlite', file }, migrationsRoot: sourceMigrationsRoot, passwordCost: testPasswordCost });
  try {
    const now = new Date('2026-11-02T12:00:00Z');
    await seedDemoFacility(core.engine, { seed: 7, now, hashPassword: (p) => hashPassword(p, testPasswordCost), residents: 600, staff: 60, trainingYears: 3 });
    const conn = core.dispatcher.connect();
    const signed = await conn.invoke('auth.signIn', { username: 'admin', password: DEMO_PASSWORD });
    if (!signed.ok) throw new Error('bench: admin sign-in failed');
    const db = (core.engine as SqliteEngine).opened.sqlite;
    const residents = (db.prepare("SELECT id FROM residents WHERE status = 'active' LIMIT 600").all() as { id: number }[]).map((r) => r.id);
    const drivers = (db.prepare('SELECT id FROM staff WHERE active = 1 LIMIT 14').all() as { id: number }[]).map((r) => r.id);
    const vehicles: number[] = [];
    for (let v = 1; v <= 10; v++) {
      const r = await conn.invoke('transport.saveVehicle', { name: `Van ${v}`, seats: 6, wheelchairPositions: 2, stretcherPositions: v % 5 === 0 ? 1 : 0, bariatric: v % 4 === 0, oxygen: v % 2 === 0 });
      if (!r.ok) throw new Error('bench: vehicle');
      vehicles.push((r.value as { id: number }).id);
    }
    const providers = [];
    const addProvider = db.prepare("INSERT INTO appointment_providers (name, address, phone, active, created_at, updated_at, version) VALUES (?, '1 Main St', '555-0100', 1, ?, ?, 1)");
    for (let p = 1; p <= 20; p++) providers.push(Number(addProvider.run(`Clinic ${p}`, now.toISOString(), now.toISOString()).lastInsertRowid));
    let seed = 42;
    const random = () => {
      // The product in 32-bit integer arithmetic: as a float it passes 2^53 and loses its low bits,
      // and the generator fell into a cycle of ~10,000 draws — the "50,000 trips" were ten stacked
      // copies of ~5,000, and every candidate collided with nine copies of its own resident's trip.
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) & 0x7fff_ffff;
      return seed / 2 ** 31;
    };
    const start = Date.parse('2025-01-06T14:00:00Z');
    const t0 = performance.now();
    seedTrips(core, { trips: 50_000, start, days: 730, vehicles, drivers, residents, providers, random });
    process.stderr.write(`transport bench: 50,000 trips written in ${Math.round(performance.now() - t0)} ms\n`);
    // The bookings about to be saved: appointments with no ride yet.
    const candidates = seedTrips(core, { trips: 300, start, days: 730, vehicles, drivers, residents, providers, random });
    db.prepare(`DELETE FROM transport_legs WHERE booking_id IN (SELECT id FROM transport_bookings WHERE appointment_id >= ?)`).run(candidates[0]!);
    db.prepare(`DELETE FROM transport_bookings WHERE appointment_id >= ?`).run(candidates[0]!);
    db.exec('ANALYZE');

    const ctx = { q: core.q, timeZone: TZ, now, nowIso: now.toISOString(), today: '2026-11-02' } as unknown as HandlerContext;
    const appointmentOf = db.prepare('SELECT start_at AS s, end_at AS e FROM appointments WHERE id = ?');
    const samples: number[] = [];
    let found = 0;
    const l0 = performance.now();
    for (let round = 0; round < (process.env.TRANSPORT_BENCH_PROFILE ? 320 : 900); round++) {
      if (round === 10) process.stderr.write(`transport bench: 10 checks in ${Math.round(performance.now() - l0)} ms\n`);
      const id = candidates[round % candidates.length]!;
      const a = appointmentOf.get(id) as { s: string; e: string };
      const pickup = new Date(Date.parse(a.s) - 45 * 60_000).toISOString();
      const input = mixedBooking(round, pickup, a.e, vehicles, drivers);
      const t0 = performance.now();
      const conflicts = await core.engine.read(async () => {
        const r = await resolveBooking(ctx, id, input);
        // Every booking of the mix is valid: a bad-input refusal would time the wrong path.
        if ('ok' in r) throw new Error(`transport bench: booking refused before the conflict check (${JSON.stringify(r.error.fields ?? r.error.code)})`);
        const c = await conflictsOf(ctx, r, null, new Map(), []);
        return 'ok' in c && !c.ok ? (c.error.fields ?? []) : [];
      });
      const ms = performance.now() - t0;
      if (round >= 300) {
        samples.push(ms);
        found += conflicts.length;
      }
    }
    if (found === 0) throw new Error('transport bench: no conflict found; the facility is not busy enough to mean anything');
    if (process.env.TRANSPORT_BENCH_PROFILE) {
      const id = candidates[0]!;
      const a = appointmentOf.get(id) as { s: string; e: string };
      const stamp = async (name: string, fn: () => Promise<unknown>) => {
        const t = performance.now();
        for (let i = 0; i < 20; i++) await core.engine.read(fn as () => Promise<unknown>);
        process.stderr.write(`${name}: ${((performance.now() - t) / 20).toFixed(2)} ms\n`);
      };
      const from = new Date(Date.parse(a.s) - 2 * DAY).toISOString();
      const until = new Date(Date.parse(a.e) + 2 * DAY).toISOString();
      await stamp('appointment', () => core.q.transport.appointment(id));
      await stamp('vehicles', () => core.q.transport.vehicles());
      await stamp('listCourses', () => core.q.training.listCourses(true));
      await stamp('staffFacts', () => core.q.transport.staffFacts(drivers));
      await stamp('completionsThrough', () => core.q.training.completionsThrough(drivers, until.slice(0, 10)));
      await stamp('conflictLegs', () => core.q.transport.conflictLegs(from, until, { residentId: residents[0]!, vehicleIds: [vehicles[0]!], driverIds: [drivers[0]!] }));
      process.stderr.write(`legs in window: ${(await core.q.transport.tripsAround(from, until, residents[0]!)).length}\n`);
    }
    const timing = summarize(samples);
    return { 'transport.conflict_check_p95_ms': round(timing.p95, 3), 'transport.conflict_check_median_ms': round(timing.median, 3) };
  } finally {
    await core.close();
  }
}

const MANIFEST_NOW = '2026-03-03T12:00:00Z';
const ROUNDS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A day of 60 trips on Van 1 (30 residents out and back), written under the data layer. */
async function seedManifestDay(core: Core): Promise<void> {
  const a = caller(core);
  await a.must('setup.createFacility', setupInput);
  await a.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
  const facility = await a.must('facility.get', {});
  const unitId = facility.units[0]!.id;
  const beds: number[] = [];
  for (let r = 0; r < 15; r++) beds.push(...(await a.must('rooms.create', { unitId, label: `3${String(r).padStart(2, '0')}`, beds: ['A', 'B'] })).bedIds);
  const residents: number[] = [];
  for (let i = 0; i < 30; i++) residents.push((await a.must('residents.admit', admission({ unitId, bedId: beds[i]!, recordNumber: `T-${i}`, legalGiven: `Rider${i}`, legalFamily: 'Bench' }))).id);
  const van = await a.must('transport.saveVehicle', { name: 'Van 1', seats: 8, wheelchairPositions: 2, stretcherPositions: 0, bariatric: false, oxygen: false });
  const db = (core.engine as SqliteEngine).opened.sqlite;
  const at = '2026-01-01T00:00:00.000Z';
  const provider = Number(db.prepare("INSERT INTO appointment_providers (name, location_name, address, phone, active, created_at, updated_at, version) VALUES ('Riverside Renal', 'Dialysis unit', '12 River Rd, Springfield', '555-0100', 1, ?, ?, 1)").run(at, at).lastInsertRowid);
  const base = Date.parse('2026-03-03T12:00:00Z');
  for (let i = 0; i < 30; i++) {
    const start = base + i * 20 * 60_000;
    const end = start + 60 * 60_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    const appt = Number(
      db
        .prepare(
          `INSERT INTO appointments (resident_id, type, setting, provider_id, start_at, end_at, start_local, end_local, status, status_at, created_at, updated_at, version) VALUES (?, 'dialysis', 'external', ?, ?, ?, ?, ?, 'scheduled', ?, ?, ?, 1)`,
        )
        .run(residents[i], provider, iso(start), iso(end), iso(start).slice(0, 16), iso(end).slice(0, 16), at, at, at).lastInsertRowid,
    );
    const b = Number(
      db
        .prepare(
          `INSERT INTO transport_bookings (appointment_id, resident_id, mode_base, mode_bariatric, mode_oxygen, travel_minutes, check_in_minutes, notes, appointment_starts_at, appointment_ends_at, appointment_status, created_at, updated_at, version) VALUES (?, ?, 'wheelchair', 0, 0, 30, 15, 'Bring the dialysis bag and the medication list; call the family on arrival', ?, ?, 'scheduled', ?, ?, 1)`,
        )
        .run(appt, residents[i], iso(start), iso(end), at, at).lastInsertRowid,
    );
    const legs = db.prepare(`INSERT INTO transport_legs (booking_id, kind, status, carrier_kind, vehicle_id, return_kind, pickup_at, dropoff_at, status_changed_at) VALUES (?, ?, 'confirmed', 'facility_vehicle', ?, ?, ?, ?, ?)`);
    legs.run(b, 'outbound', van.id, null, iso(start - 45 * 60_000), iso(start - 15 * 60_000), at);
    legs.run(b, 'return', van.id, 'fixed', iso(end), iso(end + 30 * 60_000), at);
  }
}

async function printManifestOnce(page: Page): Promise<{ ms: number; html: string }> {
  const before = await page.evaluate(() => (window as unknown as { __printCalls: number }).__printCalls);
  // Pressed from the keyboard (focusing it is not timed): a Playwright click first waits for the
  // button to hold still over two animation frames, the test driver's time, not the app's (handoff.ts).
  await page.getByRole('button', { name: /^Print the manifest of Van 1/ }).first().focus();
  const t0 = performance.now();
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => (window as unknown as { __printCalls: number }).__printCalls > n, before, { timeout: 120_000, polling: 10 });
  const c0 = performance.now();
  const html = await page.evaluate(() => {
    const doc = document.documentElement.cloneNode(true) as HTMLElement;
    doc.querySelectorAll('script, meta[http-equiv]').forEach((s) => s.remove());
    doc.querySelector('#root')?.replaceChildren();
    return `<!doctype html>${doc.outerHTML}`;
  });
  const capture = performance.now() - c0;
  await page.pdf({ preferCSSPageSize: true, printBackground: true });
  return { ms: performance.now() - t0 - capture, html };
}

async function printStatic(app: E2EApp, html: string): Promise<number> {
  const page = await app.context.newPage();
  const url = new URL('/bench-static-manifest.html', app.harness.url).toString();
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
  const t0 = performance.now();
  await page.goto(url);
  await page.evaluate(async () => {
    await document.fonts.load('9pt CareDeskSans');
    await document.fonts.ready;
  });
  await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const ms = performance.now() - t0;
  await page.close();
  return ms;
}

/**
 * transport.manifest_pdf_ratio: a day of 60 trips on one vehicle printed through the app (the
 * manifest fetched, laid out by the print kit, print.pdf authorised and audited, PDF bytes) over a
 * static HTML page of the same content printed the same way in the same run. Target ≤ 1.3.
 */
async function benchManifest(): Promise<BenchResults> {
  const app = await startE2E({
    now: MANIFEST_NOW,
    viewport: { width: 1366, height: 768 },
    seed: seedManifestDay,
    beforeLoad: async (p) => {
      await p.clock.setFixedTime(new Date(MANIFEST_NOW));
      await p.addInitScript(() => {
        const w = window as unknown as { __printCalls: number; print(): void };
        w.__printCalls = 0;
        w.print = () => void w.__printCalls++;
      });
    },
  });
  try {
    const { page } = app;
    await page.locator('input[name="username"]').fill('admin');
    await page.locator('input[name="password"]').fill(STRONG_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Transport', exact: true }).click();
    await page.getByRole('button', { name: /^Print the manifest of Van 1/ }).first().waitFor({ timeout: 60_000 });
    await printManifestOnce(page);
    const appMs: number[] = [];
    const staticMs: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const once = await printManifestOnce(page);
      appMs.push(once.ms);
      staticMs.push(await printStatic(app, once.html));
    }
    return {
      'transport.manifest_pdf_ms': Math.round(median(appMs)),
      'transport.manifest_pdf_static_ms': Math.round(median(staticMs)),
      'transport.manifest_pdf_ratio': Math.round((median(appMs) / median(staticMs)) * 100) / 100,
    };
  } finally {
    await app.close();
  }
}

export { benchConflictCheck, benchManifest };

export async function benchTransportDb(): Promise<BenchResults> {
  return { ...(await benchConflictCheck()), ...(await benchManifest()) };
}
