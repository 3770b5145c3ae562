import { z } from 'zod';
import { HANDOFF_TEMPLATES, ILLNESS_SEVERITIES, MAX_CHOSEN_RESIDENTS, NOTE_LIMITS } from '../domain/handoff/vocabulary';
import { clinicalFields } from '../domain/residents/clinical';
import {
  allergySeveritySchema,
  codeStatusSchema,
  dietTypeSchema,
  iddsiDrinkLevelSchema,
  iddsiFoodLevelSchema,
  isolationPrecautionSchema,
  mobilityAidSchema,
  residentStatusSchema,
  riskLevelSchema,
  transferAssistSchema,
} from '../domain/residents/schemas';
import { Id, IsoDate, IsoInstant, Version, WallTime, optionalText, text } from './common';
import { method } from './method';

/**
 * Shift handoff (docs/handoff.md): notes per resident and shift, the sheet per unit and shift, its
 * versions and acknowledgments, and the Today board. Reads need `handoff.read`, writes
 * `handoff.write`; the facility's template choice `facility.manage`.
 */

export const handoffTemplateSchema = z.enum(HANDOFF_TEMPLATES);
export const illnessSeveritySchema = z.enum(ILLNESS_SEVERITIES);

/** A shift on a date: the key of notes, sheets and acknowledgments. Whether it exists is main's check. */
const ShiftKey = { date: IsoDate, shiftId: Id };

const ShiftOut = z.object({ id: Id, name: z.string(), start: z.string(), end: z.string() });
const ShiftRefOut = z.object({ date: IsoDate, shiftId: Id, shiftName: z.string() });
const Window = z.object({ from: z.string(), until: z.string() });

const noteFields = {
  template: handoffTemplateSchema,
  severity: illnessSeveritySchema.nullable().default(null),
  summary: optionalText(NOTE_LIMITS.summary),
  awareness: optionalText(NOTE_LIMITS.awareness),
  situation: optionalText(NOTE_LIMITS.situation),
  background: optionalText(NOTE_LIMITS.background),
  assessment: optionalText(NOTE_LIMITS.assessment),
  recommendation: optionalText(NOTE_LIMITS.recommendation),
};

export const NoteOut = z.object({
  id: Id,
  residentId: Id,
  date: IsoDate,
  shiftId: Id,
  template: handoffTemplateSchema,
  severity: illnessSeveritySchema.nullable(),
  summary: z.string().nullable(),
  awareness: z.string().nullable(),
  situation: z.string().nullable(),
  background: z.string().nullable(),
  assessment: z.string().nullable(),
  recommendation: z.string().nullable(),
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
  version: Version,
});
export type NoteOut = z.infer<typeof NoteOut>;

export const ActionOut = z.object({
  id: Id,
  residentId: Id,
  text: z.string(),
  owner: z.string().nullable(),
  dueDate: IsoDate.nullable(),
  dueTime: z.string().nullable(),
  createdDate: IsoDate,
  createdShiftId: Id,
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  doneAt: z.string().nullable(),
  doneByName: z.string().nullable(),
  version: Version,
});
export type ActionOut = z.infer<typeof ActionOut>;

const Place = z.object({ unitId: Id, unitName: z.string(), roomLabel: z.string(), bedLabel: z.string() });
const AllergyItemOut = z.object({ substance: z.string(), reaction: z.string(), severity: allergySeveritySchema });

const SheetAllergies = z.discriminatedUnion('state', [
  z.object({ state: z.literal('not_recorded') }),
  z.object({ state: z.literal('nka') }),
  z.object({ state: z.literal('listed'), items: z.array(AllergyItemOut), hasSevere: z.boolean() }),
]);

/** Who a row is about, with what tells two people of one name apart, and the safety facts beside the name. */
const ResidentIdentity = {
  residentId: Id,
  recordNumber: z.string(),
  legalGiven: z.string(),
  legalFamily: z.string(),
  preferredName: z.string().nullable(),
  dateOfBirth: z.string(),
  age: z.number().int().nullable(),
  place: Place.nullable(),
  status: residentStatusSchema,
  codeStatus: codeStatusSchema.nullable(),
  allergies: SheetAllergies,
};

export const NotesResident = z.object({
  ...ResidentIdentity,
  note: NoteOut.nullable(),
  /** The previous shift's note, offered to carry forward. */
  previous: NoteOut.nullable(),
  actions: z.array(ActionOut),
});
export type NotesResident = z.infer<typeof NotesResident>;

const Away = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['hospital', 'leave']), since: z.string() }),
  z.object({ kind: z.literal('appointment'), since: z.string(), expectedBackAt: z.string(), overdue: z.boolean() }),
]);

const clinicalFieldSchema = z.enum(clinicalFields);
const HandoffEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['admitted', 'readmitted', 'returned']), at: z.string(), from: residentStatusSchema.nullable(), date: z.string() }),
  z.object({ kind: z.literal('status'), at: z.string(), status: residentStatusSchema, date: z.string() }),
  z.object({ kind: z.literal('moved'), at: z.string(), from: z.string().nullable(), to: z.string().nullable(), date: z.string() }),
  z.object({ kind: z.literal('clinical'), at: z.string(), fields: z.array(clinicalFieldSchema) }),
]);

