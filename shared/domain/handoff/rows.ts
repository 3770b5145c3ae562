/**
 * The handoff sheet's row model: one pure function from plain data (residents, notes, actions, the
 * last 24 hours of history, the previous handoff, and — once they exist — appointments and trips)
 * to the rows the screen shows and the paper prints. No query, clock or language in here: the
 * handler gathers the data, the renderer chooses the words.
 *
 * Every clinical value is `T | null`: null is "Not assessed" (or "Allergies not recorded") and is
 * shown and printed as such — never as an empty cell and never as a default such as "Low".
 */
import { ageOn } from '../residents/age';
import type { AllergyItem } from '../residents/allergies';
import { sortAllergies } from '../residents/allergies';
import type { ClinicalField } from '../residents/clinical';
import type {
  CodeStatus,
  DietType,
  IddsiDrinkLevel,
  IddsiFoodLevel,
  IsolationPrecaution,
  MobilityAid,
  ResidentStatus,
  RiskLevel,
  TransferAssist,
} from '../residents/vocabulary';
import { contentRow, diffRows, markerKinds, type ContentRow, type Difference } from './content';
import type { ShiftDef, ShiftRef } from './shifts';
import type { HandoffTemplate, IllnessSeverity } from './vocabulary';
import { MAX_OPEN_ACTIONS } from './vocabulary';

// ── What the handler gathers ─────────────────────────────────────────────────────────────────

export interface SheetPlace {
  unitId: number;
  unitName: string;
  roomLabel: string;
  bedLabel: string;
}

/** A resident's allergies as recorded: not recorded, NKA (a checked fact), or the items. Null = not recorded. */
export type SheetAllergyRecord = { state: 'not_recorded' } | { state: 'nka'; recordedOn: string | null } | { state: 'listed'; items: readonly AllergyItem[] } | null;

export interface SheetResident {
  id: number;
  recordNumber: string;
  legalGiven: string;
  legalFamily: string;
  preferredName: string | null;
  dateOfBirth: string;
  status: ResidentStatus;
  statusSince: string;
  admittedOn: string;
  place: SheetPlace | null;
  codeStatus: CodeStatus | null;
  allergies: SheetAllergyRecord;
  dietType: DietType | null;
  dietNote: string | null;
  iddsiFood: IddsiFoodLevel | null;
  iddsiDrink: IddsiDrinkLevel | null;
  transfer: TransferAssist | null;
  aid: MobilityAid | null;
  bariatric: boolean | null;
  fallRisk: RiskLevel | null;
  wanderingRisk: RiskLevel | null;
  isolation: IsolationPrecaution | null;
}

/** The outgoing nurse's note for one resident and shift. */
export interface SheetNote {
  template: HandoffTemplate;
  severity: IllnessSeverity | null;
  summary: string | null;
  awareness: string | null;
  situation: string | null;
  background: string | null;
  assessment: string | null;
  recommendation: string | null;
  updatedAt: string;
  updatedByName: string | null;
}

/** A to-do on a resident, carried from shift to shift until someone marks it done. */
export interface SheetAction {
  id: number;
  text: string;
  /** Who does it ("Night RN", "Dr. Patel"): free text, optional. */
  owner: string | null;
  /** When it is due, facility wall time; both null when no time was given. */
  dueDate: string | null;
  dueTime: string | null;
}

/**
 * What happened to a resident, from the status and bed history (admissions, returns, status
 * changes, moves) and from the audit trail (clinical fields changed), each with the instant it was
 * recorded.
 */
export type HistoryFact =
  | { kind: 'status'; residentId: number; at: string; status: ResidentStatus; previous: ResidentStatus | null; fromDate: string }
  | { kind: 'move'; residentId: number; at: string; from: string | null; to: string | null; fromDate: string }
  | { kind: 'clinical'; residentId: number; at: string; fields: readonly ClinicalField[] };

// ── The slots appointments (issue 10) and transport (issue 11) fill ─────────────────────────────

/**
 * SLOT — today's and the next shift's appointments with pickup times and escorts. One entry per
 * appointment occurrence of a resident on the sheet whose start falls between the start of the
 * sheet's shift and the end of the next shift (the builder filters and labels; the handler may pass
 * a wider set). Transport fills `pickupAt`, `returnAt`, `tripKey` and `escort` from the booking of
 * that occurrence.
 */
