import type { AppointmentDetail, AppointmentRow, ListInput, ProviderOut, SeriesDetail } from '../../../shared/contract/appointments';
import { acceptOverride, checkConflicts, conflictIssues, type CandidateInterval, type Conflict, type Exclusion, type ResidentSchedule } from '../../../shared/domain/appointments/conflicts';
import { followUps, type FollowUpRow } from '../../../shared/domain/appointments/followups';
import { buildIcs, type IcsDetails } from '../../../shared/domain/appointments/ics';
import { DAY_MS, HOUR_MS, MINUTE_MS, formatLocal, requireLocal, timeOfDayMs } from '../../../shared/domain/appointments/local-time';
import { allWalls, editFollowing, editSeries, expand, overrideOccurrence, splitSeries, type Occurrence, type Series, type SeriesChange } from '../../../shared/domain/appointments/recurrence';
import { WallResolver } from '../../../shared/domain/appointments/resolver';
import { formatRule, parseRule } from '../../../shared/domain/appointments/rule';
import type { AppointmentInput, ConflictOverrideInput } from '../../../shared/domain/appointments/schemas';
import { checkAppointmentTimes, checkSeriesInput, familyInformedIssues, seriesIssues, statusChangeIssues } from '../../../shared/domain/appointments/validate';
import { FAMILY_NOTICE_HOURS } from '../../../shared/domain/appointments/vocabulary';
import { addDays } from '../../../shared/domain/dates';
import { en } from '../../../shared/i18n/en';
import { es } from '../../../shared/i18n/es';
import { err, fieldError, ok, type Err, type FieldIssue, type Result } from '../../../shared/result';
import type { AppointmentDetailsRow, PageFilter, PageRow, StoredSeries } from '../../../db/queries/appointments';
import type { ScheduledAppointment as SheetAppointment } from '../../../shared/domain/handoff/rows';
import { defineHandlers, type HandlerContext } from '../context';
import { changedElsewhere } from './versions';

/** At most this many rows in an agenda window (a week of a large facility). */
const AGENDA_MAX = 2000;
/** A list's date range: at most a year and a day. */
const MAX_RANGE_DAYS = 367;

const iso = (ms: number) => new Date(ms).toISOString();

/** Instant of a facility date's midnight (the first instant of that date). */
function dayStart(date: string, timeZone: string): number {
  const wall = requireLocal(`${date}T00:00`);
  return new WallResolver(timeZone, wall - DAY_MS, wall + DAY_MS).instant(wall);
}

function windowOf(from: string, to: string, timeZone: string) {
  const fromMs = dayStart(from, timeZone);
  const toMs = dayStart(addDays(to, 1), timeZone);
  return { fromMs, toMs, fromLocal: `${addDays(from, -1)}T00:00`, toLocal: `${addDays(to, 2)}T00:00` };
}

function rowOfPage(r: PageRow, shift: 'gap' | 'fold' | null = null): AppointmentRow {
  return {
    key: `a:${r.id}`,
    id: r.id,
    seriesId: r.seriesId,
    originalLocal: r.occurrenceLocal,
    residentId: r.residentId,
    residentName: r.residentName,
    recordNumber: r.recordNumber,
    unitId: r.unitId,
    unitName: r.unitName,
    roomLabel: r.roomLabel,
    bedLabel: r.bedLabel,
    type: r.type,
    setting: r.setting,
    providerName: r.providerName,
    locationName: r.locationName,
    startAt: r.startAt,
    endAt: r.endAt,
    startLocal: r.startLocal,
    endLocal: r.endLocal,
    shift: shift ?? (r.startFold === null ? null : 'fold'),
    status: r.status,
    escortNeeded: r.escortNeeded,
    transportArranged: r.transportArranged,
    preparationItems: r.preparationItems,
    familyInformedAt: r.familyInformedAt,
    newOrders: r.newOrders,
    followUpDue: r.followUpDue,
    followedUpAt: r.followedUpAt,
    version: r.version,
  };
}

/** The series as expansion should see it for lists and conflicts: touched occurrences are their appointment rows. */
const untouched = (s: StoredSeries): Series => (s.touched.size === 0 ? s.series : { ...s.series, exdates: [...s.series.exdates, ...s.touched.keys()].sort() });

/**
 * The same series with DTSTART moved forward by whole periods to just before `fromWall`, so a short
 * window a year after the start does not make the library walk the whole year. Daily and weekly rules
 * repeat every `interval` days or weeks, so a DTSTART moved by whole periods is still an occurrence
 * and the rule generates the same dates from there on. Monthly rules (a 31st is not in every month)
 * and series with an occurrence moved from before the new start are left as they are.
 */
export function nearWindow(series: Series, fromWall: number): Series {
  const rule = parseRule(series.rrule);
  if (!rule || rule.freq === 'monthly') return series;
  const period = (rule.freq === 'weekly' ? 7 : 1) * rule.interval * DAY_MS;
  const start = requireLocal(series.dtstartLocal);
  const steps = Math.floor((fromWall - 2 * DAY_MS - start) / period);
  if (steps <= 0) return series;
  const dtstart = formatLocal(start + steps * period);
  if (series.overrides.some((o) => o.startLocal !== null && o.originalLocal < dtstart)) return series;
  return { ...series, dtstartLocal: dtstart };
}

/**
 * Expansions of one series over one window, remembered: `expand` is a pure function of the series
 * (rule, times, every exception, the touched occurrences it leaves out) and the window, which is the
 * whole key, so a remembered answer is never stale; an agenda refetched after every change at any
 * station reuses the series it did not change. The key is built from the stored fields as read, so a
 * hit costs neither `untouched` nor `nearWindow` (nor a JSON of the whole series). Oldest first out
 * past a few thousand.
 */
const EXPANSIONS_KEPT = 4000;
/** An occurrence as a list row shows it, its times formatted once when expanded (a hit formats nothing). */
interface OccurrenceCells {
  originalLocal: string;
  startAt: string;
  endAt: string;
  startLocal: string;
  endLocal: string;
  shift: Occurrence['shift'];
  status: Occurrence['status'];
}
const expansions = new Map<string, readonly OccurrenceCells[]>();
function keyOf(s: StoredSeries, fromMs: number, toMs: number): string {
  const x = s.series;
  const overrides = x.overrides.length === 0 ? '' : JSON.stringify(x.overrides);
  return `${fromMs}|${toMs}|${x.timeZone}|${x.dtstartLocal}|${x.untilLocal}|${x.rrule}|${x.durationMinutes}|${x.exdates.join(',')}|${x.rdates.join(',')}|${overrides}|${[...s.touched.keys()].join(',')}`;
}
function expandKept(s: StoredSeries, fromMs: number, toMs: number, resolver: () => WallResolver): readonly OccurrenceCells[] {
  const key = keyOf(s, fromMs, toMs);
  const kept = expansions.get(key);
  if (kept) return kept;
  const r = resolver();
  const value = expand(nearWindow(untouched(s), r.wallOf(fromMs)), fromMs, toMs, r).map(
    (o): OccurrenceCells => ({ originalLocal: formatLocal(o.originalWall), startAt: iso(o.start), endAt: iso(o.end), startLocal: formatLocal(o.wall), endLocal: formatLocal(r.wallOf(o.end)), shift: o.shift, status: o.status }),
  );
  expansions.set(key, value);
  if (expansions.size > EXPANSIONS_KEPT) expansions.delete(expansions.keys().next().value!);
  return value;
}

