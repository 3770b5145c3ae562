import { RRuleTemporal } from 'rrule-temporal';
import { compactLocal, DAY_MS, formatLocal, MINUTE_MS, parseLocal, requireLocal, timeOfDayMs, type LocalDateTime } from './local-time';
import { WallResolver, resolverAround, type FoldChoice, type Shift } from './resolver';
import type { AppointmentStatus } from './vocabulary';

/**
 * Recurring series, stored as the handbook's RECURRENCE.md prescribes: local wall times plus the
 * zone, never instants. 06:30 on a dialysis Monday stays 06:30 on the clinic's clock across every
 * DST change, and the instants are derived at expansion time by our resolver (resolver.ts).
 *
 * Expansion runs rrule-temporal (pinned 2.2.8) in *floating* mode: DTSTART is given as a UTC wall
 * time, so the library does calendar arithmetic only and returns wall times in epochMilliseconds;
 * we resolve them. Only epochMilliseconds is read from the library's objects: it bundles its own
 * Temporal, and mixing two Temporal implementations fails in surprising ways.
 */

/** One occurrence changed on its own: moved, re-timed, or given its own status. */
export interface OccurrenceOverride {
  /** The occurrence's start as the rule generated it (local wall time): the key. */
  originalLocal: LocalDateTime;
  /** Where it was moved to (local wall time), or null when only its details changed. */
  startLocal: LocalDateTime | null;
  /**
   * Which instant a moved start means when it falls in a fold (the repeated hour). Generated
   * occurrences always take the first; a person who moved one may have chosen the second.
   */
  startFold: FoldChoice;
  durationMinutes: number | null;
  /** Null: the series' default (scheduled). */
  status: AppointmentStatus | null;
}

export interface Series {
  /** First occurrence's local start 'YYYY-MM-DDTHH:mm'. Its time of day is every occurrence's. */
  dtstartLocal: LocalDateTime;
  /** IANA zone of the wall times: the facility's. */
  timeZone: string;
  /** RRULE body without DTSTART, UNTIL or COUNT (see rule.ts). */
  rrule: string;
  /** Last possible local start, inclusive, 'YYYY-MM-DDTHH:mm:ss' (a split sets it to S − 1 s). */
  untilLocal: string;
  durationMinutes: number;
  /** Occurrences removed from the series (by their original local start). */
  exdates: readonly LocalDateTime[];
  /** Extra occurrences outside the rule (local starts). */
  rdates: readonly LocalDateTime[];
  overrides: readonly OccurrenceOverride[];
}

export interface Occurrence {
  /** Wall ms of the start the rule (or RDATE) generated: with formatLocal, the override key. */
  originalWall: number;
  /** Wall ms of the start as scheduled (differs from originalWall when moved). */
  wall: number;
  /** Epoch ms. */
  start: number;
  end: number;
  /** The wall time was skipped (moved forward by the gap) or repeated (first taken): show it. */
  shift: Shift | null;
  status: AppointmentStatus;
  override: OccurrenceOverride | null;
}

// ---------------------------------------------------------------------------------------------
// Building the library's rule

interface Walls {
  dtstart: number;
  until: number;
}

function wallsOf(series: Series): Walls {
  return { dtstart: requireLocal(series.dtstartLocal), until: requireLocal(series.untilLocal, { seconds: true }) };
}

function dateList(name: string, locals: readonly string[]): string {
  if (locals.length === 0) return '';
  return `\n${name};TZID=UTC:${locals.map((l) => compactLocal(requireLocal(l))).join(',')}`;
}

/**
 * The floating-mode iCalendar text: 'DTSTART;TZID=UTC:<wall>' and UNTIL as '<wall>Z'. With a UTC
 * DTSTART, RFC 5545 wants UNTIL in UTC, and since everything here is "wall read as UTC" the digits
 * are the local until.
 */