export interface ScheduledAppointment {
  /**
   * Stable per occurrence: the appointment id, or series id + original start for a recurring one.
   * The "new appointment" marker compares these keys with the previous handoff's.
   */
  key: string;
  /** Instants (ISO, UTC): when it starts and is expected to end. */
  startsAt: string;
  endsAt: string | null;
  /** What it is as staff say it: type and provider ("Dialysis · Riverside Renal"). */
  title: string;
  /** Comes to the facility: no transport, nobody leaves the building. */
  inHouse: boolean;
  /** Preparation the floor must do ("nothing by mouth after midnight"), or null. */
  preparation: string | null;
  /** The trip's booking key, for the "new trip" marker; null while no transport is booked. */
  tripKey: string | null;
  /** Outbound pickup at the facility (instant); null without a booked trip. */
  pickupAt: string | null;
  /** Planned return drop-off (instant), 'will_call', or null without a booked trip. */
  returnAt: string | 'will_call' | null;
  /** A staff escort is a person off the floor (see StaffOffFloor); a family escort is not. */
  escort: { kind: 'staff'; staffId: string; name: string } | { kind: 'family'; name: string } | null;
}

/**
 * SLOT — a staff escort means a person off the floor: transport's `staffEscortsAway` (from the
 * outbound pickup until the expected return) with the resident escorted. The builder keeps those
 * that overlap the sheet's shift and prints them in the header and on the resident's row.
 */
export interface StaffOffFloor {
  staffId: string;
  name: string;
  residentId: number;
  /** Instants. */
  from: string;
  until: string;
}

/** SLOT — a resident out of the building on a trip now (transport's `residentsOut`). */
export interface OutOnTrip {
  since: string;
  expectedBackAt: string;
  overdue: boolean;
}

export interface HandoffSchedule {
  /**
   * False until appointments and transport are wired in: the sheet then has no appointments
   * column and says nothing about trips, rather than printing "none" for what it cannot know.
   */
  available: boolean;
  appointments: ReadonlyMap<number, readonly ScheduledAppointment[]>;
  staffOffFloor: readonly StaffOffFloor[];
  outOnTrip: ReadonlyMap<number, OutOnTrip>;
}

export const NO_SCHEDULE: HandoffSchedule = { available: false, appointments: new Map(), staffOffFloor: [], outOnTrip: new Map() };

/** The booked trip of one appointment occurrence, as transport knows it. */
export type TripFill = Pick<ScheduledAppointment, 'tripKey' | 'pickupAt' | 'returnAt' | 'escort'>;

/** What transport supplies for a sheet: trips by appointment key, staff escorts away, residents out. */
export interface TripsKnown {
  byAppointment: ReadonlyMap<string, TripFill>;
  staffOffFloor: readonly StaffOffFloor[];
  outOnTrip: ReadonlyMap<number, OutOnTrip>;
}

/**
 * The schedule slots from what the two areas supply (null: that area is not known here). Without
 * appointments there is no schedule at all; with appointments and no transport the column shows
 * the appointments without pickups or escorts; with both, each occurrence gets its trip.
 */
export function scheduleFrom(appointments: ReadonlyMap<number, readonly ScheduledAppointment[]> | null, trips: TripsKnown | null): HandoffSchedule {
  if (!appointments) return NO_SCHEDULE;
  if (!trips) return { available: true, appointments, staffOffFloor: [], outOnTrip: new Map() };
  const filled = new Map([...appointments].map(([id, list]) => [id, list.map((a) => ({ ...a, ...(trips.byAppointment.get(a.key) ?? {}) }))]));
  return { available: true, appointments: filled, staffOffFloor: trips.staffOffFloor, outOnTrip: trips.outOnTrip };
}

// ── What the sheet shows ─────────────────────────────────────────────────────────────────────

/** Out of the building: in hospital (bed held), on leave, or out on an appointment trip. */
export type Away =
  | { kind: 'hospital' | 'leave'; since: string }
  | { kind: 'appointment'; since: string; expectedBackAt: string; overdue: boolean };

/** Allergies as the sheet prints them: severe first; not recorded is its own state, never blank. */
export type SheetAllergies = { state: 'not_recorded' } | { state: 'nka' } | { state: 'listed'; items: AllergyItem[]; hasSevere: boolean };

export type HandoffEvent =
  | { kind: 'admitted' | 'readmitted' | 'returned'; at: string; from: ResidentStatus | null; date: string }
  | { kind: 'status'; at: string; status: ResidentStatus; date: string }
  | { kind: 'moved'; at: string; from: string | null; to: string | null; date: string }
  | { kind: 'clinical'; at: string; fields: ClinicalField[] };

