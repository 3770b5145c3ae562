import { z } from 'zod';
import {
  allergySeveritySchema,
  codeStatusFormSchema,
  codeStatusSchema,
  contactRoleSchema,
  dietTypeSchema,
  iddsiDrinkLevelSchema,
  iddsiFoodLevelSchema,
  isolationPrecautionSchema,
  mobilityAidSchema,
  residentStatusSchema,
  riskLevelSchema,
  sexSchema,
  transferAssistSchema,
  transportModeSchema,
} from '../domain/residents/schemas';
import { administrativeFields, clinicalFields, type AdministrativeField, type ClinicalField } from '../domain/residents/clinical';
import { residentTextMax as max } from '../domain/residents/text-limits';
import { riskLevels } from '../domain/residents/vocabulary';
import { AuditEntry } from './users';
import { Id, ImportDateFormatInput, ImportDatesOut, IsoDate, Paging, Version, optionalText, pageOf, text } from './common';
import { method } from './method';

export const AllergyItemInput = z.strictObject({
  substance: text(max.allergySubstance),
  reaction: optionalText(max.allergyReaction).transform((s) => s ?? ''),
  severity: allergySeveritySchema,
});

export const AllergiesInput = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('not_recorded') }),
  z.strictObject({ state: z.literal('nka'), recordedOn: IsoDate }),
  // At least one item: an empty list would read like NKA without anyone having recorded NKA.
  z.strictObject({ state: z.literal('listed'), items: z.array(AllergyItemInput).min(1).max(40) }),
]);
export type AllergiesInput = z.output<typeof AllergiesInput>;

export const ContactInput = z.strictObject({
  role: contactRoleSchema,
  name: text(max.contactName),
  relationship: optionalText(max.contactRelationship),
  phone: optionalText(max.contactPhone),
  altPhone: optionalText(max.contactPhone),
  /** 1 is called first; null when this contact is not on the emergency list. */
  emergencyOrder: z.number().int().min(1).max(20).nullable().default(null),
  note: optionalText(max.contactNote),
});
export type ContactInput = z.output<typeof ContactInput>;

/**
 * Everything a person can edit on the record. Nothing clinical has a default: an assessment that is
 * not sent is null, "Not assessed", until a nurse records it (fall risk is never "Low" because nobody
 * asked), and allergies are "not recorded" — different from NKA. Code status is required: "presumed
 * full code" must be a decision someone made, not a form default.
 */
export const residentFieldShape = {
  legalGiven: text(max.legalGiven),
  legalFamily: text(max.legalFamily),
  preferredName: optionalText(max.preferredName),
  dateOfBirth: IsoDate,
  sex: sexSchema,
  recordNumber: text(max.recordNumber).pipe(z.string().regex(/^[\p{L}\p{N}._/-]+$/u, { error: 'invalid_record_number' })),
  codeStatus: codeStatusSchema,
  codeStatusForm: codeStatusFormSchema.nullable().default(null),
  codeStatusDocumentedOn: IsoDate.nullable().default(null),
  allergies: AllergiesInput.default({ state: 'not_recorded' }),
  dietType: dietTypeSchema.nullable().default(null),
  dietNote: optionalText(max.dietNote),
  iddsiFood: iddsiFoodLevelSchema.nullable().default(null),
  iddsiDrink: iddsiDrinkLevelSchema.nullable().default(null),
  transfer: transferAssistSchema.nullable().default(null),
  aid: mobilityAidSchema.nullable().default(null),
  bariatric: z.boolean().nullable().default(null),
  fallRisk: riskLevelSchema.nullable().default(null),
  wanderingRisk: riskLevelSchema.nullable().default(null),
  isolation: isolationPrecautionSchema.nullable().default(null),
  hearingAids: optionalText(max.hearingAids),
  visionAids: optionalText(max.visionAids),
  language: optionalText(max.language),
  interpreterNeeded: z.boolean().default(false),
  physicianName: optionalText(max.physicianName),
  physicianPhone: optionalText(max.physicianPhone),
  pharmacyName: optionalText(max.pharmacyName),
  pharmacyPhone: optionalText(max.pharmacyPhone),
  contacts: z.array(ContactInput).max(20).default([]),
};

/**
 * Compile-time: every field of the record is declared clinical or administrative in
 * shared/domain/residents/clinical.ts, and those lists name only fields of the record. A field added
 * here without a side does not compile, so nobody can add a clinical field the guard does not see.
 */