function floatingText(series: Series, walls: Walls, parts: { exdates: boolean; rdates: boolean }): string {
  let text = `DTSTART;TZID=UTC:${compactLocal(walls.dtstart)}\nRRULE:${series.rrule};UNTIL=${compactLocal(walls.until)}Z`;
  if (parts.exdates) text += dateList('EXDATE', series.exdates);
  if (parts.rdates) text += dateList('RDATE', series.rdates);
  return text;
}

function libraryRule(series: Series, walls: Walls, parts = { exdates: true, rdates: true }): RRuleTemporal {
  return new RRuleTemporal({ rruleString: floatingText(series, walls, parts) });
}

/** The floating iCalendar text of a series (the bench's baseline calls the library with it directly). */
export function floatingRuleText(series: Series): string {
  return floatingText(series, wallsOf(series), { exdates: true, rdates: true });
}

function wallsBetween(rule: RRuleTemporal, fromWall: number, toWall: number): number[] {
  const found = rule.between(new Date(fromWall), new Date(toWall), true);
  const out = new Array<number>(found.length);
  for (let i = 0; i < found.length; i++) out[i] = found[i]!.epochMilliseconds;
  return out;
}

/** Every start wall of the series (rule, RDATEs, minus EXDATEs), unmoved. Bounded by untilLocal. */
export function allWalls(series: Series, parts = { exdates: true, rdates: true }): number[] {
  const walls = wallsOf(series);
  return libraryRule(series, walls, parts)
    .all()
    .map((z) => z.epochMilliseconds);
}

// ---------------------------------------------------------------------------------------------
// Expansion

const SORTED = (a: Occurrence, b: Occurrence) => a.start - b.start || a.originalWall - b.originalWall;

/**
 * The occurrences of a series that start in [from, to) (epoch ms), moved and re-timed by their
 * overrides, sorted by start. Cancelled overrides are included (status 'cancelled'): what a
 * screen shows; filter with occupiesTime() for conflicts. EXDATEs are gone.
 *
 * Pass a `resolver` built for the zone and window to share it across many series.
 */
export function expand(series: Series, from: number, to: number, resolver?: WallResolver): Occurrence[] {
  const walls = wallsOf(series);
  // A wall time w is instant w − offset, and offsets lie within ±14 h: a day of margin is enough.
  const askFrom = from - DAY_MS;
  const askTo = to + DAY_MS;
  const r = resolver ?? new WallResolver(series.timeZone, askFrom, askTo);
  const generated = wallsBetween(libraryRule(series, walls), askFrom, askTo);
  const durationMs = series.durationMinutes * MINUTE_MS;
  const out: Occurrence[] = [];

  const overrides = series.overrides.length === 0 ? null : new Map(series.overrides.map((o) => [requireLocal(o.originalLocal), o]));
  const seen = overrides === null ? null : new Set<number>();
  let sorted = true;
  for (let i = 0; i < generated.length; i++) {
    const wall = generated[i]!;
    if (overrides !== null && overrides.has(wall)) {
      seen!.add(wall);
      continue;
    }
    const start = r.instant(wall);
    if (start < from || start >= to) continue;
    const previous = out[out.length - 1];
    if (previous !== undefined && previous.start > start) sorted = false;
    out.push({ originalWall: wall, wall, start, end: start + durationMs, shift: r.shift(wall), status: 'scheduled', override: null });
  }
  if (overrides !== null) {
    for (const [original, o] of overrides) {
      const wall = o.startLocal === null ? original : requireLocal(o.startLocal);
      const rr = wall >= askFrom && wall <= askTo ? r : resolverAround(series.timeZone, wall);
      const start = rr.instant(wall, o.startFold);
      if (start < from || start >= to) continue;
      // An override is only an occurrence while the series still generates its key; outside the
      // window we asked the library about, ask again for that one wall time (rare: a moved one).
      const generatedHere = original >= askFrom && original <= askTo ? seen!.has(original) : isGeneratedWall(series, walls, original);
      if (!generatedHere) continue;
      const duration = (o.durationMinutes ?? series.durationMinutes) * MINUTE_MS;
      out.push({ originalWall: original, wall, start, end: start + duration, shift: rr.shift(wall), status: o.status ?? 'scheduled', override: o });
      sorted = false;
    }
  }
  if (!sorted) out.sort(SORTED);
  return out;
}

