import { z } from 'zod';
import { Id, IsoDate, IsoInstant, LanguageSchema, Paging, RoleSchema, Username, Version, pageOf, text } from './common';
import { method } from './method';


export const User = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  active: z.boolean(),
  language: LanguageSchema.nullable(),
  mustChangePassword: z.boolean(),
  createdAt: IsoInstant,
  lastSignInAt: IsoInstant.nullable(),
  version: Version,
});
export type User = z.infer<typeof User>;

export const AuditEntry = z.object({
  id: Id,
  at: IsoInstant,
  userId: Id.nullable(),
  userName: z.string().nullable(),
  method: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  /** 'change': a write; 'access': a read of residents' health information; 'denied': a refused call. */
  kind: z.enum(['change', 'access', 'denied']),
  station: z.string().nullable(),
  /** The resident's or user's name when the row is about one (the viewer's "Record" column). */
  entityName: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/**
 * The audit viewer's filters (Admin → Audit log, a resident's History): person, resident, the
 * facility's calendar dates (inclusive), action (a method name) and kind, paged on the server.
 */
export const AuditFilterInput = z.strictObject({
  ...Paging,
  entity: z.string().max(40).optional(),
  entityId: z.string().max(40).optional(),
  userId: Id.optional(),
  residentId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  action: z.string().max(60).optional(),
  kind: z.enum(['change', 'access', 'denied']).optional(),
});
export type AuditFilterInput = z.output<typeof AuditFilterInput>;

export const usersContract = {
  'users.list': method({
    input: z.strictObject({ ...Paging, query: z.string().max(64).optional(), includeInactive: z.boolean().default(false) }),
    output: pageOf(User),
    access: 'users.read',
    write: false,
  }),
  'users.get': method({
    input: z.strictObject({ id: Id }),
    output: User,
    access: 'users.read',
    write: false,
  }),
  'users.create': method({
    input: z.strictObject({ username: Username, displayName: text(120), role: RoleSchema, password: z.string().min(1).max(512) }),
    output: User,
    access: 'users.manage',
    write: true,
  }),
  'users.update': method({
    input: z.strictObject({ id: Id, expectedVersion: Version, displayName: text(120), role: RoleSchema, active: z.boolean() }),
    output: User,
    access: 'users.manage',
    write: true,
  }),
  'users.resetPassword': method({
    input: z.strictObject({ id: Id, newPassword: z.string().min(1).max(512) }),
    output: z.object({}),
    access: 'users.manage',
    write: true,
  }),
  'audit.list': method({
    input: AuditFilterInput,
    output: pageOf(AuditEntry),
    access: 'audit.read',
    write: false,
  }),
};
