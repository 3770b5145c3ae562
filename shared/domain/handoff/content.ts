/**
 * What a sheet *says*, as plain data: the content its version hash is computed over, what is stored
 * when it is printed or acknowledged, and what the next shift's sheet compares with to mark
 * "changed since the last handoff". Pure.
 *
 * The content is the clinical picture and the notes — identity, room, status, code status,
 * allergies, diet, mobility, risks, isolation, the note, open actions, appointments and trips. It
 * leaves out what only moves with the clock (the last 24 hours' events, overdue flags, the print
 * time, the shift's CPR coverage), so a sheet acknowledged at 15:05 is not "changed" at 15:20 just
 * because an event slid out of the window.
 */
import type { AllergyItem } from '../residents/allergies';
import type { CodeStatus, ResidentStatus, RiskLevel, IsolationPrecaution } from '../residents/vocabulary';
import type { HandoffRow } from './rows';

/** Bumped when ContentRow changes shape; a stored baseline of another version is compared field by field. */
export const CONTENT_VERSION = 1;

export interface ContentRow {
  id: number;
  name: { family: string; given: string; preferred: string | null };
  dateOfBirth: string;
  recordNumber: string;
  admittedOn: string;
  place: string | null;
  status: ResidentStatus;
  statusSince: string;
  away: 'hospital' | 'leave' | 'appointment' | null;
  codeStatus: CodeStatus | null;
  allergies: { state: 'not_recorded' | 'nka' | 'listed'; items: AllergyItem[] };
  diet: { type: string | null; note: string | null; food: string | null; drink: string | null };
  mobility: { transfer: string | null; aid: string | null; bariatric: boolean | null };
  fallRisk: RiskLevel | null;
  wanderingRisk: RiskLevel | null;
  isolation: IsolationPrecaution | null;
  note: {
    template: string;
    severity: string | null;
    summary: string | null;
    awareness: string | null;
    situation: string | null;
    background: string | null;
    assessment: string | null;
    recommendation: string | null;
  } | null;
  actions: { id: number; text: string; owner: string | null; dueDate: string | null; dueTime: string | null }[];
  appointments: { key: string; startsAt: string; title: string; tripKey: string | null; pickupAt: string | null; escort: string | null }[];
}

/** Objects are built key by key in one fixed order, so the same content always serialises the same. */
export function contentRow(r: HandoffRow): ContentRow {
  const n = r.note;
  return {
    id: r.residentId,
    name: { family: r.legalFamily, given: r.legalGiven, preferred: r.preferredName },
    dateOfBirth: r.dateOfBirth,
    recordNumber: r.recordNumber,
    admittedOn: r.admittedOn,
    place: r.place ? `${r.place.unitName} · ${r.place.roomLabel}-${r.place.bedLabel}` : null,
    status: r.status,
    statusSince: r.statusSince,
    away: r.away?.kind ?? null,
    codeStatus: r.codeStatus,
    allergies: {
      state: r.allergies.state,
      items: r.allergies.state === 'listed' ? r.allergies.items.map((i) => ({ substance: i.substance, reaction: i.reaction, severity: i.severity })) : [],
    },
    diet: { type: r.diet.type, note: r.diet.note, food: r.diet.food, drink: r.diet.drink },
    mobility: { transfer: r.mobility.transfer, aid: r.mobility.aid, bariatric: r.mobility.bariatric },
    fallRisk: r.fallRisk,
    wanderingRisk: r.wanderingRisk,
    isolation: r.isolation,
    note: n
      ? {
          template: n.template,
          severity: n.severity,
          summary: n.summary,
          awareness: n.awareness,
          situation: n.situation,
          background: n.background,
          assessment: n.assessment,
          recommendation: n.recommendation,
        }
      : null,
    actions: r.actions.map((a) => ({ id: a.id, text: a.text, owner: a.owner, dueDate: a.dueDate, dueTime: a.dueTime })),
    appointments: r.appointments.map((a) => ({
      key: a.key,
      startsAt: a.startsAt,
      title: a.title,
      tripKey: a.tripKey,
      pickupAt: a.pickupAt,
      escort: a.escort === null ? null : `${a.escort.kind}:${a.escort.name}`,
    })),
  };
}

