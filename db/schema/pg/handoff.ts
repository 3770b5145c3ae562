import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { HANDOFF_TEMPLATES, ILLNESS_SEVERITIES } from '../../../shared/domain/handoff/vocabulary';
import { users } from './accounts';
import { shifts, units } from './facility';
import { residents } from './residents';

/**
 * The outgoing nurse's note on one resident for one shift (I-PASS or SBAR: the template it was
 * written in is kept with it). Autosaved over row versions: a save over another station's newer
 * version is refused with who and when, never a silent overwrite.
 */
export const handoffNotes = pgTable(
  'handoff_notes',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    residentId: integer('resident_id').notNull().references(() => residents.id),
    // The date the shift starts on (a night shift belongs to the date it starts on).
    shiftDate: text('shift_date').notNull(),
    shiftId: integer('shift_id').notNull().references(() => shifts.id),
    template: text('template', { enum: HANDOFF_TEMPLATES }).notNull(),
    // I-PASS illness severity; NULL = not stated (never defaulted to "stable").
    severity: text('severity', { enum: ILLNESS_SEVERITIES }),
    summary: text('summary'),
    awareness: text('awareness'),
    situation: text('situation'),
    background: text('background'),
    assessment: text('assessment'),
    recommendation: text('recommendation'),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    updatedAt: text('updated_at').notNull(),
    updatedBy: integer('updated_by').references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('handoff_notes_resident_shift_unique').on(t.residentId, t.shiftDate, t.shiftId), index('handoff_notes_shift_idx').on(t.shiftDate, t.shiftId)],
);

/**
 * A to-do on a resident (the A of I-PASS): carried from shift to shift until someone marks it done.
 * Never deleted: done keeps who and when.
 */
export const handoffActions = pgTable(
  'handoff_actions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    residentId: integer('resident_id').notNull().references(() => residents.id),
    text: text('text').notNull(),
    owner: text('owner'),
    // Facility wall time; both NULL when no time was given.
    dueDate: text('due_date'),
    dueTime: text('due_time'),
    createdShiftDate: text('created_shift_date').notNull(),
    createdShiftId: integer('created_shift_id').notNull().references(() => shifts.id),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    doneAt: text('done_at'),
    doneBy: integer('done_by').references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('handoff_actions_open_idx').on(t.residentId, t.id).where(sql`${t.doneAt} IS NULL`),
    check('handoff_actions_due_whole', sql`(${t.dueDate} IS NULL) = (${t.dueTime} IS NULL)`),
  ],
);

/**
 * A version of a unit's sheet as it was printed or acknowledged: its content (what the next shift's
 * sheet compares with for "changed since the last handoff") and the SHA-256 of that content (what an
 * acknowledgment names). One row per distinct content of a sheet; the content never changes.
 */
export const handoffSheets = pgTable(
  'handoff_sheets',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer('unit_id').notNull().references(() => units.id),
    shiftDate: text('shift_date').notNull(),
    shiftId: integer('shift_id').notNull().references(() => shifts.id),
    hash: text('hash').notNull(),
    contentJson: text('content_json').notNull(),
    residents: integer('residents').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    // Last time this very version was printed; NULL if it was only ever shown and acknowledged.
    lastPrintedAt: text('last_printed_at'),
  },
  (t) => [uniqueIndex('handoff_sheets_version_unique').on(t.unitId, t.shiftDate, t.shiftId, t.hash), index('handoff_sheets_unit_date_idx').on(t.unitId, t.shiftDate)],
);

/** The receiving nurse confirms the handoff (the S of I-PASS): who, when, the exact version, and their synthesis. */
export const handoffAcks = pgTable(
  'handoff_acks',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    sheetId: integer('sheet_id').notNull().references(() => handoffSheets.id),
    acknowledgedBy: integer('acknowledged_by').notNull().references(() => users.id),
    acknowledgedAt: text('acknowledged_at').notNull(),
    synthesis: text('synthesis'),
  },
  (t) => [index('handoff_acks_sheet_idx').on(t.sheetId)],
);
