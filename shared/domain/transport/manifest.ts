/**
 * The driver's manifest (printed, per vehicle and day) and the driver's own view of their trips: one
 * row model for both, so what a driver sees on screen is what is on the paper.
 *
 * Privacy: a driver sees nothing of the record beyond what the trip needs — name and room to find the
 * person, mode to bring the right equipment, where to go and whom to call, the escort, the notes for
 * this trip. `manifestRow` builds each row field by field from a whitelist, so a query that selects
 * too much (a date of birth, allergies, a diagnosis) still cannot leak it into the row, and the
 * contract's strict output schema refuses any row that carries more.
 */
import { localDate, toMs } from './time';
import { modesOf } from './vocabulary';
import type { Escort, LegKind, LegStatus, TransportMode, TransportNeed } from './vocabulary';
import type { BookingFlag } from './linked';

/** What the query hands over for one leg; may carry more than this, which is ignored. */
export interface ManifestSource {
  legId: number;
  kind: LegKind;
  status: LegStatus;
  vehicleId: number | null;
  driverStaffId: number | null;
  pickupAt: string | null;
  dropoffAt: string | null;
  appointmentEndsAt: string;
  resident: { givenName: string; familyName: string; preferredName: string | null; room: string | null };
  need: TransportNeed;
  destination: { name: string; address: string; phone: string | null };
  escort: Escort | null;
  notes: string | null;
  flags: readonly BookingFlag[];
}

export interface ManifestRow {
  legId: number;
  kind: LegKind;
  status: LegStatus;
  /** The planned pickup; null for a will-call return (the clinic calls). */
  pickupAt: string | null;
  /** Will-call: when the call is expected (the appointment's end), so the row sorts and reads sensibly. */
  expectedCallAt: string | null;
  residentName: string;
  room: string | null;
  modes: TransportMode[];
  destinationName: string;
  destinationAddress: string;
  destinationPhone: string | null;
  escort: { kind: Escort['kind']; name: string; phone: string | null } | null;
  notes: string | null;
  flags: BookingFlag[];
}

/** The keys of a manifest row: the driver's-view whitelist, checked by the contract's output schema too. */
export const DRIVER_VIEW_FIELDS = [
  'legId',
  'kind',
  'status',
  'pickupAt',
  'expectedCallAt',
  'residentName',
  'room',
  'modes',
  'destinationName',
  'destinationAddress',
  'destinationPhone',
  'escort',
  'notes',
  'flags',
] as const satisfies readonly (keyof ManifestRow)[];

/** The name a driver calls out at the clinic desk: the name the resident goes by, and the family name. */
export function tripName(r: ManifestSource['resident']): string {
  const given = r.preferredName !== null && r.preferredName.trim() !== '' ? r.preferredName.trim() : r.givenName;
  return `${given} ${r.familyName}`;
}

export function manifestRow(s: ManifestSource): ManifestRow {
  return {
    legId: s.legId,
    kind: s.kind,
    status: s.status,
    pickupAt: s.pickupAt,
    expectedCallAt: s.pickupAt === null ? s.appointmentEndsAt : null,
    residentName: tripName(s.resident),
    room: s.resident.room,
    modes: modesOf(s.need),
    destinationName: s.destination.name,
    destinationAddress: s.destination.address,
    destinationPhone: s.destination.phone,
    escort: s.escort === null ? null : { kind: s.escort.kind, name: s.escort.name, phone: s.escort.kind === 'family' ? s.escort.phone : null },
    notes: s.notes,
    flags: [...s.flags],
  };
}

function sortAt(s: ManifestSource): number {
  return toMs(s.pickupAt ?? s.appointmentEndsAt);
}

/** The facility date a leg belongs to: its pickup's (a trip past midnight stays on the day it began). */
export function manifestDate(s: Pick<ManifestSource, 'pickupAt' | 'appointmentEndsAt'>, timeZone: string): string {
  return localDate(toMs(s.pickupAt ?? s.appointmentEndsAt), timeZone);
}

function byTime(a: ManifestSource, b: ManifestSource): number {
  // Ties: outbound before return (the van leaves before it comes back), then leg id for a stable print.
  return sortAt(a) - sortAt(b) || (a.kind === b.kind ? 0 : a.kind === 'outbound' ? -1 : 1) || a.legId - b.legId;
}

/**
 * One vehicle's day, time-ordered: pickups at the building and returns from destinations. Cancelled
 * legs are left out; no-shows and completed legs stay (the paper is also the record of the day).
 */
export function vehicleManifest(sources: readonly ManifestSource[], vehicleId: number, date: string, timeZone: string): ManifestRow[] {
  return sources
    .filter((s) => s.vehicleId === vehicleId && s.status !== 'cancelled' && manifestDate(s, timeZone) === date)
    .sort(byTime)
    .map(manifestRow);
}

/** A signed-in driver's trips for the day, in order (whatever vehicle each is on). */
export function driverTrips(sources: readonly ManifestSource[], driverStaffId: number, date: string, timeZone: string): ManifestRow[] {
  return sources
    .filter((s) => s.driverStaffId === driverStaffId && s.status !== 'cancelled' && manifestDate(s, timeZone) === date)
    .sort(byTime)
    .map(manifestRow);
}

export interface BoardGroup {
  date: string;
  /** A facility vehicle's id, or null for rides with outside carriers and family. */
  vehicleId: number | null;
  rows: ManifestRow[];
}

/**
 * The trip board's "today and tomorrow by time and vehicle": for each date asked for, one group per
 * vehicle (in vehicle id order) and one for everything not on a facility vehicle, each time-ordered.
 * Cancelled legs stay visible here (struck through by the screen) — unlike the driver's paper, the
 * board is where a coordinator notices that a ride was called off.
 */
export function tripBoard(sources: readonly ManifestSource[], dates: readonly string[], timeZone: string): BoardGroup[] {
  const groups = new Map<string, BoardGroup & { sources: ManifestSource[] }>();
  for (const s of sources) {
    const date = manifestDate(s, timeZone);
    if (!dates.includes(date)) continue;
    const key = `${date}|${s.vehicleId ?? ''}`;
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = { date, vehicleId: s.vehicleId, rows: [], sources: [] }));
    g.sources.push(s);
  }
  return [...groups.values()]
    .sort((a, b) => dates.indexOf(a.date) - dates.indexOf(b.date) || (a.vehicleId ?? Infinity) - (b.vehicleId ?? Infinity))
    .map((g) => ({ date: g.date, vehicleId: g.vehicleId, rows: g.sources.sort(byTime).map(manifestRow) }));
}