function isGeneratedWall(series: Series, walls: Walls, wall: number): boolean {
  const hits = wallsBetween(libraryRule(series, walls), wall - MINUTE_MS, wall + MINUTE_MS);
  return hits.includes(wall);
}

/** Whether the series (rule or RDATE, not removed by an EXDATE) generates this original local start. */
export function isOccurrenceOf(series: Series, originalLocal: LocalDateTime): boolean {
  const wall = parseLocal(originalLocal);
  return wall !== null && isGeneratedWall(series, wallsOf(series), wall);
}

/** Every occurrence of the whole series (bounded by its until), for validation and exports. */
export function expandAll(series: Series): Occurrence[] {
  const walls = wallsOf(series);
  // Instants from the first wall's day before to the day after until: the whole series.
  let from = walls.dtstart;
  for (const r of series.rdates) from = Math.min(from, requireLocal(r));
  for (const o of series.overrides) if (o.startLocal !== null) from = Math.min(from, requireLocal(o.startLocal));
  let to = walls.until;
  for (const r of series.rdates) to = Math.max(to, requireLocal(r));
  for (const o of series.overrides) if (o.startLocal !== null) to = Math.max(to, requireLocal(o.startLocal));
  return expand(series, from - DAY_MS, to + DAY_MS);
}

/** Where a series' occurrences lie: the local starts of its first and last one. */
export interface SeriesBounds {
  firstLocal: LocalDateTime;
  lastLocal: string;
}

/**
 * The local starts of a series' first and last occurrence, moved ones where they were moved to
 * and cancelled ones included (a screen shows them): a window that reaches neither side of them
 * holds none of its occurrences, so a list need not read the series (stored as `first_local` and
 * `last_local`). A series with no occurrence left keeps the rule's own span: never narrower than
 * the truth.
 */
export function seriesBounds(series: Series): SeriesBounds {
  let first = Infinity;
  let last = -Infinity;
  for (const o of expandAll(series)) {
    if (o.wall < first) first = o.wall;
    if (o.wall > last) last = o.wall;
  }
  return first === Infinity ? { firstLocal: series.dtstartLocal, lastLocal: series.untilLocal } : { firstLocal: formatLocal(first), lastLocal: formatLocal(last) };
}

// ---------------------------------------------------------------------------------------------
// One occurrence

export type OccurrenceError = 'not_an_occurrence';
export type SeriesResult = { ok: true; value: Series } | { ok: false; reason: OccurrenceError };

export interface OccurrenceChange {
  startLocal?: LocalDateTime | null;
  startFold?: FoldChoice;
  durationMinutes?: number | null;
  status?: AppointmentStatus | null;
}

/**
 * Changes one occurrence, keyed by its original local start: move it, change its duration or give
 * it its own status. A second change to the same occurrence updates the same override.
 */
export function overrideOccurrence(series: Series, originalLocal: LocalDateTime, change: OccurrenceChange): SeriesResult {
  if (!isOccurrenceOf(series, originalLocal)) return { ok: false, reason: 'not_an_occurrence' };
  const key = formatLocal(requireLocal(originalLocal));
  const existing = series.overrides.find((o) => o.originalLocal === key);
  const next: OccurrenceOverride = {
    originalLocal: key,
    startLocal: change.startLocal !== undefined ? change.startLocal : (existing?.startLocal ?? null),
    startFold: change.startFold ?? existing?.startFold ?? 'earlier',
    durationMinutes: change.durationMinutes !== undefined ? change.durationMinutes : (existing?.durationMinutes ?? null),
    status: change.status !== undefined ? change.status : (existing?.status ?? null),
  };
  return { ok: true, value: { ...series, overrides: [...series.overrides.filter((o) => o.originalLocal !== key), next].sort(byKey) } };
}

