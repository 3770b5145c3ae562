import { z } from 'zod';
import { Id, LanguageSchema, PermissionSchema, RoleSchema, text } from './common';
import { method } from './method';

export const SessionUser = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  permissions: z.array(PermissionSchema),
  language: LanguageSchema.nullable(),
  mustChangePassword: z.boolean(),
});
export type SessionUser = z.infer<typeof SessionUser>;

// Passwords are checked against the policy in the handler, where the user's context is known;
// here only a generous cap keeps a megabyte string from reaching scrypt.
const Password = z.string().min(1).max(512);

export const authContract = {
  'auth.signIn': method({
    input: z.strictObject({ username: text(64), password: Password }),
    output: z.object({ user: SessionUser }),
    access: 'public',
    write: true,
  }),
  'auth.signOut': method({
    input: z.strictObject({}),
    output: z.object({}),
    access: 'signed_in',
    write: true,
  }),
  'auth.session': method({
    input: z.strictObject({}),
    output: z.object({
      user: SessionUser.nullable(),
      idleLockMinutes: z.number().int(),
      /** The station is locked: whose session it is (the lock screen names them), and nothing else. */
      locked: z.strictObject({ username: z.string(), displayName: z.string() }).nullable(),
    }),
    access: 'public',
    write: false,
  }),
  'auth.changePassword': method({
    input: z.strictObject({ currentPassword: Password, newPassword: Password }),
    output: z.object({}),
    access: 'signed_in',
    write: true,
  }),
  /** The idle lock: the session stays, answering nothing until its person unlocks it. */
  'auth.lock': method({
    input: z.strictObject({}),
    output: z.object({}),
    access: 'signed_in',
    write: true,
  }),
  /** The same person back at a locked station: their password opens their session again (throttled like a sign-in). */
  'auth.unlock': method({
    input: z.strictObject({ password: Password }),
    output: z.object({ user: SessionUser }),
    access: 'signed_in',
    write: true,
  }),
  'auth.setLanguage': method({
    input: z.strictObject({ language: LanguageSchema }),
    output: z.object({}),
    access: 'signed_in',
    write: true,
  }),
};
