import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';
import { residents } from './residents';

/**
 * Failed sign-ins per station, whatever usernames were typed: forty names in nine seconds from one
 * keyboard are slowed like five tries of one name (sign_in_throttle counts per name).
 */
export const stationThrottle = sqliteTable('station_throttle', {
  station: text('station').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: text('last_failure_at').notNull(),
  lockedUntil: text('locked_until'),
});

/**
 * Emergency access ("break the glass"): a person opens one resident's record outside their role,
 * giving a reason. It lasts until the end of the shift it was opened in and is reviewed by an
 * administrator; every read under it is also an access row in the audit trail.
 */
export const emergencyAccess = sqliteTable(
  'emergency_access',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id),
    reason: text('reason').notNull(),
    station: text('station'),
    startedAt: text('started_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: text('reviewed_at'),
  },
  (t) => [index('emergency_access_user_idx').on(t.userId, t.residentId, t.expiresAt), index('emergency_access_started_idx').on(t.startedAt)],
);

/**
 * Authorised prints awaiting their outcome. Only the SHA-256 of the one-time token is stored; main
 * holds the token itself, so the renderer can neither forge an outcome nor record one twice.
 */
export const printJobs = sqliteTable('print_jobs', {
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id),
  document: text('document').notNull(),
  issuedAt: text('issued_at').notNull(),
  finishedAt: text('finished_at'),
  saved: integer('saved', { mode: 'boolean' }),
});