type FieldName = keyof typeof residentFieldShape;
export const everyFieldClassified: [Exclude<FieldName, ClinicalField | AdministrativeField>] extends [never] ? true : never = true;
export const classifiedFieldsExist: readonly FieldName[] = [...clinicalFields, ...administrativeFields];

export const ResidentFields = z.strictObject(residentFieldShape);
export type ResidentFields = z.output<typeof ResidentFields>;

export const AdmitInput = z.strictObject({
  ...residentFieldShape,
  unitId: Id,
  bedId: Id,
  admittedOn: IsoDate,
});
export type AdmitInput = z.output<typeof AdmitInput>;

export const AllergyItemOut = z.object({ substance: z.string(), reaction: z.string(), severity: allergySeveritySchema });

/**
 * The allergy record as every view shows it: its state and, when listed, the items themselves —
 * severe first — each with its own severity, so a mark goes on the item it belongs to and nothing is
 * read back out of a text.
 */
const AllergySummaryOut = z.object({
  state: z.enum(['not_recorded', 'nka', 'listed']),
  items: z.array(AllergyItemOut),
  hasSevere: z.boolean(),
  recordedOn: z.string().nullable(),
});

/** What every view shows beside a name, so two residents who share one are told apart. */
export const Location = z.object({
  unitId: Id,
  unitName: z.string(),
  roomId: Id,
  roomLabel: z.string(),
  bedId: Id,
  bedLabel: z.string(),
});
export type Location = z.infer<typeof Location>;

export const CensusRow = z.object({
  id: Id,
  recordNumber: z.string(),
  legalGiven: z.string(),
  legalFamily: z.string(),
  preferredName: z.string().nullable(),
  dateOfBirth: z.string(),
  age: z.number().int(),
  sex: sexSchema,
  status: residentStatusSchema,
  statusSince: z.string(),
  location: Location.nullable(),
  codeStatus: codeStatusSchema,
  allergies: AllergySummaryOut,
  // null = not assessed (shown as a warning, never as a value).
  dietType: dietTypeSchema.nullable(),
  iddsiFood: iddsiFoodLevelSchema.nullable(),
  iddsiDrink: iddsiDrinkLevelSchema.nullable(),
  transfer: transferAssistSchema.nullable(),
  aid: mobilityAidSchema.nullable(),
  fallRisk: riskLevelSchema.nullable(),
  wanderingRisk: riskLevelSchema.nullable(),
  isolation: isolationPrecautionSchema.nullable(),
  language: z.string().nullable(),
  interpreterNeeded: z.boolean(),
});
export type CensusRow = z.infer<typeof CensusRow>;

export const censusSorts = ['location', 'name', 'dateOfBirth', 'status', 'codeStatus', 'fallRisk', 'recordNumber', 'admittedOn'] as const;
export type CensusSort = (typeof censusSorts)[number];

/** 'census' = everyone the facility is responsible for tonight (active, hospital, leave). */
export const statusFilters = ['census', 'all', 'active', 'hospital', 'leave', 'discharged', 'deceased'] as const;
export type StatusFilter = (typeof statusFilters)[number];

export const ListInput = z.strictObject({
  ...Paging,
  query: z.string().max(120).default(''),
  status: z.enum(statusFilters).default('census'),
  unitId: Id.nullable().default(null),
  codeStatus: codeStatusSchema.nullable().default(null),
  /** 'not_assessed' finds the residents whose fall risk nobody has recorded yet. */
  fallRisk: z.enum([...riskLevels, 'not_assessed']).nullable().default(null),
  /** 'any' = some precaution other than none. */
  isolation: z.enum(['any', 'contact', 'droplet', 'airborne']).nullable().default(null),
  sort: z.enum(censusSorts).default('location'),
  desc: z.boolean().default(false),
});
export type ListInput = z.output<typeof ListInput>;

/** A status change or move marked entered in error: still shown in the history, struck through. */
export const EnteredInErrorOut = z.object({ at: z.string(), by: z.string().nullable(), reason: z.string() });

export const StatusPeriodOut = z.object({
  id: Id,
  status: residentStatusSchema,
  from: z.string(),
  to: z.string().nullable(),
  bed: z.string().nullable(),
  note: z.string().nullable(),
  enteredInError: EnteredInErrorOut.nullable(),
});
export const BedAssignmentOut = z.object({
  id: Id,
  bedId: Id,
  place: z.string(),
  from: z.string(),
  to: z.string().nullable(),
  reason: z.enum(['admission', 'transfer', 'readmission', 'correction']),
  note: z.string().nullable(),
  enteredInError: EnteredInErrorOut.nullable(),
});

