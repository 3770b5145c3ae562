import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { nocase } from './columns';

/** Mirrors shared/domain/roles.ts; kept in step at start-up so users.role can be a foreign key. */
export const roles = sqliteTable('roles', {
  code: text('code').primaryKey(),
});

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull().references(() => roles.code),
    // PHC strings, `$argon2id$v=19$m=65536,t=2,p=1$salt$hash` (older rows `scrypt$N$r$p$salt$hash`):
    // the parameters travel with the hash, so a weaker one is recognised and rehashed at the next sign-in.
    passwordHash: text('password_hash').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    language: text('language', { enum: ['en', 'es'] }),
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    // Row version: an update names the version it read; a newer one on the server refuses it (never a silent overwrite).
    version: integer('version').notNull().default(1),
    lastSignInAt: text('last_sign_in_at'),
  },
  // Users are never deleted: audit rows keep pointing at them.
  (t) => [uniqueIndex('users_username_unique').on(nocase(t.username))],
);

/** Only a hash of the session token is stored: a copied database file signs nobody in. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    endedAt: text('ended_at'),
    endReason: text('end_reason', { enum: ['sign_out', 'idle', 'deactivated', 'password_reset', 'closed', 'password_changed'] }),
    // Set by the idle lock: the session stays (so its person finds their unsaved work) but answers
    // nothing until the same person unlocks it with their password.
    lockedAt: text('locked_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Failed sign-ins per typed username (existing or not, so the throttle reveals nothing). */
export const signInThrottle = sqliteTable('sign_in_throttle', {
  usernameKey: text('username_key').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: text('last_failure_at').notNull(),
  lockedUntil: text('locked_until'),
});

/** Who changed what, when, with the row before and after. Written in the same transaction. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    userId: integer('user_id').references(() => users.id),
    method: text('method').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    beforeJson: text('before_json'),
    afterJson: text('after_json'),
    /** 'change' (a write), 'access' (a read of health information), 'denied' (a refused call). */
    kind: text('kind', { enum: ['change', 'access', 'denied'] }).notNull().default('change'),
    /** The station the call came from. */
    station: text('station'),
    // The hash chain (electron/core/audit-chain.ts): each row stores the previous row's hash and its own,
    // so an edited, deleted, inserted or reordered row breaks a link. Triggers refuse UPDATE and DELETE.
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_entity_idx').on(t.entity, t.entityId, t.id),
    index('audit_at_idx').on(t.at),
    // The viewer's "by person" filter and the access rows' once-a-minute check.
    index('audit_user_idx').on(t.userId, t.at),
    // No index on prev_hash: the fork guard is the primary key. A row's id is its predecessor's id + 1
    // (db/queries/audit.ts), so two stations appending after the same row collide on the id and one is
    // retried; a unique prev_hash index did the same at the cost of a fifth B-tree per audited write.
  ],
);
