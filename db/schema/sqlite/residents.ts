import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { binaryKey, nocase } from './columns';
import {
  allergySeverities,
  codeStatusForms,
  codeStatuses,
  contactRoles,
  dietTypes,
  iddsiDrinkLevels,
  iddsiFoodLevels,
  isolationPrecautions,
  mobilityAids,
  residentStatuses,
  riskLevels,
  sexes,
  transferAssists,
} from '../../../shared/domain/residents/vocabulary';
import { users } from './accounts';
import { beds } from './facility';

/**
 * One row per person ever admitted. Never deleted: a discharged or deceased resident keeps the
 * record, the history and every audit row that points at it.
 *
 * `status`, `status_since` and `bed_id` repeat the open status period and bed assignment so the
 * census (the hottest list in the app) is one table scan with no history joins. The handlers change
 * them only together with the history tables, inside the call's transaction.
 */
export const residents = sqliteTable(
  'residents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recordNumber: text('record_number').notNull(),
    legalGiven: text('legal_given').notNull(),
    legalFamily: text('legal_family').notNull(),
    preferredName: text('preferred_name'),
    dateOfBirth: text('date_of_birth').notNull(),
    sex: text('sex', { enum: sexes }).notNull(),
    // normalizeForSearch of names and record number; `search_compact` is the same without spaces and,
    // after a \u0001, family name then given name, so a name typed in either order without a space
    // is found ("김민준" for family 김, given 민준). A query token is matched against it (search.ts).
    searchKey: text('search_key').notNull(),
    searchCompact: text('search_compact').notNull(),
    // Family then given name, normalised, so "Álvarez" sorts with the A's on every machine.
    nameSort: text('name_sort').notNull(),

    status: text('status', { enum: residentStatuses }).notNull(),
    statusSince: text('status_since').notNull(),
    admittedOn: text('admitted_on').notNull(),
    bedId: integer('bed_id').references(() => beds.id),
    // Unit order, room label and bed label as one sortable string (shared/domain/residents/location-key.ts),
    // so "sorted by unit and room" is an index walk rather than a natural sort in JavaScript.
    locationKey: text('location_key'),

    codeStatus: text('code_status', { enum: codeStatuses }).notNull(),
    codeStatusForm: text('code_status_form', { enum: codeStatusForms }),
    codeStatusDocumentedOn: text('code_status_documented_on'),

    allergyState: text('allergy_state', { enum: ['not_recorded', 'nka', 'listed'] }).notNull(),
    allergyRecordedOn: text('allergy_recorded_on'),
    // The items of resident_allergies as JSON ([{ substance, reaction, severity }], severe first), written
    // with every change of the items and never read back as anything but those items: the census row
    // shows each item with its own severity without a join. NULL unless allergy_state is 'listed'.
    allergyItems: text('allergy_items'),
    allergySevere: integer('allergy_severe', { mode: 'boolean' }).notNull().default(false),

    // Assessments: NULL = not assessed. Nothing clinical has a default (docs/residents.md); rows written
    // before these became nullable keep the values they had.
    dietType: text('diet_type', { enum: dietTypes }),
    dietNote: text('diet_note'),
    iddsiFood: text('iddsi_food', { enum: iddsiFoodLevels }),
    iddsiDrink: text('iddsi_drink', { enum: iddsiDrinkLevels }),
    transfer: text('transfer', { enum: transferAssists }),
    aid: text('aid', { enum: mobilityAids }),
    bariatric: integer('bariatric', { mode: 'boolean' }),
    fallRisk: text('fall_risk', { enum: riskLevels }),
    wanderingRisk: text('wandering_risk', { enum: riskLevels }),
    isolation: text('isolation', { enum: isolationPrecautions }),
    hearingAids: text('hearing_aids'),
    visionAids: text('vision_aids'),
    language: text('language'),
    interpreterNeeded: integer('interpreter_needed', { mode: 'boolean' }).notNull().default(false),
    physicianName: text('physician_name'),
    physicianPhone: text('physician_phone'),
    pharmacyName: text('pharmacy_name'),
    pharmacyPhone: text('pharmacy_phone'),
    // Photo: deliberately not stored yet (see docs/residents.md): a BLOB column would be easy, but
    // capture, size limits and printing need their own design.

    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    // Row version: an update names the version it read; a newer one on the server refuses it (never a silent overwrite).
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('residents_record_number_unique').on(nocase(t.recordNumber)),
    // At most one resident in a bed; NULLs (discharged, deceased) never collide.
    uniqueIndex('residents_bed_unique').on(t.bedId),
    index('residents_search_idx').on(t.searchKey),
    index('residents_location_idx').on(binaryKey(t.locationKey), t.id),
    index('residents_name_idx').on(binaryKey(t.nameSort), t.id),
    index('residents_status_idx').on(t.status),
    check('residents_location_with_bed', sql`(${t.bedId} IS NULL) = (${t.locationKey} IS NULL)`),
  ],
);