export const ResidentDetail = CensusRow.extend({
  admittedOn: z.string(),
  codeStatusForm: codeStatusFormSchema.nullable(),
  codeStatusDocumentedOn: z.string().nullable(),
  /** The items in the order they were entered (the edit form keeps it). */
  allergyItems: z.array(AllergyItemOut),
  dietNote: z.string().nullable(),
  bariatric: z.boolean().nullable(),
  /** null while mobility is not fully assessed: a booking must then ask for the mode. */
  transportMode: transportModeSchema.nullable(),
  hearingAids: z.string().nullable(),
  visionAids: z.string().nullable(),
  physicianName: z.string().nullable(),
  physicianPhone: z.string().nullable(),
  pharmacyName: z.string().nullable(),
  pharmacyPhone: z.string().nullable(),
  contacts: z.array(
    z.object({
      role: contactRoleSchema,
      name: z.string(),
      relationship: z.string().nullable(),
      phone: z.string().nullable(),
      altPhone: z.string().nullable(),
      emergencyOrder: z.number().int().nullable(),
      note: z.string().nullable(),
    }),
  ),
  periods: z.array(StatusPeriodOut),
  beds: z.array(BedAssignmentOut),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: Version,
});
export type ResidentDetail = z.infer<typeof ResidentDetail>;

/**
 * The latest status change or move, which a director of nursing or an administrator may mark
 * "entered in error", and what doing so puts back.
 */
export const CorrectableEntry = z.object({
  kind: z.enum(['status', 'move']),
  /** The status period or the bed assignment. */
  entryId: Id,
  /** A status change: the status it recorded; a move: null. */
  status: residentStatusSchema.nullable(),
  /** A move: the bed it moved to; a status change: null. */
  place: z.string().nullable(),
  date: z.string(),
  restores: z.object({
    status: residentStatusSchema,
    since: z.string(),
    /**
     * The bed the resident goes back to, and whether it is still free (else who has it now: another
     * bed must be chosen); null when the bed does not change (hospital, leave, return).
     */
    bed: z.object({ bedId: Id, place: z.string(), free: z.boolean(), takenBy: z.string().nullable() }).nullable(),
    /** The bed the correction frees (a readmission or a move in error), else null. */
    frees: z.string().nullable(),
  }),
});
export type CorrectableEntry = z.infer<typeof CorrectableEntry>;

export const EnteredInErrorInput = z.strictObject({
  id: Id,
  expectedVersion: Version,
  kind: z.enum(['status', 'move']),
  entryId: Id,
  /** Why it was wrong, in words a surveyor can read: at least five characters. */
  reason: text(max.note).pipe(z.string().min(5)),
  /** Only when the bed the resident had before was taken in the meantime: a free bed to go back to. */
  bedId: Id.nullable().default(null),
});

export const FreeBed = z.object({ unitId: Id, unitName: z.string(), roomId: Id, roomLabel: z.string(), bedId: Id, bedLabel: z.string() });
export type FreeBed = z.infer<typeof FreeBed>;

export const BedBoard = z.object({
  units: z.array(
    z.object({
      id: Id,
      name: z.string(),
      beds: z.number().int(),
      occupied: z.number().int(),
      rooms: z.array(
        z.object({
          id: Id,
          label: z.string(),
          beds: z.array(
            z.object({
              id: Id,
              label: z.string(),
              occupant: z
                .object({
                  id: Id,
                  legalGiven: z.string(),
                  legalFamily: z.string(),
                  preferredName: z.string().nullable(),
                  dateOfBirth: z.string(),
                  status: residentStatusSchema,
                  codeStatus: codeStatusSchema,
                  isolation: isolationPrecautionSchema.nullable(),
                  /** The allergy flag on each bed: the record's state and whether any allergy is severe. */
                  allergies: z.object({ state: z.enum(['not_recorded', 'nka', 'listed']), hasSevere: z.boolean() }),
                })
                .nullable(),
            }),
          ),
        }),
      ),
    }),
  ),
});
export type BedBoard = z.infer<typeof BedBoard>;

export const ImportRowIssue = z.object({ line: z.number().int(), field: z.string(), code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });
export type ImportRowIssue = z.infer<typeof ImportRowIssue>;

