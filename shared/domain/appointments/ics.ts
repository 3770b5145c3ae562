import ical, { type ICalCalendar, type ICalEventData } from 'ical-generator';
import { Temporal } from 'temporal-polyfill';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { catalogs } from '../../i18n';
import { compactLocal, DAY_MS, MINUTE_MS, requireLocal } from './local-time';
import { allWalls, expandAll, type Occurrence, type Series } from './recurrence';
import { WallResolver } from './resolver';
import { occupiesTime } from './status';
import type { AppointmentSetting, AppointmentStatus, AppointmentType, PreparationItem } from './vocabulary';

/**
 * iCalendar export of appointments and series (RFC 5545), for families and providers: only by an
 * explicit user action (the handler audits it), with only the details the user chose.
 *
 * Built with ical-generator, with the facility zone's VTIMEZONE from timezones-ical-library, and
 * around the traps RECURRENCE.md measured:
 * - the RRULE goes in as a string with UNTIL in UTC ('Z'): a structured `until` loses the Z;
 * - EXDATE and RDATE carry TZID and local wall times, so they match the rule's occurrences;
 * - times are ZonedDateTimes (never a plain Date with a zone, which is written in host wall time);
 * - readers disagree about times a DST change skips or repeats (ical.js and libical move a gap
 *   backward and take the later of a fold; RFC readers move forward and take the first), so every
 *   occurrence whose start is shifted, and every moved occurrence, is written as an override
 *   (RECURRENCE-ID;TZID with the original wall time) whose own DTSTART/DTEND are UTC: one
 *   instant for every reader. The series' own DTSTART is put on its first occurrence whose start
 *   and end walls are unambiguous; earlier ones (only shifted ones can be earlier) become
 *   stand-alone events.
 * Pure TypeScript: runs in shared/ (ical-generator needs no Node API).
 */

export interface IcsContent {
  /** Summary names the type ("Dialysis"); otherwise just "Appointment". */
  type: boolean;
  /** Provider / location name, address and phone as LOCATION. */
  provider: boolean;
  /** The preparation checklist and note as DESCRIPTION. */
  preparation: boolean;
  /** The resident's name in the summary (a unit's calendar); off for a family's own resident. */
  residentName: boolean;
}

/** The least a calendar entry can say: a time and the word "Appointment". The default. */
export const MINIMUM_ICS_CONTENT: IcsContent = { type: false, provider: false, preparation: false, residentName: false };

export interface IcsDetails {
  type: AppointmentType;
  setting: AppointmentSetting;
  residentName: string | null;
  providerName: string | null;
  locationName: string | null;
  address: string | null;
  phone: string | null;
  preparation: { items: readonly PreparationItem[]; note: string | null };
}

export interface IcsAppointment {
  /** Stable UID: the same appointment exported twice updates the recipient's entry. */
  uid: string;
  /** Epoch ms. */
  start: number;
  end: number;
  status: AppointmentStatus;
  details: IcsDetails;
}

export interface IcsSeries {
  uid: string;
  series: Series;
  details: IcsDetails;
}

export interface IcsRequest {
  timeZone: string;
  language: 'en' | 'es';
  content: IcsContent;
  appointments: readonly IcsAppointment[];
  series: readonly IcsSeries[];
  /** Calendar name shown by the reader, written as is: it leaves the building too, so no resident name unless `content.residentName`. */
  name: string;
  /** DTSTAMP (epoch ms): the injected clock, never the host's. */
  nowMs: number;
}

export type IcsResult = { ok: true; value: string } | { ok: false; reason: 'time_zone_not_exportable' };

/** Marker property replaced after generation: ical-generator can only write a RECURRENCE-ID that exists as an instant. */
const RID_MARK = 'X-CAREDESK-RECURRENCE-ID';

function vtimezone(zone: string): string | null {
  const block = tzlib_get_ical_block(zone);
  return Array.isArray(block) && typeof block[0] === 'string' ? block[0] : null;
}

function texts(req: IcsRequest, d: IcsDetails): Pick<ICalEventData, 'summary' | 'location' | 'description'> {
  const m = catalogs[req.language].appointments;
  const what = req.content.type ? m.type[d.type] : m.ics.defaultSummary;
  const summary = req.content.residentName && d.residentName !== null ? `${d.residentName} — ${what}` : what;
  const out: Pick<ICalEventData, 'summary' | 'location' | 'description'> = { summary };
  if (req.content.provider) {
    const title = [d.providerName, d.locationName].filter((s): s is string => s !== null).join(', ');
    const lines = [d.address, d.phone].filter((s): s is string => s !== null).join('\n');
    if (title !== '' || lines !== '') out.location = { title: title === '' ? lines : title, ...(title !== '' && lines !== '' ? { address: lines } : {}) };
  }
  if (req.content.preparation && (d.preparation.items.length > 0 || d.preparation.note !== null)) {
    const items = d.preparation.items.map((i) => `- ${m.preparation[i]}`);
    out.description = [`${m.ics.preparationHeading}:`, ...items, ...(d.preparation.note === null ? [] : [d.preparation.note])].join('\n');
  }
  return out;
}

const zoned = (epochMs: number, zone: string) => Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone);