/**
 * Cancels one occurrence. It stays in the series as a cancelled override, because a cancellation
 * is a fact with who and when (kept by the appointment row the data layer links to the key);
 * removeOccurrence is for an occurrence that should never have been generated.
 */
export function cancelOccurrence(series: Series, originalLocal: LocalDateTime): SeriesResult {
  return overrideOccurrence(series, originalLocal, { status: 'cancelled' });
}

/** Takes one occurrence out of the series (an EXDATE); any override of it goes too. */
export function removeOccurrence(series: Series, originalLocal: LocalDateTime): SeriesResult {
  if (!isOccurrenceOf(series, originalLocal)) return { ok: false, reason: 'not_an_occurrence' };
  const key = formatLocal(requireLocal(originalLocal));
  return {
    ok: true,
    value: {
      ...series,
      // An RDATE that is removed is simply no longer added.
      rdates: series.rdates.filter((r) => r !== key),
      exdates: series.rdates.includes(key) ? series.exdates : [...series.exdates, key].sort(),
      overrides: series.overrides.filter((o) => o.originalLocal !== key),
    },
  };
}

const byKey = (a: OccurrenceOverride, b: OccurrenceOverride) => (a.originalLocal < b.originalLocal ? -1 : a.originalLocal > b.originalLocal ? 1 : 0);

// ---------------------------------------------------------------------------------------------
// This and following

export interface Detached {
  /** The original local start of an occurrence that no series generates any more. */
  originalLocal: LocalDateTime;
  /** Its override, if it had one (moved, own status): the data layer keeps it as a one-off. */
  override: OccurrenceOverride | null;
}

export interface Split {
  /** The occurrences before S; null when S was the first occurrence (the whole series moves on). */
  before: Series | null;
  /** From S on; null when only RDATEs remain after S (they come back in `detached`). */
  after: Series | null;
  detached: Detached[];
}

export type SplitResult = { ok: true; value: Split } | { ok: false; reason: OccurrenceError };

/**
 * "This and following": cuts the series at the occurrence whose original start is S. The old
 * series ends one second before S (untilLocal = S − 1 s), the new one starts at S with the same
 * rule, and the EXDATEs, RDATEs and overrides from S on move with it — so together the two
 * generate exactly the occurrences of the original: no duplicate, no hole. Then apply the change
 * to `after` with editSeries.
 */
export function splitSeries(series: Series, atLocal: LocalDateTime): SplitResult {
  if (!isOccurrenceOf(series, atLocal)) return { ok: false, reason: 'not_an_occurrence' };
  const s = requireLocal(atLocal);
  const walls = wallsOf(series);
  const ruleOnly = libraryRule(series, walls, { exdates: false, rdates: false });
  const firstRuleAtOrAfter = ruleOnly.next(new Date(s), true)?.epochMilliseconds ?? null;

  const isBefore = (l: string) => requireLocal(l) < s;
  const beforePart: Series = {
    ...series,
    untilLocal: formatLocal(s - 1000, { seconds: true }),
    exdates: series.exdates.filter(isBefore),
    rdates: series.rdates.filter(isBefore),
    overrides: series.overrides.filter((o) => isBefore(o.originalLocal)),
  };
  const afterExdates = series.exdates.filter((l) => !isBefore(l));
  const afterRdates = series.rdates.filter((l) => !isBefore(l));
  const afterOverrides = series.overrides.filter((o) => !isBefore(o.originalLocal));

  const before = allWalls(beforePart).length > 0 ? beforePart : null;
  if (firstRuleAtOrAfter === null || firstRuleAtOrAfter > walls.until) {
    const detached = afterRdates
      .filter((r) => !afterExdates.includes(r))
      .map((r) => ({ originalLocal: r, override: afterOverrides.find((o) => o.originalLocal === r) ?? null }));
    return { ok: true, value: { before, after: null, detached } };
  }
  const after: Series = {
    ...series,
    dtstartLocal: formatLocal(firstRuleAtOrAfter),
    exdates: afterExdates,
    rdates: afterRdates,
    overrides: afterOverrides,
  };
  return { ok: true, value: { before, after, detached: [] } };
}

