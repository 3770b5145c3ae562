import { z } from 'zod';
import {
  AppointmentInput,
  AppointmentSettingSchema,
  AppointmentStatusSchema,
  AppointmentTypeSchema,
  ConflictOverrideInput,
  FamilyInformedInput,
  FamilyInformedMethodSchema,
  LocalDateTimeSchema,
  OutcomeInput,
  PreparationItemSchema,
  RescheduleInput,
  SeriesEditInput,
  SeriesInput,
  StatusChangeInput,
} from '../domain/appointments/schemas';
import { APPOINTMENT_LIMITS as L } from '../domain/appointments/vocabulary';
import { Id, IsoDate, Paging, Version, optionalText, pageOf, text } from './common';
import { method } from './method';

/**
 * Appointments (docs/appointments.md): one-off appointments, recurring series and their
 * occurrences, the providers directory, the follow-ups work list, the calendar export. Reads need
 * `appointments.read`, writes `appointments.write`. Input shapes and their codes are the domain's
 * (shared/domain/appointments/schemas.ts); the facility rules (DST, horizon, conflicts) run in main.
 */

/**
 * One row of a list, agenda or a resident's page: a one-off or touched occurrence (`id` set), or a
 * series occurrence nobody touched yet (`id` null, `seriesId` + `originalLocal`). `key` is stable:
 * `a:<id>` or `s:<seriesId>:<originalLocal>`.
 */
export const AppointmentRow = z.object({
  key: z.string(),
  id: Id.nullable(),
  seriesId: Id.nullable(),
  originalLocal: z.string().nullable(),
  residentId: Id,
  residentName: z.string(),
  recordNumber: z.string(),
  unitId: Id.nullable(),
  unitName: z.string().nullable(),
  roomLabel: z.string().nullable(),
  bedLabel: z.string().nullable(),
  type: AppointmentTypeSchema,
  setting: AppointmentSettingSchema,
  providerName: z.string().nullable(),
  locationName: z.string().nullable(),
  /** Instants (UTC ISO) and the facility wall times shown. */
  startAt: z.string(),
  endAt: z.string(),
  startLocal: z.string(),
  endLocal: z.string(),
  /** The resolver moved it (DST gap) or took the first of a repeated hour. */
  shift: z.enum(['gap', 'fold']).nullable(),
  status: AppointmentStatusSchema,
  escortNeeded: z.boolean(),
  transportArranged: z.boolean(),
  preparationItems: z.array(PreparationItemSchema),
  familyInformedAt: z.string().nullable(),
  newOrders: z.boolean(),
  followUpDue: z.string().nullable(),
  followedUpAt: z.string().nullable(),
  version: Version.nullable(),
});
export type AppointmentRow = z.infer<typeof AppointmentRow>;

export const StatusChangeOut = z.object({
  from: AppointmentStatusSchema.nullable(),
  to: AppointmentStatusSchema,
  reason: z.string().nullable(),
  at: z.string(),
  byName: z.string().nullable(),
});

export const AppointmentDetail = AppointmentRow.extend({
  id: Id,
  providerId: Id.nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  startFold: z.enum(['earlier', 'later']).nullable(),
  endFold: z.enum(['earlier', 'later']).nullable(),
  preparationNote: z.string().nullable(),
  statusAt: z.string(),
  statusByName: z.string().nullable(),
  statusReason: z.string().nullable(),
  outcomeNote: z.string().nullable(),
  familyInformedByName: z.string().nullable(),
  familyInformedMethod: FamilyInformedMethodSchema.nullable(),
  familyContactName: z.string().nullable(),
  familyInformedNote: z.string().nullable(),
  history: z.array(StatusChangeOut),
  overrides: z.array(z.object({ reason: z.string(), at: z.string(), byName: z.string().nullable(), keys: z.array(z.string()) })),
  version: Version,
});
export type AppointmentDetail = z.infer<typeof AppointmentDetail>;