export interface SheetContent {
  v: number;
  unitId: number | null;
  date: string;
  shiftId: number;
  rows: ContentRow[];
}

/** The exact text the version hash is computed over (SHA-256 in main). */
export function canonicalContent(c: SheetContent): string {
  return JSON.stringify({ v: c.v, unitId: c.unitId, date: c.date, shiftId: c.shiftId, rows: c.rows });
}

// ── Differences ───────────────────────────────────────────────────────────────────────────────

export type Difference =
  /** On this sheet, not on the earlier one, and admitted (or readmitted) since. */
  | { kind: 'admitted'; residentId: number }
  /** On this sheet, not on the earlier one, but not newly admitted: moved here from another unit. */
  | { kind: 'moved_in'; residentId: number }
  /** On the earlier sheet, not on this one (discharged, died, moved away). */
  | { kind: 'left'; residentId: number; name: ContentRow['name']; place: string | null }
  | { kind: 'returned'; residentId: number }
  | { kind: 'went_out'; residentId: number; to: 'hospital' | 'leave' | 'appointment' }
  | { kind: 'code_status'; residentId: number; before: CodeStatus | null; after: CodeStatus | null }
  | {
      kind: 'allergies';
      residentId: number;
      before: ContentRow['allergies']['state'];
      after: ContentRow['allergies']['state'];
      added: AllergyItem[];
      removed: AllergyItem[];
      changed: AllergyItem[];
    }
  | { kind: 'fall_risk' | 'wandering_risk'; residentId: number; before: RiskLevel | null; after: RiskLevel | null }
  | { kind: 'isolation'; residentId: number; before: IsolationPrecaution | null; after: IsolationPrecaution | null }
  | { kind: 'diet' | 'mobility' | 'identity' | 'note' | 'actions'; residentId: number }
  | { kind: 'appointment_new' | 'trip_new'; residentId: number; keys: string[] };

export type DifferenceKind = Difference['kind'];

/**
 * The kinds the sheet marks as "changed since the last handoff" (issue 12): a new or changed
 * allergy, code status, fall risk, isolation, an admission or return (and arriving from another
 * unit), a new appointment or trip. The acknowledgment's review lists every kind.
 */
export const markerKinds: ReadonlySet<DifferenceKind> = new Set<DifferenceKind>([
  'admitted',
  'moved_in',
  'returned',
  'code_status',
  'allergies',
  'fall_risk',
  'isolation',
  'appointment_new',
  'trip_new',
]);

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const allergyKey = (i: AllergyItem) => i.substance.trim().toLocaleLowerCase();

function allergyDifference(id: number, before: ContentRow['allergies'] | undefined, after: ContentRow['allergies']): Difference | null {
  const b = before ?? { state: 'not_recorded' as const, items: [] };
  if (same(b, after)) return null;
  const was = new Map(b.items.map((i) => [allergyKey(i), i]));
  const now = new Map(after.items.map((i) => [allergyKey(i), i]));
  const added = after.items.filter((i) => !was.has(allergyKey(i)));
  const removed = b.items.filter((i) => !now.has(allergyKey(i)));
  const changed = after.items.filter((i) => {
    const old = was.get(allergyKey(i));
    return old !== undefined && (old.severity !== i.severity || old.reaction !== i.reaction);
  });
  if (b.state === after.state && added.length === 0 && removed.length === 0 && changed.length === 0) return null; // only the order changed
  return { kind: 'allergies', residentId: id, before: b.state, after: after.state, added, removed, changed };
}

/**
 * What changed for one resident between an earlier version of a sheet (undefined: not on it) and
 * now. `since` is the earlier sheet's shift date: a resident not on it who was admitted on or after
 * that date is an admission, otherwise an arrival from another unit.
 */