// ---------------------------------------------------------------------------------------------
// Editing the whole series (or the part after a split)

export interface SeriesChange {
  /** New time of day 'HH:mm' for every rule occurrence. */
  startTime?: string;
  durationMinutes?: number;
  rrule?: string;
  untilLocal?: string;
}

export interface Edited {
  series: Series;
  /** Overrides whose occurrence the changed rule no longer generates: keep them as one-offs or let a person decide. */
  orphans: OccurrenceOverride[];
}

/**
 * Applies a change to every occurrence while keeping the exceptions (EXDATEs and overrides):
 * exceptions of rule occurrences follow a new time of day (the 06:30 override becomes the 07:00
 * override of the same day), moved overrides keep where they were moved to, RDATE exceptions keep
 * their own time. An exception the new rule no longer generates is an orphan: an EXDATE is
 * dropped (there is nothing left to remove), an override is returned so no moved appointment or
 * recorded detail is lost silently.
 */
export function editSeries(series: Series, change: SeriesChange): Edited {
  const walls = wallsOf(series);
  const oldRule = new Set(allWalls(series, { exdates: false, rdates: false }));
  const oldTime = timeOfDayMs(walls.dtstart);
  const newTime = change.startTime === undefined ? oldTime : requireLocal(`1970-01-01T${change.startTime}`);
  const delta = newTime - oldTime;
  const rekey = (local: string) => {
    const w = requireLocal(local);
    return oldRule.has(w) ? formatLocal(w + delta) : local;
  };

  const rekeyed = series.overrides.map((o) => ({ before: o, after: { ...o, originalLocal: rekey(o.originalLocal) } }));
  const draft: Series = {
    ...series,
    dtstartLocal: formatLocal(walls.dtstart + delta),
    durationMinutes: change.durationMinutes ?? series.durationMinutes,
    rrule: change.rrule ?? series.rrule,
    untilLocal: change.untilLocal ?? series.untilLocal,
    exdates: series.exdates.map(rekey),
    overrides: rekeyed.map((p) => p.after),
  };
  const newWalls = allWalls(draft, { exdates: false, rdates: false });
  const newRule = new Set(newWalls);
  // DTSTART stays the rule's first occurrence (a new rule may not generate the old one):
  // iCalendar readers count DTSTART as an occurrence whether or not the rule does.
  if (newWalls.length > 0 && newWalls[0] !== requireLocal(draft.dtstartLocal)) draft.dtstartLocal = formatLocal(newWalls[0]!);
  const rdates = new Set(draft.rdates.map((l) => requireLocal(l)));
  const generated = (local: string) => {
    const w = requireLocal(local);
    return newRule.has(w) || rdates.has(w);
  };
  return {
    series: {
      ...draft,
      exdates: [...new Set(draft.exdates.filter(generated))].sort(),
      overrides: draft.overrides.filter((o) => generated(o.originalLocal)).sort(byKey),
    },
    // Orphans keep their old key: the one the data layer stored them under.
    orphans: rekeyed.filter((p) => !generated(p.after.originalLocal)).map((p) => p.before),
  };
}

/** "This and following" with a change: split at S, then edit the part from S on. */
export function editFollowing(series: Series, atLocal: LocalDateTime, change: SeriesChange): { ok: true; value: Split & { orphans: OccurrenceOverride[] } } | { ok: false; reason: OccurrenceError } {
  const split = splitSeries(series, atLocal);
  if (!split.ok) return split;
  if (split.value.after === null) return { ok: true, value: { ...split.value, orphans: [] } };
  const edited = editSeries(split.value.after, change);
  return { ok: true, value: { ...split.value, after: edited.series, orphans: edited.orphans } };
}