export const SeriesDetail = z.object({
  id: Id,
  residentId: Id,
  type: AppointmentTypeSchema,
  setting: AppointmentSettingSchema,
  providerId: Id.nullable(),
  providerName: z.string().nullable(),
  locationName: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  preparationItems: z.array(PreparationItemSchema),
  preparationNote: z.string().nullable(),
  escortNeeded: z.boolean(),
  dtstartLocal: z.string(),
  untilLocal: z.string(),
  rrule: z.string(),
  durationMinutes: z.number().int(),
  timeZone: z.string(),
  cancelledAt: z.string().nullable(),
  exdates: z.array(z.string()),
  rdates: z.array(z.string()),
  overrides: z.array(z.object({ originalLocal: z.string(), startLocal: z.string().nullable(), status: AppointmentStatusSchema.nullable(), appointmentId: Id.nullable() })),
  version: Version,
});
export type SeriesDetail = z.infer<typeof SeriesDetail>;

export const ProviderOut = z.object({
  id: Id,
  name: z.string(),
  specialty: z.string().nullable(),
  locationName: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  mergedIntoId: Id.nullable(),
  version: Version,
});
export type ProviderOut = z.infer<typeof ProviderOut>;

const ProviderFields = {
  name: text(L.providerName),
  specialty: optionalText(L.providerName),
  locationName: optionalText(L.locationName),
  address: optionalText(L.address),
  phone: optionalText(L.phone),
};

export const listFilters = {
  /** Facility calendar dates, inclusive; at most a year and a day apart. */
  from: IsoDate,
  to: IsoDate,
  type: AppointmentTypeSchema.nullable().default(null),
  status: AppointmentStatusSchema.nullable().default(null),
  unitId: Id.nullable().default(null),
  residentId: Id.nullable().default(null),
  needsTransport: z.boolean().default(false),
  followUpDue: z.boolean().default(false),
  familyNotInformed: z.boolean().default(false),
};
export const ListInput = z.strictObject({ ...Paging, ...listFilters });
export type ListInput = z.output<typeof ListInput>;

const Ref = z.strictObject({ seriesId: Id, originalLocal: LocalDateTimeSchema });

const FollowUpItem = z.object({ row: AppointmentRow, due: z.string().nullable(), overdue: z.boolean() });

export const IcsContentInput = z.strictObject({
  type: z.boolean().default(false),
  provider: z.boolean().default(false),
  preparation: z.boolean().default(false),
  residentName: z.boolean().default(false),
});