const Escort = z.discriminatedUnion('kind', [z.object({ kind: z.literal('staff'), staffId: z.string(), name: z.string() }), z.object({ kind: z.literal('family'), name: z.string() })]);
const StaffOffFloorOut = z.object({ staffId: z.string(), name: z.string(), residentId: Id, from: z.string(), until: z.string() });

const RowAppointment = z.object({
  key: z.string(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  title: z.string(),
  inHouse: z.boolean(),
  preparation: z.string().nullable(),
  tripKey: z.string().nullable(),
  pickupAt: z.string().nullable(),
  returnAt: z.string().nullable(),
  escort: Escort.nullable(),
  when: z.enum(['this_shift', 'next_shift']),
});

const Difference = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['admitted', 'moved_in', 'returned']), residentId: Id }),
  z.object({ kind: z.literal('left'), residentId: Id, name: z.object({ family: z.string(), given: z.string(), preferred: z.string().nullable() }), place: z.string().nullable() }),
  z.object({ kind: z.literal('went_out'), residentId: Id, to: z.enum(['hospital', 'leave', 'appointment']) }),
  z.object({ kind: z.literal('code_status'), residentId: Id, before: codeStatusSchema.nullable(), after: codeStatusSchema.nullable() }),
  z.object({
    kind: z.literal('allergies'),
    residentId: Id,
    before: z.enum(['not_recorded', 'nka', 'listed']),
    after: z.enum(['not_recorded', 'nka', 'listed']),
    added: z.array(AllergyItemOut),
    removed: z.array(AllergyItemOut),
    changed: z.array(AllergyItemOut),
  }),
  z.object({ kind: z.enum(['fall_risk', 'wandering_risk']), residentId: Id, before: riskLevelSchema.nullable(), after: riskLevelSchema.nullable() }),
  z.object({ kind: z.literal('isolation'), residentId: Id, before: isolationPrecautionSchema.nullable(), after: isolationPrecautionSchema.nullable() }),
  z.object({ kind: z.enum(['diet', 'mobility', 'identity', 'note', 'actions']), residentId: Id }),
  z.object({ kind: z.enum(['appointment_new', 'trip_new']), residentId: Id, keys: z.array(z.string()) }),
]);

const SheetNoteOut = z.object({
  template: handoffTemplateSchema,
  severity: illnessSeveritySchema.nullable(),
  summary: z.string().nullable(),
  awareness: z.string().nullable(),
  situation: z.string().nullable(),
  background: z.string().nullable(),
  assessment: z.string().nullable(),
  recommendation: z.string().nullable(),
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
});

export const HandoffRowOut = z.object({
  ...ResidentIdentity,
  statusSince: z.string(),
  admittedOn: z.string(),
  away: Away.nullable(),
  diet: z.object({ type: dietTypeSchema.nullable(), note: z.string().nullable(), food: iddsiFoodLevelSchema.nullable(), drink: iddsiDrinkLevelSchema.nullable() }),
  mobility: z.object({ transfer: transferAssistSchema.nullable(), aid: mobilityAidSchema.nullable(), bariatric: z.boolean().nullable() }),
  fallRisk: riskLevelSchema.nullable(),
  wanderingRisk: riskLevelSchema.nullable(),
  isolation: isolationPrecautionSchema.nullable(),
  appointments: z.array(RowAppointment),
  escortsOffFloor: z.array(StaffOffFloorOut),
  events: z.array(HandoffEvent),
  note: SheetNoteOut.nullable(),
  actions: z.array(z.object({ id: Id, text: z.string(), owner: z.string().nullable(), dueDate: z.string().nullable(), dueTime: z.string().nullable(), overdue: z.boolean() })),
  changes: z.array(Difference),
});
export type HandoffRowOut = z.infer<typeof HandoffRowOut>;

export const CoverageOut = z.object({
  /** The training rule (docs/training.md): ok = someone on duty holds current CPR; warning = a gap; unknown = no schedule entered. */
  result: z.enum(['ok', 'warning', 'unknown']),
  coveredBy: z.array(z.string()),
});

export const AckOut = z.object({ id: Id, byName: z.string(), at: z.string(), hash: z.string(), synthesis: z.string().nullable(), current: z.boolean() });

export const SheetOut = z.object({
  /** Null for a sheet of chosen residents. */
  unit: z.object({ id: Id, name: z.string() }).nullable(),
  date: IsoDate,
  shift: ShiftOut,
  window: Window,
  template: handoffTemplateSchema,
  census: z.number().int(),
  outOfBuilding: z.number().int(),
  coverage: CoverageOut,
  staffOffFloor: z.array(StaffOffFloorOut),
  /** False until appointments and transport are wired in: no appointments column yet. */
  scheduleAvailable: z.boolean(),
  /** The handoff "changed since" compares with; null when none was recorded for this unit. */
  baseline: z.object({ date: IsoDate, shiftId: Id, shiftName: z.string(), at: z.string(), acknowledged: z.boolean() }).nullable(),
  rows: z.array(HandoffRowOut),
  /** SHA-256 of the sheet's content (shared/domain/handoff/content.ts): what an acknowledgment names. */
  hash: z.string(),
  acks: z.array(AckOut),
});
export type SheetOut = z.infer<typeof SheetOut>;

