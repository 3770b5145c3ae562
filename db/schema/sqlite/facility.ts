import { sql } from 'drizzle-orm';
import { check, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { nocase } from './columns';

/** One row: a CareDesk database is one facility. */
export const facility = sqliteTable(
  'facility',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull(),
    paperSize: text('paper_size', { enum: ['letter', 'a4'] }).notNull(),
    defaultLanguage: text('default_language', { enum: ['en', 'es'] }).notNull(),
    idleLockMinutes: integer('idle_lock_minutes').notNull().default(10),
    createdAt: text('created_at').notNull(),
  },
  (t) => [check('facility_single_row', sql`${t.id} = 1`)],
);

export const units = sqliteTable(
  'units',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [uniqueIndex('units_name_unique').on(nocase(t.name))],
);

export const rooms = sqliteTable(
  'rooms',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id').notNull().references(() => units.id),
    label: text('label').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('rooms_unit_label_unique').on(t.unitId, nocase(t.label))],
);

export const beds = sqliteTable(
  'beds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    roomId: integer('room_id').notNull().references(() => rooms.id),
    label: text('label').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('beds_room_label_unique').on(t.roomId, nocase(t.label))],
);

/** Shift patterns; a shift that crosses midnight belongs to the date it starts on. */
export const shifts = sqliteTable('shifts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  startTime: text('start_time').notNull(),
  endTime: text('end_time').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
});

/** Key/value settings; scope is 'facility' or 'user:<id>' (e.g. a user's census columns). */
export const settings = sqliteTable(
  'settings',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    valueJson: text('value_json').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);