/** Occurrences of series (untouched ones) in [fromMs, toMs) as list rows. */
function occurrenceRows(series: readonly StoredSeries[], fromMs: number, toMs: number, timeZone: string): AppointmentRow[] {
  if (series.length === 0) return [];
  let made: WallResolver | null = null;
  const resolver = () => (made ??= new WallResolver(timeZone, fromMs - 2 * DAY_MS, toMs + 2 * DAY_MS));
  const out: AppointmentRow[] = [];
  for (const s of series) {
    for (const o of expandKept(s, fromMs, toMs, resolver)) {
      out.push({
        key: `s:${s.id}:${o.originalLocal}`,
        id: null,
        seriesId: s.id,
        originalLocal: o.originalLocal,
        residentId: s.residentId,
        residentName: s.residentName,
        recordNumber: s.recordNumber,
        unitId: s.unitId,
        unitName: s.unitName,
        roomLabel: s.roomLabel,
        bedLabel: s.bedLabel,
        type: s.type,
        setting: s.setting,
        providerName: s.providerName,
        locationName: s.locationName,
        startAt: o.startAt,
        endAt: o.endAt,
        startLocal: o.startLocal,
        endLocal: o.endLocal,
        shift: o.shift,
        status: o.status,
        escortNeeded: s.escortNeeded,
        transportArranged: false,
        preparationItems: s.preparationItems,
        familyInformedAt: null,
        newOrders: false,
        followUpDue: null,
        followedUpAt: null,
        version: null,
      });
    }
  }
  return out;
}