const OutResident = z.object({
  residentId: Id,
  legalGiven: z.string(),
  legalFamily: z.string(),
  preferredName: z.string().nullable(),
  dateOfBirth: z.string(),
  roomLabel: z.string(),
  bedLabel: z.string(),
  status: z.enum(['hospital', 'leave']),
  since: z.string(),
});

export const TodayOut = z.object({
  /** The shift being worked now and the one it took over from (whose sheet the incoming nurse acknowledges). */
  current: ShiftRefOut.nullable(),
  previous: ShiftRefOut.nullable(),
  /** The unit of the person's own staff record, when one is linked: the board starts there. */
  ownUnitId: Id.nullable(),
  units: z.array(
    z.object({
      unitId: Id,
      name: z.string(),
      census: z.number().int(),
      out: z.array(OutResident),
      /** The previous shift's handoff: acknowledged (by whom, when) or not. */
      handoff: z.object({ acknowledged: z.boolean(), byName: z.string().nullable(), at: z.string().nullable() }),
    }),
  ),
  /** CPR coverage of the shift being worked and of the next one. */
  coverage: z.array(ShiftRefOut.extend({ result: z.enum(['ok', 'warning', 'unknown']), coveredBy: z.array(z.string()) })),
});
export type TodayOut = z.infer<typeof TodayOut>;

export const handoffContract = {
  'handoff.settings': method({
    input: z.strictObject({}),
    output: z.object({ template: handoffTemplateSchema }),
    access: 'handoff.read',
    write: false,
  }),
  'handoff.setTemplate': method({
    input: z.strictObject({ template: handoffTemplateSchema }),
    output: z.object({ template: handoffTemplateSchema }),
    access: 'facility.manage',
    write: true,
  }),
  /** Everything the note-writing screen needs for a unit and shift: residents in room order, their note, the previous shift's, open actions. */
  'handoff.notes': method({
    input: z.strictObject({ unitId: Id, ...ShiftKey }),
    output: z.object({ date: IsoDate, shift: ShiftOut, previous: ShiftRefOut, template: handoffTemplateSchema, residents: z.array(NotesResident) }),
    access: 'handoff.read',
    write: false,
  }),
  /** Autosave of one note: `expectedVersion` null creates it; a version older than the stored one is refused with who and when. */
  'handoff.saveNote': method({
    input: z.strictObject({ residentId: Id, ...ShiftKey, expectedVersion: Version.nullable(), ...noteFields }),
    output: NoteOut,
    access: 'handoff.write',
    write: true,
  }),
  'handoff.addAction': method({
    input: z.strictObject({
      residentId: Id,
      ...ShiftKey,
      text: text(NOTE_LIMITS.actionText),
      owner: optionalText(NOTE_LIMITS.actionOwner),
      /** Facility wall time during the shift; after midnight in a night shift it is the next day. */
      dueTime: WallTime.nullable().default(null),
    }),
    output: ActionOut,
    access: 'handoff.write',
    write: true,
  }),
  'handoff.completeAction': method({
    input: z.strictObject({ id: Id, expectedVersion: Version }),
    output: ActionOut,
    access: 'handoff.write',
    write: true,
  }),
  /** The sheet of a unit, or of chosen residents (`residentIds`), for a shift. */
  'handoff.sheet': method({
    input: z.strictObject({
      unitId: Id.nullable().default(null),
      residentIds: z.array(Id).min(1).max(MAX_CHOSEN_RESIDENTS).nullable().default(null),
      ...ShiftKey,
    }),
    output: SheetOut,
    access: 'handoff.read',
    write: false,
  }),
  /** Records the version of a unit's sheet that is being printed (the baseline of the next "changed since"). */
  'handoff.recordPrint': method({
    input: z.strictObject({ unitId: Id, ...ShiftKey, hash: z.string().regex(/^[0-9a-f]{64}$/) }),
    output: z.object({ sheetId: Id, hash: z.string() }),
    access: 'handoff.read',
    write: true,
  }),
  /**
   * The receiving nurse confirms the handoff of the version they were shown (`hash`). A sheet that
   * changed since is refused (`conflict`, `handoff.sheetChanged`): the screen shows what changed first.
   */
  'handoff.acknowledge': method({
    input: z.strictObject({ unitId: Id, ...ShiftKey, hash: z.string().regex(/^[0-9a-f]{64}$/), synthesis: optionalText(NOTE_LIMITS.synthesis) }),
    output: z.object({ id: Id, at: IsoInstant, hash: z.string() }),
    access: 'handoff.write',
    write: true,
  }),
  /** The Today board's nursing part: units with who is out and whether the last handoff was acknowledged, and CPR coverage. */
  'handoff.today': method({
    input: z.strictObject({}),
    output: TodayOut,
    access: 'handoff.read',
    write: false,
  }),
};