export const appointmentsContract = {
  /** A page of appointments and series occurrences in a date range, filtered, in start order. */
  'appointments.list': method({ input: ListInput, output: pageOf(AppointmentRow), access: 'appointments.read', write: false }),
  /** Day or week agenda of the facility, a unit or a resident: every row of the window (at most 2,000). */
  'appointments.agenda': method({
    input: z.strictObject({ date: IsoDate, days: z.union([z.literal(1), z.literal(7)]), unitId: Id.nullable().default(null), residentId: Id.nullable().default(null) }),
    output: z.object({ from: IsoDate, to: IsoDate, rows: z.array(AppointmentRow), truncated: z.boolean() }),
    access: 'appointments.read',
    write: false,
  }),
  /** The resident page: the next and the last appointments. */
  'appointments.forResident': method({
    input: z.strictObject({ residentId: Id }),
    output: z.object({ upcoming: z.array(AppointmentRow), past: z.array(AppointmentRow) }),
    access: 'appointments.read',
    write: false,
  }),
  'appointments.get': method({ input: z.strictObject({ id: Id }), output: AppointmentDetail, access: 'appointments.read', write: false }),
  /** A one-off appointment. Clashes come back as a `conflict` error until acknowledged with a reason. */
  'appointments.create': method({ input: AppointmentInput, output: AppointmentDetail, access: 'appointments.write', write: true }),
  /** Details and times of an appointment (a touched occurrence's move is kept on its series too). */
  'appointments.update': method({
    input: z.strictObject({ id: Id, expectedVersion: Version, appointment: AppointmentInput }),
    output: AppointmentDetail,
    access: 'appointments.write',
    write: true,
  }),
  /** Moving one appointment or a touched occurrence. */
  'appointments.reschedule': method({ input: z.strictObject({ id: Id, expectedVersion: Version, times: RescheduleInput }), output: AppointmentDetail, access: 'appointments.write', write: true }),
  'appointments.setStatus': method({ input: z.strictObject({ id: Id, expectedVersion: Version, change: StatusChangeInput }), output: AppointmentDetail, access: 'appointments.write', write: true }),
  'appointments.recordOutcome': method({ input: z.strictObject({ id: Id, expectedVersion: Version, outcome: OutcomeInput }), output: AppointmentDetail, access: 'appointments.write', write: true }),
  /** The new orders were acted on: off the work list, with who and when. */
  'appointments.markFollowedUp': method({ input: z.strictObject({ id: Id, expectedVersion: Version }), output: AppointmentDetail, access: 'appointments.write', write: true }),
  'appointments.familyInformed': method({ input: z.strictObject({ id: Id, expectedVersion: Version, informed: FamilyInformedInput }), output: AppointmentDetail, access: 'appointments.write', write: true }),
  /**
   * A series occurrence gets its own appointment row (status, family informed, outcome, a move),
   * linked to the series by its original start. Opening one twice returns the same row.
   */
  'appointments.openOccurrence': method({ input: Ref, output: AppointmentDetail, access: 'appointments.write', write: true }),
  'appointments.createSeries': method({ input: SeriesInput, output: SeriesDetail, access: 'appointments.write', write: true }),
  'appointments.getSeries': method({ input: z.strictObject({ id: Id }), output: SeriesDetail, access: 'appointments.read', write: false }),
  /** This and following ('following', from `fromLocal`), or the whole series ('all'); exceptions are kept. */
  'appointments.editSeries': method({ input: z.strictObject({ id: Id, expectedVersion: Version, edit: SeriesEditInput }), output: SeriesDetail, access: 'appointments.write', write: true }),
  /** Cancels the whole series, or from one occurrence on (`fromLocal`). */
  'appointments.cancelSeries': method({
    input: z.strictObject({ id: Id, expectedVersion: Version, fromLocal: LocalDateTimeSchema.nullable().default(null), reason: text(L.reason) }),
    output: SeriesDetail,
    access: 'appointments.write',
    write: true,
  }),
  /** The coordinator's work list. */
  'appointments.followUps': method({
    input: z.strictObject({ unitId: Id.nullable().default(null) }),
    output: z.object({ newOrders: z.array(FollowUpItem), needsTransport: z.array(FollowUpItem), familyNotInformed: z.array(FollowUpItem) }),
    access: 'appointments.read',
    write: false,
  }),
  /** A resident's or a unit's appointments as an .ics file: an export, so a write (audited), with what the user chose. */
  'appointments.exportIcs': method({
    input: z.strictObject({ residentId: Id.nullable().default(null), unitId: Id.nullable().default(null), from: IsoDate, to: IsoDate, content: IcsContentInput }),
    output: z.object({ fileName: z.string(), text: z.string(), events: z.number().int() }),
    access: 'appointments.write',
    write: true,
  }),
  'appointments.providers': method({
    input: z.strictObject({ query: z.string().max(120).default(''), includeInactive: z.boolean().default(false) }),
    output: z.object({ rows: z.array(ProviderOut) }),
    access: 'appointments.read',
    write: false,
  }),
  'appointments.createProvider': method({ input: z.strictObject(ProviderFields), output: ProviderOut, access: 'appointments.write', write: true }),
  'appointments.updateProvider': method({
    input: z.strictObject({ id: Id, expectedVersion: Version, ...ProviderFields, active: z.boolean().default(true) }),
    output: ProviderOut,
    access: 'appointments.write',
    write: true,
  }),
  /** Merges a duplicate into another: its appointments and series name the survivor; it stays, marked merged. */
  'appointments.mergeProviders': method({ input: z.strictObject({ fromId: Id, intoId: Id }), output: ProviderOut, access: 'appointments.write', write: true }),
};

export { ConflictOverrideInput };
