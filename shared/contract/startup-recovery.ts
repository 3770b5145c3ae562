import { z } from 'zod';
import { IsoInstant } from './common';

/**
 * The start-up recovery screen's methods (issues 15 and 16): served instead of the whole contract
 * when the SQLite database cannot be opened — damaged (restore a verified backup) or its key
 * cannot be unwrapped here (the recovery key re-wraps it). Nobody is signed in then, and the
 * database is not open, so these are not in `contract`: the normal dispatcher never answers them,
 * and the recovery service answers nothing else.
 */
export const RecoveryBackup = z.strictObject({
  name: z.string(),
  at: IsoInstant,
  residents: z.number().int(),
  users: z.number().int(),
  auditRows: z.number().int(),
});
export type RecoveryBackup = z.infer<typeof RecoveryBackup>;

export const recoveryContract = {
  'recovery.status': {
    input: z.strictObject({}),
    output: z.strictObject({
      /** damaged: restore a backup; key: the key cannot be unwrapped on this PC or account. */
      mode: z.enum(['damaged', 'key']),
      /** The database file, for the administrator or IT. */
      file: z.string(),
      /** Verified backups, newest first (damaged mode only). */
      backups: z.array(RecoveryBackup),
    }),
  },
  /** Restores the named verified backup over the damaged file (moved aside, never deleted). */
  'recovery.restore': {
    input: z.strictObject({ name: z.string().min(1).max(200), confirm: z.literal(true) }),
    output: z.strictObject({ restored: RecoveryBackup, keptAs: z.string() }),
  },
  /** Re-wraps the database key for this PC and account with the recovery key. */
  'recovery.unlock': {
    input: z.strictObject({ recoveryKey: z.string().min(1).max(200) }),
    output: z.strictObject({ unlocked: z.literal(true) }),
  },
  /** Quits without changing anything. */
  'recovery.quit': {
    input: z.strictObject({}),
    output: z.strictObject({ quitting: z.literal(true) }),
  },
} as const;

export type RecoveryContract = typeof recoveryContract;
export type RecoveryMethod = keyof RecoveryContract;
export type RecoveryInput<M extends RecoveryMethod> = z.input<RecoveryContract[M]['input']>;
export type RecoveryOutput<M extends RecoveryMethod> = z.output<RecoveryContract[M]['output']>;

export function isRecoveryMethod(name: unknown): name is RecoveryMethod {
  return typeof name === 'string' && Object.hasOwn(recoveryContract, name);
}

/** Normalises a typed recovery key: dashes and spaces optional, any case. */
export function normaliseRecoveryKey(typed: string): string {
  return typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
}