export interface RowAppointment extends ScheduledAppointment {
  when: 'this_shift' | 'next_shift';
}

export interface RowAction extends SheetAction {
  overdue: boolean;
}

export interface HandoffRow {
  residentId: number;
  recordNumber: string;
  legalGiven: string;
  legalFamily: string;
  preferredName: string | null;
  dateOfBirth: string;
  /** Null only for a date of birth after the sheet's date (a clock set back): shown as the date alone. */
  age: number | null;
  place: SheetPlace | null;
  status: ResidentStatus;
  statusSince: string;
  admittedOn: string;
  away: Away | null;
  codeStatus: CodeStatus | null;
  allergies: SheetAllergies;
  diet: { type: DietType | null; note: string | null; food: IddsiFoodLevel | null; drink: IddsiDrinkLevel | null };
  mobility: { transfer: TransferAssist | null; aid: MobilityAid | null; bariatric: boolean | null };
  fallRisk: RiskLevel | null;
  wanderingRisk: RiskLevel | null;
  isolation: IsolationPrecaution | null;
  appointments: RowAppointment[];
  /** Staff escorting this resident off the floor during the shift. */
  escortsOffFloor: StaffOffFloor[];
  events: HandoffEvent[];
  note: SheetNote | null;
  actions: RowAction[];
  /** "Changed since the last handoff" marks: only the kinds the sheet marks (see content.ts). */
  changes: Difference[];
}

export interface BaselineRef {
  shift: ShiftRef;
  /** When that sheet was acknowledged, or printed when nobody acknowledged it. */
  at: string;
  acknowledged: boolean;
}

export interface SheetInput {
  shift: ShiftRef;
  /** The sheet's shift window and the next shift's, as instants. */
  window: { from: string; until: string };
  nextWindow: { from: string; until: string };
  /** Instant the sheet is computed at (the "last 24 hours" end here). */
  now: string;
  /** Residents in room order. */
  residents: readonly SheetResident[];
  notes: ReadonlyMap<number, SheetNote>;
  actions: ReadonlyMap<number, readonly SheetAction[]>;
  history: readonly HistoryFact[];
  /**
   * The previous handoff's content rows by resident, and which handoff that was; null: none recorded.
   * `units`: the units whose previous handoff is known (a sheet of chosen residents spans several);
   * residents of other units get no marks rather than all reading "new on this unit". Null: all.
   */
  baseline: { ref: BaselineRef; rows: ReadonlyMap<number, ContentRow>; units?: ReadonlySet<number> | null } | null;
  schedule: HandoffSchedule;
  /** Wall 'YYYY-MM-DDTHH:MM' of `now` in the facility's zone: an action due before it is overdue. */
  nowWall: string;
}

export interface Sheet {
  shift: ShiftRef;
  window: { from: string; until: string };
  rows: HandoffRow[];
  /** Residents on the sheet, out of the building ones included (they keep their bed). */
  census: number;
  outOfBuilding: number;
  staffOffFloor: StaffOffFloor[];
  scheduleAvailable: boolean;
  baseline: BaselineRef | null;
  /** What the content hash is computed over and a later handoff compares with (content.ts). */
  content: ContentRow[];
}

const overlaps = (a: { from: string; until: string }, b: { from: string; until: string }) => a.from < b.until && b.from < a.until;

function allergiesOf(a: SheetAllergyRecord): SheetAllergies {
  if (a === null || a.state === 'not_recorded') return { state: 'not_recorded' };
  if (a.state === 'nka') return { state: 'nka' };
  // A list with no items is not "no allergies": nobody recorded NKA (residents/allergies.ts).
  if (a.items.length === 0) return { state: 'not_recorded' };
  const items = sortAllergies(a.items);
  return { state: 'listed', items, hasSevere: items.some((i) => i.severity === 'severe') };
}

function awayOf(r: SheetResident, trip: OutOnTrip | undefined): Away | null {
  if (r.status === 'hospital' || r.status === 'leave') return { kind: r.status, since: r.statusSince };
  if (trip) return { kind: 'appointment', since: trip.since, expectedBackAt: trip.expectedBackAt, overdue: trip.overdue };
  return null;
}