/**
 * A status change or a move marked "entered in error" by a director of nursing or an administrator:
 * who, when and why. The row stays as it was entered, struck through in the history; everything that
 * reads the current state (the open period, the open bed assignment) skips it. The three are written
 * together, by one query (markPeriodInError / markAssignmentInError); no CHECK says so, because on
 * SQLite adding one would rebuild both history tables in the migration.
 */
const enteredInError = () => ({
  enteredInErrorAt: text('entered_in_error_at'),
  enteredInErrorBy: integer('entered_in_error_by').references(() => users.id),
  enteredInErrorReason: text('entered_in_error_reason'),
});

/** Status over time: [from, to) periods, the open one has `to_date` NULL (entries in error aside). */
export const residentStatusPeriods = sqliteTable(
  'resident_status_periods',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    residentId: integer('resident_id').notNull().references(() => residents.id),
    status: text('status', { enum: residentStatuses }).notNull(),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date'),
    // The bed held during this period (hospital with bed hold keeps it), NULL once released.
    bedId: integer('bed_id').references(() => beds.id),
    note: text('note'),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    ...enteredInError(),
  },
  (t) => [index('status_periods_resident_idx').on(t.residentId, t.fromDate, t.id)],
);

/** Which bed, from when to when: room moves close one row and open the next. */
export const residentBedAssignments = sqliteTable(
  'resident_bed_assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    residentId: integer('resident_id').notNull().references(() => residents.id),
    bedId: integer('bed_id').notNull().references(() => beds.id),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date'),
    // 'correction': the bed a resident went back to when an entry was marked entered in error and the
    // bed they had before it was taken in the meantime.
    reason: text('reason', { enum: ['admission', 'transfer', 'readmission', 'correction'] }).notNull(),
    note: text('note'),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    ...enteredInError(),
  },
  (t) => [index('bed_assignments_resident_idx').on(t.residentId, t.fromDate, t.id), index('bed_assignments_bed_idx').on(t.bedId)],
);

/** Items of an allergy list, in the order the clinician entered them. Only for allergy_state 'listed'. */
export const residentAllergies = sqliteTable(
  'resident_allergies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    residentId: integer('resident_id').notNull().references(() => residents.id),
    position: integer('position').notNull(),
    substance: text('substance').notNull(),
    reaction: text('reaction').notNull().default(''),
    severity: text('severity', { enum: allergySeverities }).notNull(),
  },
  (t) => [index('allergies_resident_idx').on(t.residentId, t.position)],
);

/** Family, health-care proxy / POA, emergency contacts: `emergency_order` 1 is called first. */
export const residentContacts = sqliteTable(
  'resident_contacts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    residentId: integer('resident_id').notNull().references(() => residents.id),
    position: integer('position').notNull(),
    role: text('role', { enum: contactRoles }).notNull(),
    name: text('name').notNull(),
    relationship: text('relationship'),
    phone: text('phone'),
    altPhone: text('alt_phone'),
    emergencyOrder: integer('emergency_order'),
    note: text('note'),
  },
  (t) => [index('contacts_resident_idx').on(t.residentId, t.position)],
);