/** An event at these instants: in the zone when both walls are unambiguous, otherwise in UTC. */
function timed(start: number, end: number, zone: string, r: WallResolver): Pick<ICalEventData, 'start' | 'end' | 'timezone'> {
  const clear = r.shift(r.wallOf(start)) === null && r.shift(r.wallOf(end)) === null;
  return clear ? { start: zoned(start, zone), end: zoned(end, zone), timezone: zone } : { start: new Date(start), end: new Date(end) };
}

/**
 * The largest instant any reader may give a wall time (a gap read forward, a fold read as its
 * second): an UNTIL at least that late keeps the last occurrence for every reader, and the next
 * occurrence, a day or more later, stays out.
 */
function latestReading(wall: number, r: WallResolver): number {
  const t = r.transitionAt(wall);
  return t === null ? r.instant(wall) : Math.max(wall - t.before, wall - t.after);
}

function utcBasic(epochMs: number): string {
  return `${compactLocal(epochMs)}Z`;
}

function addSeries(cal: ICalCalendar, req: IcsRequest, item: IcsSeries): void {
  const s = item.series;
  const zone = req.timeZone;
  const all = expandAll(s);
  if (all.length === 0) return;
  const r = new WallResolver(zone, Math.min(...all.map((o) => o.wall), requireLocal(s.dtstartLocal)) - DAY_MS, Math.max(...all.map((o) => o.wall)) + DAY_MS);
  const durationMs = s.durationMinutes * MINUTE_MS;
  const text = texts(req, item.details);

  // The master's DTSTART: the first rule occurrence whose start and end every reader reads alike.
  const ruleWalls = allWalls(s, { exdates: false, rdates: false });
  const master = ruleWalls.find((w) => {
    const start = r.instant(w);
    return r.shift(w) === null && r.shift(r.wallOf(start + durationMs)) === null;
  });
  const standalone = (o: Occurrence) => master === undefined || o.originalWall < master;

  for (const o of all) {
    if (!occupiesTime(o.status) || !standalone(o)) continue;
    cal.createEvent({ id: `${item.uid}-${compactLocal(o.originalWall)}`, stamp: new Date(req.nowMs), ...timed(o.start, o.end, zone, r), ...text });
  }
  if (master === undefined) return;

  const later = (l: string) => requireLocal(l) >= master;
  const removed = new Set(s.exdates.filter(later));
  for (const o of all) if (!standalone(o) && !occupiesTime(o.status)) removed.add(formatWall(o.originalWall));
  const lastWall = Math.max(...all.filter((o) => !standalone(o)).map((o) => o.originalWall), master);
  const lines = [`RRULE:${s.rrule};UNTIL=${utcBasic(latestReading(lastWall, r))}`];
  if (removed.size > 0) lines.push(`EXDATE;TZID=${zone}:${[...removed].sort().map((l) => compactLocal(requireLocal(l))).join(',')}`);
  const rdates = s.rdates.filter(later);
  if (rdates.length > 0) lines.push(`RDATE;TZID=${zone}:${rdates.map((l) => compactLocal(requireLocal(l))).join(',')}`);

  const masterStart = r.instant(master);
  cal.createEvent({ id: item.uid, stamp: new Date(req.nowMs), start: zoned(masterStart, zone), end: zoned(masterStart + durationMs, zone), timezone: zone, repeating: lines.join('\r\n'), ...text });

  for (const o of all) {
    if (standalone(o) || !occupiesTime(o.status)) continue;
    const moved = o.override !== null && (o.wall !== o.originalWall || o.end - o.start !== durationMs);
    if (!moved && o.shift === null) continue;
    cal.createEvent({
      id: item.uid,
      stamp: new Date(req.nowMs),
      start: new Date(o.start),
      end: new Date(o.end),
      x: [[RID_MARK, compactLocal(o.originalWall)]],
      ...text,
    });
  }
}

const formatWall = (wall: number) => {
  const c = compactLocal(wall);
  return `${c.slice(0, 4)}-${c.slice(4, 6)}-${c.slice(6, 8)}T${c.slice(9, 11)}:${c.slice(11, 13)}`;
};

/**
 * The .ics text for a set of appointments and series in the facility's zone. Cancelled, no-show
 * and rescheduled appointments and occurrences are left out (EXDATE for occurrences): the file
 * tells a family when the resident is busy, not the history.
 */
export function buildIcs(req: IcsRequest): IcsResult {
  const block = vtimezone(req.timeZone);
  if (block === null) return { ok: false, reason: 'time_zone_not_exportable' };
  // No calendar-wide zone name: events in the zone carry their own TZID, and overrides of
  // shifted occurrences stay in UTC. The generator still writes the zone's VTIMEZONE once.
  const cal = ical({ name: req.name, prodId: '//CareDesk//Appointments//EN', timezone: { name: null, generator: (tz) => (tz === req.timeZone ? block : vtimezone(tz)) } });
  for (const a of req.appointments) {
    if (!occupiesTime(a.status)) continue;
    const r = new WallResolver(req.timeZone, a.start - DAY_MS, a.end + DAY_MS);
    cal.createEvent({ id: a.uid, stamp: new Date(req.nowMs), ...timed(a.start, a.end, req.timeZone, r), ...texts(req, a.details) });
  }
  for (const s of req.series) addSeries(cal, req, s);
  const text = cal.toString().replace(new RegExp(`^${RID_MARK}:`, 'gm'), `RECURRENCE-ID;TZID=${req.timeZone}:`);
  return { ok: true, value: text };
}