/** One resident's history in the window, oldest first, as the events column prints it. */
export function eventsOf(facts: readonly HistoryFact[]): HandoffEvent[] {
  const out: HandoffEvent[] = [];
  for (const f of [...facts].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))) {
    switch (f.kind) {
      case 'status':
        if (f.status === 'active' && f.previous === null) out.push({ kind: 'admitted', at: f.at, from: null, date: f.fromDate });
        else if (f.status === 'active' && f.previous === 'discharged') out.push({ kind: 'readmitted', at: f.at, from: f.previous, date: f.fromDate });
        else if (f.status === 'active' && (f.previous === 'hospital' || f.previous === 'leave')) out.push({ kind: 'returned', at: f.at, from: f.previous, date: f.fromDate });
        else out.push({ kind: 'status', at: f.at, status: f.status, date: f.fromDate });
        break;
      case 'move':
        out.push({ kind: 'moved', at: f.at, from: f.from, to: f.to, date: f.fromDate });
        break;
      case 'clinical':
        if (f.fields.length > 0) out.push({ kind: 'clinical', at: f.at, fields: [...f.fields] });
        break;
    }
  }
  return out;
}

/**
 * The sheet: one row per resident in the order given (room order), the header counts, the staff off
 * the floor during the shift, and the content the sheet's version hash is computed over.
 */
export function buildSheet(input: SheetInput): Sheet {
  const factsBy = new Map<number, HistoryFact[]>();
  for (const f of input.history) {
    const list = factsBy.get(f.residentId);
    if (list) list.push(f);
    else factsBy.set(f.residentId, [f]);
  }
  const onSheet = new Set(input.residents.map((r) => r.id));
  const staffOffFloor = input.schedule.staffOffFloor
    .filter((s) => onSheet.has(s.residentId) && overlaps(s, input.window))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const shiftDate = input.shift.date;
  const rows: HandoffRow[] = [];
  const content: ContentRow[] = [];
  let outOfBuilding = 0;
  for (const r of input.residents) {
    const appointments: RowAppointment[] = (input.schedule.appointments.get(r.id) ?? [])
      .filter((a) => a.startsAt >= input.window.from && a.startsAt < input.nextWindow.until)
      .map((a) => ({ ...a, when: a.startsAt < input.window.until ? ('this_shift' as const) : ('next_shift' as const) }))
      .sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0));
    const away = awayOf(r, input.schedule.outOnTrip.get(r.id));
    if (away) outOfBuilding++;
    const actions = (input.actions.get(r.id) ?? []).slice(0, MAX_OPEN_ACTIONS).map((a) => ({
      ...a,
      overdue: a.dueDate !== null && a.dueTime !== null && `${a.dueDate}T${a.dueTime}` < input.nowWall,
    }));
    const row: HandoffRow = {
      residentId: r.id,
      recordNumber: r.recordNumber,
      legalGiven: r.legalGiven,
      legalFamily: r.legalFamily,
      preferredName: r.preferredName,
      dateOfBirth: r.dateOfBirth,
      age: r.dateOfBirth <= shiftDate ? ageOn(r.dateOfBirth, shiftDate) : null,
      place: r.place,
      status: r.status,
      statusSince: r.statusSince,
      admittedOn: r.admittedOn,
      away,
      codeStatus: r.codeStatus,
      allergies: allergiesOf(r.allergies),
      diet: { type: r.dietType, note: r.dietNote, food: r.iddsiFood, drink: r.iddsiDrink },
      mobility: { transfer: r.transfer, aid: r.aid, bariatric: r.bariatric },
      fallRisk: r.fallRisk,
      wanderingRisk: r.wanderingRisk,
      isolation: r.isolation,
      appointments,
      escortsOffFloor: staffOffFloor.filter((s) => s.residentId === r.id),
      events: eventsOf(factsBy.get(r.id) ?? []),
      note: input.notes.get(r.id) ?? null,
      actions,
      changes: [],
    };
    const c = contentRow(row);
    content.push(c);
    const base = input.baseline;
    if (base && (!base.units || (r.place !== null && base.units.has(r.place.unitId)))) row.changes = diffRows(base.rows.get(r.id), c, { since: base.ref.shift.date }).filter((d) => markerKinds.has(d.kind));
    rows.push(row);
  }
  return {
    shift: input.shift,
    window: input.window,
    rows,
    census: rows.length,
    outOfBuilding,
    staffOffFloor,
    scheduleAvailable: input.schedule.available,
    baseline: input.baseline?.ref ?? null,
    content,
  };
}

/** The shift definitions a sheet needs, re-exported for callers that only import rows. */
export type { ShiftDef };