export function diffRows(before: ContentRow | undefined, after: ContentRow, opts: { since: string }): Difference[] {
  const id = after.id;
  if (before === undefined) {
    const newlyAdmitted = after.admittedOn >= opts.since || (after.status === 'active' && after.statusSince >= opts.since);
    const out: Difference[] = [{ kind: newlyAdmitted ? 'admitted' : 'moved_in', residentId: id }];
    if (after.appointments.length > 0) out.push({ kind: 'appointment_new', residentId: id, keys: after.appointments.map((a) => a.key) });
    const trips = after.appointments.filter((a) => a.tripKey !== null).map((a) => a.tripKey!);
    if (trips.length > 0) out.push({ kind: 'trip_new', residentId: id, keys: trips });
    return out;
  }
  const out: Difference[] = [];
  if (!same(before.name, after.name) || before.dateOfBirth !== after.dateOfBirth || before.recordNumber !== after.recordNumber || before.place !== after.place) {
    out.push({ kind: 'identity', residentId: id });
  }
  const wasAway = before.away === 'hospital' || before.away === 'leave';
  if (after.status === 'active' && (wasAway || (before.status === 'active' && before.statusSince < after.statusSince))) out.push({ kind: 'returned', residentId: id });
  if (after.away !== null && after.away !== before.away) out.push({ kind: 'went_out', residentId: id, to: after.away });
  if (before.codeStatus !== after.codeStatus) out.push({ kind: 'code_status', residentId: id, before: before.codeStatus, after: after.codeStatus });
  const allergy = allergyDifference(id, before.allergies, after.allergies);
  if (allergy) out.push(allergy);
  if (before.fallRisk !== after.fallRisk) out.push({ kind: 'fall_risk', residentId: id, before: before.fallRisk, after: after.fallRisk });
  if (before.wanderingRisk !== after.wanderingRisk) out.push({ kind: 'wandering_risk', residentId: id, before: before.wanderingRisk, after: after.wanderingRisk });
  if (before.isolation !== after.isolation) out.push({ kind: 'isolation', residentId: id, before: before.isolation, after: after.isolation });
  if (!same(before.diet, after.diet)) out.push({ kind: 'diet', residentId: id });
  if (!same(before.mobility, after.mobility)) out.push({ kind: 'mobility', residentId: id });
  if (!same(before.note, after.note)) out.push({ kind: 'note', residentId: id });
  if (!same(before.actions, after.actions)) out.push({ kind: 'actions', residentId: id });
  const hadAppointment = new Set((before.appointments ?? []).map((a) => a.key));
  const newAppointments = after.appointments.filter((a) => !hadAppointment.has(a.key)).map((a) => a.key);
  if (newAppointments.length > 0) out.push({ kind: 'appointment_new', residentId: id, keys: newAppointments });
  const hadTrip = new Set((before.appointments ?? []).flatMap((a) => (a.tripKey === null ? [] : [a.tripKey])));
  const newTrips = after.appointments.flatMap((a) => (a.tripKey !== null && !hadTrip.has(a.tripKey) ? [a.tripKey] : []));
  if (newTrips.length > 0) out.push({ kind: 'trip_new', residentId: id, keys: newTrips });
  return out;
}

/**
 * Everything that differs between the sheet a person was shown and the sheet as it is now, in the
 * current sheet's order, then those who left: what an acknowledgment asks them to review first.
 */
export function diffSheets(shown: readonly ContentRow[], current: readonly ContentRow[], opts: { since: string }): Difference[] {
  const before = new Map(shown.map((r) => [r.id, r]));
  const out: Difference[] = [];
  for (const r of current) out.push(...diffRows(before.get(r.id), r, opts));
  const now = new Set(current.map((r) => r.id));
  for (const r of shown) if (!now.has(r.id)) out.push({ kind: 'left', residentId: r.id, name: r.name, place: r.place });
  return out;
}
