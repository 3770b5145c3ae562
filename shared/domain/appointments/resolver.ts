import { Temporal } from 'temporal-polyfill';
import { DAY_MS } from './local-time';

/**
 * Wall time → instant in one IANA zone, by RFC 5545 §3.3.5 (= Temporal's disambiguation
 * 'compatible'): a wall time skipped by a spring-forward gap moves forward by the length of the
 * gap (02:30 → 03:30), a wall time repeated by a fall-back fold takes its first occurrence. We
 * never drop an occurrence (§3.3.10 would allow it; rrule-temporal ≥ 2.2.6 does, in zoned mode),
 * because a dropped 02:30 dialysis is a missed treatment, and we flag every shifted occurrence.
 *
 * Why our own resolver instead of the library's zoned mode: its gap handling changed twice within
 * 2.x (see the handbook's RECURRENCE.md), and asking Temporal per occurrence costs more than the
 * expansion itself. A zone has about two transitions a year, so each window needs a handful of
 * comparisons per occurrence.
 *
 * For a transition at instant t with offsets `before` and `after`, the wall clock reads
 * wb = t + before just before it and wa = t + after just after. Walls in [min(wb, wa), max(wb, wa))
 * are the gap (wb < wa) or the fold (wa < wb); both resolve with `before`: in a gap that lands
 * past t (shifted forward by the gap), in a fold it is the first of the two. Walls below the
 * range use the offset before; walls above it, the offset after.
 */

export type Shift = 'gap' | 'fold';
export type FoldChoice = 'earlier' | 'later';

interface Transition {
  /** Instant of the change, epoch ms. */
  at: number;
  before: number;
  after: number;
  /** Wall-ms range [lo, hi) that is skipped (gap) or repeated (fold). */
  lo: number;
  hi: number;
}

interface YearTable {
  /** Offset in force at the start of the year (UTC), for zones with no transition that year. */
  startOffset: number;
  transitions: Transition[];
}

const NS_PER_MS = 1_000_000;
const tables = new Map<string, Map<number, YearTable>>();

function offsetMsAt(zone: string, epochMs: number): number {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone).offsetNanoseconds / NS_PER_MS;
}

// Transitions whose instant falls in the UTC year, computed once per zone and year. Temporal's
// getTimeZoneTransition is the one authority on the zone's rules (the polyfill reads them from Intl).
function yearTable(zone: string, year: number): YearTable {
  let byYear = tables.get(zone);
  if (byYear === undefined) {
    byYear = new Map();
    tables.set(zone, byYear);
  }
  const cached = byYear.get(year);
  if (cached !== undefined) return cached;
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const transitions: Transition[] = [];
  let cursor: Temporal.ZonedDateTime | null = Temporal.Instant.fromEpochMilliseconds(start - 1).toZonedDateTimeISO(zone);
  for (;;) {
    cursor = cursor.getTimeZoneTransition('next');
    if (cursor === null || cursor.epochMilliseconds >= end) break;
    const at = cursor.epochMilliseconds;
    const after = cursor.offsetNanoseconds / NS_PER_MS;
    const before = offsetMsAt(zone, at - 1);
    // Some "transitions" change only the zone's name or DST flag, not the offset: nothing to resolve.
    if (before === after) continue;
    const wb = at + before;
    const wa = at + after;
    transitions.push({ at, before, after, lo: Math.min(wb, wa), hi: Math.max(wb, wa) });
  }
  const table = { startOffset: offsetMsAt(zone, start), transitions };
  byYear.set(year, table);
  return table;
}

/**
 * Resolves wall times within one window of one zone. Build it once per window (expansion of many
 * series in one zone shares it) and call `instant` per wall time.
 */
export class WallResolver {
  readonly zone: string;
  private readonly transitions: Transition[];
  private readonly fallback: number;

  /** `fromWall` and `toWall` bound the wall times that will be asked (a day of margin is added). */
  constructor(zone: string, fromWall: number, toWall: number) {
    this.zone = zone;
    const firstYear = new Date(fromWall - 2 * DAY_MS).getUTCFullYear();
    const lastYear = new Date(toWall + 2 * DAY_MS).getUTCFullYear();
    const transitions: Transition[] = [];
    for (let y = firstYear; y <= lastYear; y++) transitions.push(...yearTable(zone, y).transitions);
    this.transitions = transitions;
    this.fallback = yearTable(zone, firstYear).startOffset;
  }

  /** Epoch ms of a wall time, by the compatible rule (or the later instant in a fold when asked). */
  instant(wall: number, fold: FoldChoice = 'earlier'): number {
    const ts = this.transitions;
    for (let i = 0; i < ts.length; i++) {
      const t = ts[i]!;
      if (wall < t.hi) {
        if (fold === 'later' && wall >= t.lo && t.after < t.before) return wall - t.after;
        return wall - t.before;
      }
    }
    const last = ts[ts.length - 1];
    return wall - (last === undefined ? this.fallback : last.after);
  }

  /** Whether the wall time falls in a gap or a fold (null: it exists exactly once). */
  shift(wall: number): Shift | null {
    for (const t of this.transitions) {
      if (wall < t.lo) return null;
      if (wall < t.hi) return t.after > t.before ? 'gap' : 'fold';
    }
    return null;
  }

  /** The transition whose gap or fold holds this wall time, if any. */
  transitionAt(wall: number): { lo: number; hi: number; before: number; after: number } | null {
    for (const t of this.transitions) {
      if (wall < t.lo) return null;
      if (wall < t.hi) return { lo: t.lo, hi: t.hi, before: t.before, after: t.after };
    }
    return null;
  }

  /** UTC offset (ms) in force at an instant within the window. */
  offsetAt(epochMs: number): number {
    let offset = this.fallback;
    for (const t of this.transitions) {
      if (epochMs < t.at) return t.before;
      offset = t.after;
    }
    return offset;
  }

  /** The wall time an instant shows on the zone's clocks. */
  wallOf(epochMs: number): number {
    return epochMs + this.offsetAt(epochMs);
  }
}

/** A resolver around a single wall time (validation of one typed time). */
export function resolverAround(zone: string, wall: number): WallResolver {
  return new WallResolver(zone, wall - DAY_MS, wall + DAY_MS);
}

export type WallInspection =
  | { kind: 'exists'; instant: number }
  /** Skipped by a gap: `instant` is the compatible resolution; [gapStart, gapEnd) are the missing wall times. */
  | { kind: 'gap'; instant: number; gapStart: number; gapEnd: number }
  /** Repeated by a fold: both instants, earlier first. */
  | { kind: 'fold'; earlier: number; later: number };

/** What a typed wall time means in a zone: one instant, none (gap) or two (fold). */
export function inspectWall(zone: string, wall: number): WallInspection {
  const r = resolverAround(zone, wall);
  const t = r.transitionAt(wall);
  if (t === null) return { kind: 'exists', instant: r.instant(wall) };
  if (t.after > t.before) return { kind: 'gap', instant: wall - t.before, gapStart: t.lo, gapEnd: t.hi };
  return { kind: 'fold', earlier: wall - t.before, later: wall - t.after };
}