const byStart = (a: AppointmentRow, b: AppointmentRow) => (a.startAt < b.startAt ? -1 : a.startAt > b.startAt ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The same filters as the stored rows' SQL, on series occurrences (follow-up due never applies: only a touched occurrence has orders). */
function occurrenceMatches(r: AppointmentRow, f: PageFilter): boolean {
  if (f.status !== null && r.status !== f.status) return false;
  const open = r.status === 'scheduled' || r.status === 'confirmed';
  if (f.needsTransport && !(r.setting === 'external' && open && r.startAt >= f.nowAt)) return false;
  if (f.followUpDue) return false;
  if (f.familyNotInformed && !(open && r.startAt >= f.nowAt && r.startAt < f.soonAt)) return false;
  return true;
}

function filterOf(i: Pick<ListInput, 'from' | 'to' | 'type' | 'status' | 'unitId' | 'residentId' | 'needsTransport' | 'followUpDue' | 'familyNotInformed'>, ctx: HandlerContext) {
  const w = windowOf(i.from, i.to, ctx.timeZone);
  const filter: PageFilter = {
    fromAt: iso(w.fromMs),
    toAt: iso(w.toMs),
    type: i.type,
    status: i.status,
    unitId: i.unitId,
    residentId: i.residentId,
    needsTransport: i.needsTransport,
    followUpDue: i.followUpDue,
    familyNotInformed: i.familyNotInformed,
    nowAt: ctx.nowIso,
    soonAt: iso(ctx.now.getTime() + FAMILY_NOTICE_HOURS * HOUR_MS),
  };
  return { w, filter };
}

async function occurrencesFor(ctx: HandlerContext, filter: PageFilter, w: ReturnType<typeof windowOf>): Promise<AppointmentRow[]> {
  if (filter.followUpDue) return [];
  const series = await ctx.q.appointments.seriesIn({ fromLocal: w.fromLocal, toLocal: w.toLocal, type: filter.type, unitId: filter.unitId, residentIds: filter.residentId ? [filter.residentId] : null });
  return occurrenceRows(series, w.fromMs, w.toMs, ctx.timeZone).filter((r) => occurrenceMatches(r, filter));
}

/**
 * One page of stored rows merged with the window's series occurrences, in start order (stored rows
 * in the database's order, start then id, before occurrences at the same start). Occurrences are
 * expanded for the window; stored rows are paged by the database and read only as far as the merge
 * reaches: of the first offset + limit items at least offset + limit − (occurrences) are stored rows
 * whatever the times, so that many are read first, and the rest only if the occurrences run out
 * before the page is full. A unit's day with its dialysis series reads the stored rows it shows,
 * not a full page of them to throw most away. The total needs the count statement only when the
 * stored rows were not all read.
 */
export async function listPage(ctx: HandlerContext, i: ListInput): Promise<{ rows: AppointmentRow[]; total: number }> {
  const { w, filter } = filterOf(i, ctx);
  const occurrences = await occurrencesFor(ctx, filter, w);
  if (occurrences.length === 0) {
    const rows = (await ctx.q.appointments.page(filter, i.limit, i.offset)).map((r) => rowOfPage(r));
    const total = rows.length < i.limit && (i.offset === 0 || rows.length > 0) ? i.offset + rows.length : await storedTotal(ctx, filter, i.offset + rows.length, rows.at(-1));
    return { rows, total };
  }
  occurrences.sort(byStart);
  const need = i.offset + i.limit;
  const out: AppointmentRow[] = [];
  let buffer: AppointmentRow[] = [];
  let b = 0;
  let o = 0;
  let read = 0;
  let fetches = 0;
  let exhausted = false;
  let last: AppointmentRow | undefined;
  while (out.length < need) {
    // An occurrence goes out only against a stored row read after it (or when none are left), so
    // an empty buffer is refilled first: the rows the page holds whatever the times, then (at most
    // once more) everything the page could still take.
    if (b === buffer.length && !exhausted) {
      const want = fetches++ === 0 ? Math.max(need - occurrences.length, 1) : need - out.length;
      buffer = (await ctx.q.appointments.page(filter, want, read)).map((r) => rowOfPage(r));
      b = 0;
      read += buffer.length;
      last = buffer.at(-1) ?? last;
      exhausted = buffer.length < want;
      continue;
    }
    const stored = buffer[b];
    const next = occurrences[o];
    if (stored !== undefined && (next === undefined || stored.startAt <= next.startAt)) {
      out.push(stored);
      b++;
    } else if (next !== undefined) {
      out.push(next);
      o++;
    } else break;
  }
  const total = (exhausted ? read : await storedTotal(ctx, filter, read, last)) + occurrences.length;
  return { rows: out.slice(i.offset, need), total };
}

/**
 * How many stored rows the filter matches, knowing the first `read` of them (in the list's order)
 * end with `last`: only the rows after it are counted. A unit's day page that read its first rows
 * does not walk them again for the total.
 */
async function storedTotal(ctx: HandlerContext, filter: PageFilter, read: number, last: AppointmentRow | undefined): Promise<number> {
  if (last === undefined || last.id === null) return ctx.q.appointments.count(filter);
  return read + (await ctx.q.appointments.countAfter(filter, { startAt: last.startAt, id: last.id }));
}

async function detailOf(ctx: HandlerContext, id: number): Promise<AppointmentDetail | undefined> {
  const row = await ctx.q.appointments.row(id);
  const d = await ctx.q.appointments.detail(id);
  if (!row || !d) return undefined;
  return { ...rowOfPage(row), ...d, id: row.id, version: row.version };
}

const notFound = () => err('not_found', 'appointments.notFound');

/** The provider's directory entry fills what the form left empty. */
async function detailsOf(ctx: HandlerContext, i: AppointmentInput | Omit<AppointmentInput, 'endFold'>): Promise<AppointmentDetailsRow | Err> {
  let { providerName, locationName, address, phone } = i;
  if (i.providerId !== null) {
    const p = await ctx.q.appointments.provider(i.providerId);
    if (!p || p.mergedIntoId !== null) return fieldError('providerId', 'unknown_provider');
    providerName ??= p.name;
    locationName ??= p.locationName;
    address ??= p.address;
    phone ??= p.phone;
  }
  return {
    residentId: i.residentId,
    type: i.type,
    setting: i.setting,
    providerId: i.providerId,
    providerName,
    locationName,
    address,
    phone,
    preparationItems: [...i.preparation.items],
    preparationNote: i.preparation.note,
    escortNeeded: i.escortNeeded,
  };
}

const isErr = (v: unknown): v is Err => typeof v === 'object' && v !== null && 'ok' in v && (v as Err).ok === false;

/** The resident's schedule around the candidates: stored rows and (untouched) series occurrences. */
async function scheduleAround(ctx: HandlerContext, residentId: number, candidates: readonly CandidateInterval[]): Promise<ResidentSchedule> {
  // Every occurrence already opened (a standing ride opens them all): nothing of the series to check.
  if (candidates.length === 0) return { appointments: [], series: [] };
  let from = Infinity;
  let to = -Infinity;
  for (const c of candidates) {
    from = Math.min(from, c.start);
    to = Math.max(to, c.end);
  }
  const rows = await ctx.q.appointments.ofResidentBetween(residentId, iso(from - DAY_MS), iso(to + DAY_MS));
  const series = await ctx.q.appointments.residentSeries(residentId, formatLocal(from - 3 * DAY_MS), formatLocal(to + 3 * DAY_MS));
  return {
    appointments: rows.map((r) => ({ id: r.id, start: Date.parse(r.start), end: Date.parse(r.end), status: r.status })),
    series: series.map((s) => ({ id: s.id, series: nearWindow(untouched(s), from - 2 * DAY_MS) })),
  };
}

/**
 * The conflict rule before any save: blocking problems (resident not in care) refuse; clashes refuse
 * unless each was acknowledged with a reason. Returns the accepted clashes (to record) or the error.
 */
async function conflictGate(
  ctx: HandlerContext,
  residentId: number,
  candidates: readonly CandidateInterval[],
  override: ConflictOverrideInput | null,
  exclude: Exclusion,
  path = 'startLocal',
): Promise<{ accepted: Conflict[]; reason: string | null } | Err> {
  const resident = await ctx.q.appointments.resident(residentId);
  if (!resident) return fieldError('residentId', 'unknown_resident');
  const schedule = await scheduleAround(ctx, residentId, candidates);
  const periods = await ctx.q.appointments.statusPeriods(residentId);
  const report = checkConflicts(candidates, schedule, { timeZone: ctx.timeZone, periods, exclude });
  if (report.blocking.length > 0) return err('validation', 'error.validation', { fields: report.blocking });
  const verdict = acceptOverride(report.conflicts, override);
  if (!verdict.ok) return err('conflict', 'appointments.error.conflicts', { fields: conflictIssues(report.conflicts, path) });
  return { accepted: report.conflicts, reason: verdict.reason };
}

const validation = (fields: FieldIssue[]) => err('validation', 'error.validation', { fields });

async function recordAccepted(ctx: HandlerContext, target: { appointmentId?: number; seriesId?: number }, gate: { accepted: Conflict[]; reason: string | null }) {
  if (gate.accepted.length === 0 || gate.reason === null) return;
  const snapshot = gate.accepted.map((c) => ({ key: c.key, code: c.code, start: iso(c.candidate.start), end: iso(c.candidate.end) }));
  await ctx.q.appointments.recordOverride(target, gate.reason, snapshot, ctx.nowIso, ctx.user?.id ?? null);
}

function seriesOut(s: StoredSeries): SeriesDetail {
  return {
    id: s.id,
    residentId: s.residentId,
    type: s.type,
    setting: s.setting,
    providerId: s.providerId,
    providerName: s.providerName,
    locationName: s.locationName,
    address: s.address,
    phone: s.phone,
    preparationItems: s.preparationItems,
    preparationNote: s.preparationNote,
    escortNeeded: s.escortNeeded,
    dtstartLocal: s.series.dtstartLocal,
    untilLocal: s.series.untilLocal,
    rrule: s.series.rrule,
    durationMinutes: s.series.durationMinutes,
    timeZone: s.series.timeZone,
    cancelledAt: s.cancelledAt,
    exdates: [...s.series.exdates],
    rdates: [...s.series.rdates],
    overrides: s.series.overrides.map((o) => ({ originalLocal: o.originalLocal, startLocal: o.startLocal, status: o.status, appointmentId: s.touched.get(o.originalLocal) ?? null })),
    version: s.version,
  };
}

/** Candidates for a series' occurrences (the ones not yet touched), over the whole series. */
function seriesCandidates(series: Series): CandidateInterval[] {
  const first = requireLocal(series.dtstartLocal);
  const last = requireLocal(series.untilLocal, { seconds: true });
  const from = first - 2 * DAY_MS;
  const to = last + 2 * DAY_MS;
  const resolver = new WallResolver(series.timeZone, from, to);
  return expand(series, resolver.instant(from), resolver.instant(to), resolver)
    .filter((o) => o.status !== 'cancelled')
    .map((o) => ({ start: o.start, end: o.end, originalLocal: formatLocal(o.originalWall) }));
}

/** Re-derives the instants of a series' touched occurrences after the series changed (their rows follow it). */
async function syncTouched(ctx: HandlerContext, seriesId: number): Promise<void> {
  const s = await ctx.q.appointments.series(seriesId);
  if (!s || s.touched.size === 0) return;
  const rows = await ctx.q.appointments.touchedRows(seriesId);
  const first = requireLocal(s.series.dtstartLocal) - 2 * DAY_MS;
  const last = requireLocal(s.series.untilLocal, { seconds: true }) + 40 * DAY_MS;
  const resolver = new WallResolver(s.series.timeZone, first, last);
  const occurrences = new Map(expand(s.series, resolver.instant(first - 40 * DAY_MS), resolver.instant(last), resolver).map((o) => [formatLocal(o.originalWall), o]));
  for (const r of rows) {
    const o = occurrences.get(r.occurrenceLocal ?? '');
    if (!o) continue;
    const t = { startAt: iso(o.start), endAt: iso(o.end), startLocal: formatLocal(o.wall), endLocal: formatLocal(resolver.wallOf(o.end)) };
    if (t.startAt !== r.startAt || t.endAt !== r.endAt) await ctx.q.appointments.setTimes(r.id, t, ctx.nowIso, ctx.user?.id ?? null);
  }
}

function providerOut(p: { id: number; name: string; specialty: string | null; locationName: string | null; address: string | null; phone: string | null; active: boolean; mergedIntoId: number | null; version: number }): ProviderOut {
  return { id: p.id, name: p.name, specialty: p.specialty, locationName: p.locationName, address: p.address, phone: p.phone, active: p.active, mergedIntoId: p.mergedIntoId, version: p.version };
}

/** A stored appointment over the version the editor read: the row, or the refusal. */
async function current(ctx: HandlerContext, id: number, expectedVersion: number) {
  const before = await ctx.q.appointments.stored(id);
  if (!before) return notFound();
  if (before.version !== expectedVersion) return changedElsewhere(ctx, 'appointment', id, before.version);
  return before;
}

async function saved(ctx: HandlerContext, id: number, before: unknown): Promise<Result<AppointmentDetail>> {
  const after = await detailOf(ctx, id);
  if (!after) return notFound();
  ctx.audit({ entity: 'appointment', entityId: id, before, after });
  return ok(after);
}

/** When a touched occurrence changes time or status, its series' override follows (exports, other views). */
async function syncOverride(ctx: HandlerContext, id: number): Promise<void> {
  const row = await ctx.q.appointments.stored(id);
  if (!row || row.seriesId === null || row.occurrenceLocal === null) return;
  const s = await ctx.q.appointments.series(row.seriesId);
  if (!s) return;
  const moved = row.startLocal !== formatLocal(requireLocal(row.occurrenceLocal)) || row.startFold === 'later';
  const minutes = Math.round((Date.parse(row.endAt) - Date.parse(row.startAt)) / MINUTE_MS);
  const changed = overrideOccurrence(s.series, row.occurrenceLocal, {
    startLocal: moved ? row.startLocal : null,
    startFold: row.startFold ?? 'earlier',
    durationMinutes: minutes === s.series.durationMinutes ? null : minutes,
    status: row.status === 'scheduled' ? null : row.status,
  });
  if (changed.ok) await ctx.q.appointments.writeExceptions(s.id, changed.value, s.touched);
}

function titleOf(r: AppointmentRow, language: 'en' | 'es'): string {
  const words = language === 'es' ? es.appointments : en.appointments;
  return [words.type[r.type], r.providerName ?? r.locationName].filter((x) => x).join(' · ');
}

/**
 * The handoff sheet's appointments (issue 12's hook): each resident's appointments and untouched
 * occurrences starting in [from, until), cancelled, no-show and rescheduled ones left out.
 */
export async function appointmentsForSheet(ctx: HandlerContext, residentIds: readonly number[], from: string, until: string): Promise<ReadonlyMap<number, readonly SheetAppointment[]>> {
  const out = new Map<number, SheetAppointment[]>();
  if (residentIds.length === 0) return out;
  const wanted = new Set(residentIds);
  const fromMs = Date.parse(from);
  const toMs = Date.parse(until);
  const rows: AppointmentRow[] = [];
  const filter: PageFilter = { fromAt: iso(fromMs), toAt: iso(toMs), type: null, status: null, unitId: null, residentId: null, needsTransport: false, followUpDue: false, familyNotInformed: false, nowAt: ctx.nowIso, soonAt: ctx.nowIso };
  if (residentIds.length === 1) filter.residentId = residentIds[0]!;
  for (let offset = 0; ; offset += 500) {
    const page = await ctx.q.appointments.page(filter, 500, offset);
    rows.push(...page.filter((r) => wanted.has(r.residentId)).map((r) => rowOfPage(r)));
    if (page.length < 500) break;
  }
  const series = await ctx.q.appointments.seriesIn({ fromLocal: formatLocal(fromMs - 2 * DAY_MS), toLocal: formatLocal(toMs + 2 * DAY_MS), residentIds });
  rows.push(...occurrenceRows(series, fromMs, toMs, ctx.timeZone));
  const language = ctx.user?.language ?? 'en';
  for (const r of rows.sort(byStart)) {
    if (!(r.status === 'scheduled' || r.status === 'confirmed' || r.status === 'completed')) continue;
    const words = language === 'es' ? es.appointments : en.appointments;
    const prep = [...r.preparationItems.map((p) => words.preparation[p])].join('; ');
    const list = out.get(r.residentId) ?? [];
    list.push({
      key: r.key,
      startsAt: r.startAt,
      endsAt: r.endAt,
      title: titleOf(r, language),
      inHouse: r.setting === 'in_house',
      preparation: prep === '' ? null : prep,
      tripKey: null,
      pickupAt: null,
      returnAt: null,
      escort: null,
    });
    out.set(r.residentId, list);
  }
  return out;
}

export const appointmentsHandlers = defineHandlers({
  async 'appointments.list'(i, ctx) {
    if (i.to < i.from) return fieldError('to', 'until_before_start');
    if (addDays(i.from, MAX_RANGE_DAYS) < i.to) return fieldError('to', 'range_too_long', { max: MAX_RANGE_DAYS });
    return ok(await listPage(ctx, i));
  },

  async 'appointments.agenda'({ date, days, unitId, residentId }, ctx) {
    const to = addDays(date, days - 1);
    const page = await listPage(ctx, { from: date, to, type: null, status: null, unitId, residentId, needsTransport: false, followUpDue: false, familyNotInformed: false, offset: 0, limit: AGENDA_MAX });
    return ok({ from: date, to, rows: page.rows, truncated: page.total > page.rows.length });
  },

  async 'appointments.forResident'({ residentId }, ctx) {
    const n = 20;
    const stored = await ctx.q.appointments.residentRows(residentId, ctx.nowIso, n);
    const now = ctx.now.getTime();
    const series = await ctx.q.appointments.seriesIn({ fromLocal: formatLocal(now - 400 * DAY_MS), toLocal: formatLocal(now + 400 * DAY_MS), residentIds: [residentId] });
    const soon = occurrenceRows(series, now, now + 120 * DAY_MS, ctx.timeZone);
    const lately = occurrenceRows(series, now - 120 * DAY_MS, now, ctx.timeZone);
    const upcoming = [...stored.upcoming.map((r) => rowOfPage(r)), ...soon].sort(byStart).slice(0, n);
    const past = [...stored.past.map((r) => rowOfPage(r)), ...lately].sort(byStart).reverse().slice(0, n);
    return ok({ upcoming, past });
  },

  async 'appointments.get'({ id }, ctx) {
    const d = await detailOf(ctx, id);
    return d ? ok(d) : notFound();
  },

  async 'appointments.create'(i, ctx) {
    const details = await detailsOf(ctx, i);
    if (isErr(details)) return details;
    const times = checkAppointmentTimes(i, ctx.timeZone);
    if (!times.ok) return validation(times.issues);
    const gate = await conflictGate(ctx, i.residentId, [{ start: times.value.start, end: times.value.end }], i.conflictOverride, {});
    if (isErr(gate)) return gate;
    const id = await ctx.q.appointments.insert(
      { ...details, startAt: iso(times.value.start), endAt: iso(times.value.end), startLocal: i.startLocal, endLocal: i.endLocal, startFold: i.startFold, endFold: i.endFold },
      ctx.nowIso,
      ctx.user?.id ?? null,
    );
    await recordAccepted(ctx, { appointmentId: id }, gate);
    return saved(ctx, id, null);
  },

  async 'appointments.update'({ id, expectedVersion, appointment: i }, ctx) {
    const before = await current(ctx, id, expectedVersion);
    if (isErr(before)) return before;
    if (i.residentId !== before.residentId) return fieldError('residentId', 'resident_cannot_change');
    const details = await detailsOf(ctx, i);
    if (isErr(details)) return details;
    const times = checkAppointmentTimes(i, ctx.timeZone);
    if (!times.ok) return validation(times.issues);
    const exclude: Exclusion = before.seriesId !== null ? { appointmentId: id, occurrence: { seriesId: before.seriesId, originalLocal: before.occurrenceLocal! } } : { appointmentId: id };
    const gate = await conflictGate(ctx, i.residentId, [{ start: times.value.start, end: times.value.end }], i.conflictOverride, exclude);
    if (isErr(gate)) return gate;
    const prior = await detailOf(ctx, id);
    const values = ctx.q.appointments.detailValues(details);
    const done = await ctx.q.appointments.update(
      id,
      expectedVersion,
      { ...values, startAt: iso(times.value.start), endAt: iso(times.value.end), startLocal: i.startLocal, endLocal: i.endLocal, startFold: i.startFold, endFold: i.endFold },
      ctx.nowIso,
      ctx.user?.id ?? null,
    );
    if (!done) return changedElsewhere(ctx, 'appointment', id, before.version);
    await recordAccepted(ctx, { appointmentId: id }, gate);
    await syncOverride(ctx, id);
    return saved(ctx, id, prior);
  },

  async 'appointments.reschedule'({ id, expectedVersion, times: t }, ctx) {
    const before = await current(ctx, id, expectedVersion);
    if (isErr(before)) return before;
    const times = checkAppointmentTimes(t, ctx.timeZone);
    if (!times.ok) return validation(times.issues);
    const exclude: Exclusion = before.seriesId !== null ? { appointmentId: id, occurrence: { seriesId: before.seriesId, originalLocal: before.occurrenceLocal! } } : { appointmentId: id };
    const gate = await conflictGate(ctx, before.residentId, [{ start: times.value.start, end: times.value.end }], t.conflictOverride, exclude);
    if (isErr(gate)) return gate;
    const prior = await detailOf(ctx, id);
    const done = await ctx.q.appointments.update(
      id,
      expectedVersion,
      { startAt: iso(times.value.start), endAt: iso(times.value.end), startLocal: t.startLocal, endLocal: t.endLocal, startFold: t.startFold, endFold: t.endFold },
      ctx.nowIso,
      ctx.user?.id ?? null,
    );
    if (!done) return changedElsewhere(ctx, 'appointment', id, before.version);
    await recordAccepted(ctx, { appointmentId: id }, gate);
    await syncOverride(ctx, id);
    return saved(ctx, id, prior);
  },

  async 'appointments.setStatus'({ id, expectedVersion, change }, ctx) {
    const before = await current(ctx, id, expectedVersion);
    if (isErr(before)) return before;
    const issues = statusChangeIssues(before.status, change.status, { startMs: Date.parse(before.startAt), nowMs: ctx.now.getTime() });
    if (issues.length > 0) return validation(issues);
    const prior = await detailOf(ctx, id);
    const by = ctx.user?.id ?? null;
    const done = await ctx.q.appointments.update(id, expectedVersion, { status: change.status, statusAt: ctx.nowIso, statusBy: by, statusReason: change.reason }, ctx.nowIso, by);
    if (!done) return changedElsewhere(ctx, 'appointment', id, before.version);
    await ctx.q.appointments.addStatus(id, before.status, change.status, change.reason, ctx.nowIso, by);
    await syncOverride(ctx, id);
    return saved(ctx, id, prior);
  },

  async 'appointments.recordOutcome'({ id, expectedVersion, outcome }, ctx) {
    const before = await current(ctx, id, expectedVersion);
    if (isErr(before)) return before;
    const prior = await detailOf(ctx, id);
    const done = await ctx.q.appointments.update(id, expectedVersion, { outcomeNote: outcome.outcomeNote, newOrders: outcome.newOrders, followUpDue: outcome.followUpDue }, ctx.nowIso, ctx.user?.id ?? null);
    if (!done) return changedElsewhere(ctx, 'appointment', id, before.version);
    return saved(ctx, id, prior);
  },

  async 'appointments.markFollowedUp'({ id, expectedVersion }, ctx) {
    const before = await current(ctx, id, expectedVersion);
    if (isErr(before)) return before;
    if (!before.newOrders) return fieldError('id', 'no_orders_to_follow_up');
    const prior = await detailOf(ctx, id);
    const by = ctx.user?.id ?? null;
    const done = await ctx.q.appointments.update(id, expectedVersion, { followedUpAt: ctx.nowIso, followedUpBy: by }, ctx.nowIso, by);
    if (!done) return changedElsewhere(ctx, 'appointment', id, before.version);
    return saved(ctx, id, prior);
  },

  async 'appointments.familyInformed'({ id, expectedVersion, informed }, ctx) {
    const before = await current(ctx, id, expectedVersion);
    if (isErr(before)) return before;
    const issues = familyInformedIssues(informed, ctx.now.getTime());
    if (issues.length > 0) return validation(issues.map((x) => ({ ...x, path: `informed.${x.path}` })));
    const prior = await detailOf(ctx, id);
    const by = ctx.user?.id ?? null;
    const done = await ctx.q.appointments.update(
      id,
      expectedVersion,
      { familyInformedAt: new Date(informed.informedAt).toISOString(), familyInformedBy: by, familyInformedMethod: informed.method, familyContactName: informed.contactName, familyInformedNote: informed.note },
      ctx.nowIso,
      by,
    );
    if (!done) return changedElsewhere(ctx, 'appointment', id, before.version);
    return saved(ctx, id, prior);
  },

  async 'appointments.openOccurrence'({ seriesId, originalLocal }, ctx) {
    const existing = await ctx.q.appointments.byOccurrence(seriesId, originalLocal);
    if (existing) {
      // Opened before (another station, or twice): the same row, and the opening is on record.
      const d = await detailOf(ctx, existing.id);
      if (!d) return notFound();
      ctx.audit({ entity: 'appointment', entityId: d.id, before: d, after: d });
      return ok(d);
    }
    const s = await ctx.q.appointments.series(seriesId);
    if (!s) return err('not_found', 'appointments.notFound');
    const wall = requireLocal(originalLocal);
    const resolver = new WallResolver(s.series.timeZone, wall - 3 * DAY_MS, wall + 3 * DAY_MS);
    const o = expand(s.series, resolver.instant(wall - 2 * DAY_MS), resolver.instant(wall + 2 * DAY_MS), resolver).find((x) => formatLocal(x.originalWall) === originalLocal);
    if (!o) return fieldError('originalLocal', 'not_an_occurrence');
    const id = await ctx.q.appointments.insert(occurrenceRow(s, o, resolver), ctx.nowIso, ctx.user?.id ?? null);
    await ctx.q.appointments.writeExceptions(seriesId, opened(s.series, [originalLocal]), new Map(s.touched).set(originalLocal, id));
    return saved(ctx, id, null);
  },

  async 'appointments.createSeries'(i, ctx) {
    const details = await detailsOf(ctx, { ...i, endFold: null });
    if (isErr(details)) return details;
    const checked = checkSeriesInput(i, { timeZone: ctx.timeZone });
    if (!checked.ok) return validation(checked.issues);
    const series = checked.value;
    const gate = await conflictGate(ctx, i.residentId, seriesCandidates(series), i.conflictOverride, {});
    if (isErr(gate)) return gate;
    const by = ctx.user?.id ?? null;
    const id = await ctx.q.appointments.insertSeries({ ...details, dtstartLocal: series.dtstartLocal, timeZone: series.timeZone, rrule: series.rrule, untilLocal: series.untilLocal, durationMinutes: series.durationMinutes, splitFromId: null }, ctx.nowIso, by);
    await ctx.q.appointments.writeExceptions(id, series, new Map());
    await recordAccepted(ctx, { seriesId: id }, gate);
    const after = await ctx.q.appointments.series(id);
    ctx.audit({ entity: 'appointment_series', entityId: id, after: seriesOut(after!) });
    return ok(seriesOut(after!));
  },

  async 'appointments.getSeries'({ id }, ctx) {
    const s = await ctx.q.appointments.series(id);
    return s ? ok(seriesOut(s)) : notFound();
  },

  async 'appointments.editSeries'({ id, expectedVersion, edit }, ctx) {
    const s = await ctx.q.appointments.series(id);
    if (!s) return notFound();
    if (s.version !== expectedVersion) return changedElsewhere(ctx, 'appointment_series', id, s.version);
    if (s.cancelledAt !== null) return fieldError('id', 'series_cancelled');
    const by = ctx.user?.id ?? null;
    const r = edit.recurrence;
    const change: SeriesChange = {
      ...(edit.startTime !== null ? { startTime: edit.startTime } : {}),
      ...(edit.durationMinutes !== null ? { durationMinutes: edit.durationMinutes } : {}),
      ...(r !== null ? { rrule: formatRule({ freq: r.freq, interval: r.interval, byDay: r.byDay, byMonthDay: r.byMonthDay, bySetPos: r.bySetPos }) } : {}),
      ...(r !== null && r.end.kind === 'until' ? { untilLocal: `${r.end.date}T23:59:59` } : {}),
    };
    // A later time of day must not lose the last day's occurrence: the series still ends on that day.
    if (change.startTime !== undefined && change.untilLocal === undefined) change.untilLocal = `${s.series.untilLocal.slice(0, 10)}T23:59:59`;
    const before = seriesOut(s);
    // Touched occurrences follow a new time of day: their key (and their rows' occurrence_local) with them.
    const rk = rekeyer(s.series, change.startTime, edit.scope === 'following' ? edit.fromLocal : null);
    const renamed = [...s.touched].filter(([k]) => rk(k) !== k).map(([k, rowId]) => ({ id: rowId, key: rk(k) }));
    const touched = new Map([...s.touched].map(([k, rowId]) => [rk(k), rowId]));
    let target: { id: number; series: Series; touched: Map<string, number> };
    if (edit.scope === 'all') {
      const edited = editSeries(s.series, change);
      const issues = seriesIssues(edited.series, { timeZone: ctx.timeZone });
      if (issues.length > 0) return validation(issues);
      const gate = await conflictGate(ctx, s.residentId, seriesCandidates(untouched({ ...s, series: edited.series, touched })), edit.conflictOverride, { seriesId: id });
      if (isErr(gate)) return gate;
      const done = await ctx.q.appointments.updateSeries(id, expectedVersion, { dtstartLocal: edited.series.dtstartLocal, rrule: edited.series.rrule, untilLocal: edited.series.untilLocal, durationMinutes: edited.series.durationMinutes }, ctx.nowIso, by);
      if (!done) return changedElsewhere(ctx, 'appointment_series', id, s.version);
      await ctx.q.appointments.renameOccurrences(renamed);
      await ctx.q.appointments.writeExceptions(id, edited.series, touched);
      await recordAccepted(ctx, { seriesId: id }, gate);
      target = { id, series: edited.series, touched };
    } else {
      const split = editFollowing(s.series, edit.fromLocal!, change);
      if (!split.ok) return fieldError('fromLocal', split.reason);
      const next = split.value.after;
      if (next) {
        const issues = seriesIssues(next, { timeZone: ctx.timeZone });
        if (issues.length > 0) return validation(issues);
      }
      const gate = next ? await conflictGate(ctx, s.residentId, seriesCandidates(untouched({ ...s, series: next, touched })), edit.conflictOverride, { seriesId: id }) : { accepted: [], reason: null };
      if (isErr(gate)) return gate;
      await ctx.q.appointments.renameOccurrences(renamed);
      const applied = await applySplit(ctx, { ...s, touched }, expectedVersion, split.value.before, next);
      if (isErr(applied)) return applied;
      target = applied;
      await recordAccepted(ctx, { seriesId: target.id }, gate);
    }
    await syncTouched(ctx, id);
    if (target.id !== id) await syncTouched(ctx, target.id);
    const after = await ctx.q.appointments.series(target.id);
    ctx.audit({ entity: 'appointment_series', entityId: target.id, before, after: seriesOut(after!) });
    return ok(seriesOut(after!));
  },

  async 'appointments.cancelSeries'({ id, expectedVersion, fromLocal, reason }, ctx) {
    const s = await ctx.q.appointments.series(id);
    if (!s) return notFound();
    if (s.version !== expectedVersion) return changedElsewhere(ctx, 'appointment_series', id, s.version);
    if (s.cancelledAt !== null) return fieldError('id', 'series_cancelled');
    const by = ctx.user?.id ?? null;
    const before = seriesOut(s);
    let cancelledId = id;
    if (fromLocal !== null) {
      const split = splitSeries(s.series, fromLocal);
      if (!split.ok) return fieldError('fromLocal', split.reason);
      const target = await applySplit(ctx, s, expectedVersion, split.value.before, split.value.after);
      if (isErr(target)) return target;
      cancelledId = target.id;
    }
    if (cancelledId !== id || fromLocal === null) {
      const current = await ctx.q.appointments.seriesRaw(cancelledId);
      if (current) await ctx.q.appointments.updateSeries(cancelledId, current.version, { cancelledAt: ctx.nowIso, cancelledBy: by, cancelReason: reason }, ctx.nowIso, by);
      // Touched occurrences of the cancelled part that are still open are cancelled with it.
      for (const t of await ctx.q.appointments.touchedRows(cancelledId)) {
        const row = await ctx.q.appointments.stored(t.id);
        if (row && (row.status === 'scheduled' || row.status === 'confirmed')) {
          await ctx.q.appointments.update(row.id, row.version, { status: 'cancelled', statusAt: ctx.nowIso, statusBy: by, statusReason: reason }, ctx.nowIso, by);
          await ctx.q.appointments.addStatus(row.id, row.status, 'cancelled', reason, ctx.nowIso, by);
        }
      }
    }
    const after = await ctx.q.appointments.series(id);
    ctx.audit({ entity: 'appointment_series', entityId: id, before, after: { ...seriesOut(after!), cancelledFrom: fromLocal, reason } });
    return ok(seriesOut(after!));
  },

  async 'appointments.followUps'({ unitId }, ctx) {
    const now = ctx.now.getTime();
    const until = now + 14 * DAY_MS;
    const stored = await ctx.q.appointments.followUpRows(ctx.nowIso, iso(until), unitId);
    const series = await ctx.q.appointments.seriesIn({ fromLocal: formatLocal(now - 2 * DAY_MS), toLocal: formatLocal(until + 2 * DAY_MS), unitId });
    const rows = new Map<string, AppointmentRow>();
    for (const r of stored) rows.set(`a:${r.id}`, rowOfPage(r));
    for (const r of occurrenceRows(series, now, until, ctx.timeZone)) rows.set(r.key, r);
    const input: FollowUpRow<string>[] = [...rows.values()].map((r) => ({
      ref: r.key,
      start: Date.parse(r.startAt),
      status: r.status,
      setting: r.setting,
      newOrders: r.newOrders,
      followUpDue: r.followUpDue,
      followedUpAt: r.followedUpAt,
      hasTransport: r.transportArranged,
      familyInformedAt: r.familyInformedAt,
    }));
    const lists = followUps(input, { nowMs: now, today: ctx.today });
    return ok({
      newOrders: lists.newOrders.map((x) => ({ row: rows.get(x.ref)!, due: x.due, overdue: x.overdue })),
      needsTransport: lists.needsTransport.map((x) => ({ row: rows.get(x.ref)!, due: null, overdue: false })),
      familyNotInformed: lists.familyNotInformed.map((x) => ({ row: rows.get(x.ref)!, due: null, overdue: false })),
    });
  },

  async 'appointments.exportIcs'({ residentId, unitId, from, to, content }, ctx) {
    if ((residentId === null) === (unitId === null)) return fieldError('residentId', 'choose_resident_or_unit');
    if (to < from) return fieldError('to', 'until_before_start');
    if (addDays(from, MAX_RANGE_DAYS) < to) return fieldError('to', 'range_too_long', { max: MAX_RANGE_DAYS });
    const { w, filter } = filterOf({ from, to, type: null, status: null, unitId, residentId, needsTransport: false, followUpDue: false, familyNotInformed: false }, ctx);
    const stored: PageRow[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await ctx.q.appointments.page(filter, 500, offset);
      stored.push(...page);
      if (page.length < 500 || stored.length >= 10_000) break;
    }
    const series = await ctx.q.appointments.seriesIn({ fromLocal: w.fromLocal, toLocal: w.toLocal, unitId, residentIds: residentId ? [residentId] : null });
    const detailsOfRow = (r: { type: PageRow['type']; setting: PageRow['setting']; residentName: string; providerName: string | null; locationName: string | null; preparationItems: PageRow['preparationItems'] }): IcsDetails => ({
      type: r.type,
      setting: r.setting,
      residentName: r.residentName,
      providerName: r.providerName,
      locationName: r.locationName,
      address: null,
      phone: null,
      preparation: { items: r.preparationItems, note: null },
    });
    // Touched occurrences are exported as one-offs; their series without them.
    const language = ctx.user?.language ?? 'en';
    const built = buildIcs({
      timeZone: ctx.timeZone,
      language,
      content,
      appointments: stored.map((r) => ({ uid: `appointment-${r.id}@caredesk`, start: Date.parse(r.startAt), end: Date.parse(r.endAt), status: r.status, details: detailsOfRow(r) })),
      series: series.map((s) => ({ uid: `series-${s.id}@caredesk`, series: untouched(s), details: detailsOfRow(s) })),
      name: language === 'es' ? es.appointments.title : en.appointments.title,
      nowMs: ctx.now.getTime(),
    });
    if (!built.ok) return fieldError('timeZone', built.reason);
    const events = (built.value.match(/BEGIN:VEVENT/g) ?? []).length;
    // The export itself is the record: what, for whom, which window and which details went out (not the file).
    ctx.audit({ entity: 'appointment_export', entityId: residentId ?? unitId, after: { residentId, unitId, from, to, content, events } });
    return ok({ fileName: `appointments-${from}-${to}.ics`, text: built.value, events });
  },

  async 'appointments.providers'({ query, includeInactive }, ctx) {
    return ok({ rows: (await ctx.q.appointments.providers(query, includeInactive)).map(providerOut) });
  },

  async 'appointments.createProvider'(i, ctx) {
    const id = await ctx.q.appointments.insertProvider(i, ctx.nowIso, ctx.user?.id ?? null);
    const after = providerOut((await ctx.q.appointments.provider(id))!);
    ctx.audit({ entity: 'appointment_provider', entityId: id, after });
    return ok(after);
  },

  async 'appointments.updateProvider'({ id, expectedVersion, ...f }, ctx) {
    const before = await ctx.q.appointments.provider(id);
    if (!before) return notFound();
    if (before.version !== expectedVersion || !(await ctx.q.appointments.updateProvider(id, expectedVersion, f, ctx.nowIso, ctx.user?.id ?? null))) return changedElsewhere(ctx, 'appointment_provider', id, before.version);
    const after = providerOut((await ctx.q.appointments.provider(id))!);
    ctx.audit({ entity: 'appointment_provider', entityId: id, before: providerOut(before), after });
    return ok(after);
  },

  async 'appointments.mergeProviders'({ fromId, intoId }, ctx) {
    if (fromId === intoId) return fieldError('intoId', 'same_provider');
    const from = await ctx.q.appointments.provider(fromId);
    const into = await ctx.q.appointments.provider(intoId);
    if (!from || from.mergedIntoId !== null) return fieldError('fromId', 'unknown_provider');
    if (!into || into.mergedIntoId !== null) return fieldError('intoId', 'unknown_provider');
    const by = ctx.user?.id ?? null;
    const moved = await ctx.q.appointments.repointProvider(fromId, intoId, ctx.nowIso, by);
    await ctx.q.appointments.updateProvider(fromId, from.version, { mergedIntoId: intoId, active: false }, ctx.nowIso, by);
    const after = providerOut((await ctx.q.appointments.provider(intoId))!);
    ctx.audit({ entity: 'appointment_provider', entityId: fromId, before: providerOut(from), after: { mergedIntoId: intoId, ...moved } });
    return ok(after);
  },
});

/** How "change the time of day" renames the key of each touched occurrence (as editSeries rekeys overrides). */
function rekeyer(series: Series, startTime: string | undefined, from: string | null): (key: string) => string {
  if (startTime === undefined) return (k) => k;
  const oldRule = new Set(allWalls(series, { exdates: false, rdates: false }));
  const delta = requireLocal(`1970-01-01T${startTime}`) - timeOfDayMs(requireLocal(series.dtstartLocal));
  return (k) => {
    if (from !== null && k < from) return k;
    const w = requireLocal(k);
    return oldRule.has(w) ? formatLocal(w + delta) : k;
  };
}

/** Writes a split: the old part ends before S (or is cancelled when nothing is left), the new part is a new series. */
async function applySplit(ctx: HandlerContext, s: StoredSeries, expectedVersion: number, before: Series | null, following: Series | null): Promise<{ id: number; series: Series; touched: Map<string, number> } | Err> {
  const by = ctx.user?.id ?? null;
  const touchedBefore = new Map([...s.touched].filter(([k]) => before?.overrides.some((o) => o.originalLocal === k)));
  const touchedAfter = new Map([...s.touched].filter(([k]) => following?.overrides.some((o) => o.originalLocal === k)));
  if (before) {
    const done = await ctx.q.appointments.updateSeries(s.id, expectedVersion, { untilLocal: before.untilLocal }, ctx.nowIso, by);
    if (!done) return changedElsewhere(ctx, 'appointment_series', s.id, s.version);
    await ctx.q.appointments.writeExceptions(s.id, before, touchedBefore);
  }
  if (!following) return { id: s.id, series: before!, touched: touchedBefore };
  if (!before) {
    // Splitting at the first occurrence: the whole series changes in place.
    const done = await ctx.q.appointments.updateSeries(s.id, expectedVersion, { dtstartLocal: following.dtstartLocal, rrule: following.rrule, untilLocal: following.untilLocal, durationMinutes: following.durationMinutes }, ctx.nowIso, by);
    if (!done) return changedElsewhere(ctx, 'appointment_series', s.id, s.version);
    await ctx.q.appointments.writeExceptions(s.id, following, touchedAfter);
    return { id: s.id, series: following, touched: touchedAfter };
  }
  const id = await ctx.q.appointments.insertSeries(
    { ...s, dtstartLocal: following.dtstartLocal, timeZone: following.timeZone, rrule: following.rrule, untilLocal: following.untilLocal, durationMinutes: following.durationMinutes, splitFromId: s.id },
    ctx.nowIso,
    by,
  );
  await ctx.q.appointments.moveTouched([...touchedAfter.values()], id);
  await ctx.q.appointments.writeExceptions(id, following, touchedAfter);
  return { id, series: following, touched: touchedAfter };
}


/** The appointment row an occurrence becomes when it is opened (its own details, outcome, ride). */
function occurrenceRow(s: StoredSeries, o: Occurrence, resolver: WallResolver) {
  return {
    ...s,
    startAt: iso(o.start),
    endAt: iso(o.end),
    startLocal: formatLocal(o.wall),
    endLocal: formatLocal(resolver.wallOf(o.end)),
    startFold: o.override?.startFold === 'later' ? ('later' as const) : null,
    endFold: null,
    seriesId: s.id,
    occurrenceLocal: formatLocal(o.originalWall),
    status: o.status,
  };
}

/** The series with an (empty) override for each opened key that has none, so the row is found by its key. */
function opened(series: Series, keys: readonly string[]): Series {
  const have = new Set(series.overrides.map((x) => x.originalLocal));
  const added = keys.filter((k) => !have.has(k)).map((originalLocal) => ({ originalLocal, startLocal: null, startFold: 'earlier' as const, durationMinutes: null, status: null }));
  return added.length === 0 ? series : { ...series, overrides: [...series.overrides, ...added] };
}

/**
 * Opens every occurrence of a series from `fromLocal` (an original local start) on, in one pass:
 * a standing ride needs an appointment row per occurrence to hang its booking on. Returns each
 * occurrence that is not cancelled with its row (already opened ones keep theirs). A series is bounded
 * by the facility's horizon, so this is at most a few hundred rows. With `notBefore` (an instant),
 * occurrences that start earlier are left as they are: a past date gains nothing from a row.
 */
export async function openOccurrences(ctx: HandlerContext, seriesId: number, fromLocal: string, notBefore?: string): Promise<{ key: string; appointmentId: number; startsAt: string }[]> {
  const s = await ctx.q.appointments.series(seriesId);
  if (!s || s.cancelledAt !== null) return [];
  const first = Math.max(requireLocal(fromLocal), requireLocal(s.series.dtstartLocal)) - 2 * DAY_MS;
  const last = requireLocal(s.series.untilLocal, { seconds: true }) + 40 * DAY_MS;
  const resolver = new WallResolver(s.series.timeZone, first - 40 * DAY_MS, last + DAY_MS);
  const occurrences = expand(s.series, resolver.instant(first - 40 * DAY_MS), resolver.instant(last), resolver).filter((o) => formatLocal(o.originalWall) >= fromLocal && o.status !== 'cancelled');
  const touched = new Map(s.touched);
  const out: { key: string; appointmentId: number; startsAt: string }[] = [];
  const by = ctx.user?.id ?? null;
  for (const o of occurrences) {
    if (notBefore !== undefined && iso(o.start) < notBefore) continue;
    const key = formatLocal(o.originalWall);
    let id = touched.get(key);
    if (id === undefined) {
      id = await ctx.q.appointments.insert(occurrenceRow(s, o, resolver), ctx.nowIso, by);
      touched.set(key, id);
    }
    out.push({ key, appointmentId: id, startsAt: iso(o.start) });
  }
  if (touched.size !== s.touched.size) await ctx.q.appointments.writeExceptions(seriesId, opened(s.series, [...touched.keys()]), touched);
  return out;
}

/** The not-yet-opened occurrences of every series in the facility dates [from, to], as list rows. */
export async function unopenedOccurrences(ctx: HandlerContext, from: string, to: string): Promise<AppointmentRow[]> {
  const w = windowOf(from, to, ctx.timeZone);
  const series = await ctx.q.appointments.seriesIn({ fromLocal: w.fromLocal, toLocal: w.toLocal });
  return occurrenceRows(series, w.fromMs, w.toMs, ctx.timeZone);
}