export const ImportPreview = z.object({
  delimiter: z.enum([',', ';', '\t']),
  columns: z.record(z.string(), z.number().int().nullable()),
  missingColumns: z.array(z.string()),
  rows: z.array(
    z.object({
      line: z.number().int(),
      recordNumber: z.string(),
      name: z.string(),
      /** As written in the file. */
      dateOfBirth: z.string(),
      /** As read by the file's date format; null when it is not a real date in it. */
      dateOfBirthRead: IsoDate.nullable(),
      place: z.string(),
      codeStatus: z.string(),
      ok: z.boolean(),
    }),
  ),
  issues: z.array(ImportRowIssue),
  total: z.number().int(),
  valid: z.number().int(),
  /** How the dates were read; a commit is refused while `state` is 'unconfirmed'. */
  dates: ImportDatesOut,
});
export type ImportPreview = z.infer<typeof ImportPreview>;

/** A CSV census export: up to 8 MB of text read by the renderer, never a path. */
const CsvText = z.string().min(1).max(8_000_000);

export const CensusPreferences = z.strictObject({
  columns: z.array(z.string().max(40)).max(40),
  sort: z.enum(censusSorts),
  desc: z.boolean(),
});
export type CensusPreferences = z.infer<typeof CensusPreferences>;

export const residentsContract = {
  'residents.list': method({ input: ListInput, output: pageOf(CensusRow), access: 'residents.read', write: false }),
  'residents.get': method({ input: z.strictObject({ id: Id }), output: ResidentDetail, access: 'residents.read', write: false }),
  'residents.admit': method({ input: AdmitInput, output: ResidentDetail, access: 'residents.write', write: true }),
  'residents.update': method({ input: z.strictObject({ id: Id, expectedVersion: Version, ...residentFieldShape }), output: ResidentDetail, access: 'residents.write', write: true }),
  'residents.transfer': method({
    input: z.strictObject({ id: Id, bedId: Id, date: IsoDate, note: optionalText(max.note) }),
    output: ResidentDetail,
    access: 'residents.write',
    write: true,
  }),
  'residents.changeStatus': method({
    input: z.strictObject({
      id: Id,
      status: residentStatusSchema,
      date: IsoDate,
      /** Only for a readmission (discharged → active): the free bed the resident comes back to. */
      bedId: Id.nullable().default(null),
      note: optionalText(max.note),
    }),
    output: ResidentDetail,
    access: 'residents.write',
    write: true,
  }),
  'residents.correctable': method({
    input: z.strictObject({ id: Id }),
    output: z.object({ entries: z.array(CorrectableEntry) }),
    access: 'residents.correct',
    write: false,
  }),
  'residents.markEnteredInError': method({ input: EnteredInErrorInput, output: ResidentDetail, access: 'residents.correct', write: true }),
  'residents.history': method({
    input: z.strictObject({ id: Id, ...Paging }),
    output: pageOf(AuditEntry),
    access: 'residents.read',
    write: false,
  }),
  'residents.freeBeds': method({ input: z.strictObject({ unitId: Id.nullable().default(null) }), output: z.array(FreeBed), access: 'residents.read', write: false }),
  'residents.bedBoard': method({ input: z.strictObject({ unitId: Id.nullable().default(null) }), output: BedBoard, access: 'residents.read', write: false }),
  'rooms.create': method({
    input: z.strictObject({ unitId: Id, label: text(20), beds: z.array(text(10)).min(1).max(8) }),
    output: z.object({ roomId: Id, bedIds: z.array(Id) }),
    access: 'facility.manage',
    write: true,
  }),
  'residents.importPreview': method({ input: z.strictObject({ csv: CsvText, dateFormat: ImportDateFormatInput }), output: ImportPreview, access: 'residents.write', write: false }),
  'residents.importCommit': method({
    input: z.strictObject({ csv: CsvText, dateFormat: ImportDateFormatInput }),
    output: z.object({ admitted: z.number().int() }),
    access: 'residents.write',
    write: true,
  }),
  'preferences.get': method({
    input: z.strictObject({ key: z.literal('census') }),
    output: z.object({ census: CensusPreferences.nullable() }),
    access: 'signed_in',
    write: false,
  }),
  'preferences.set': method({
    input: z.strictObject({ key: z.literal('census'), value: CensusPreferences }),
    output: z.object({}),
    access: 'signed_in',
    write: true,
  }),
};
