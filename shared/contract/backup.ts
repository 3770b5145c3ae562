import { z } from 'zod';
import { IsoInstant } from './common';
import { method } from './method';

/** One backup as the administrator's screen lists it: when, what kind, whether it verified, what it holds. */
export const BackupEntry = z.strictObject({
  name: z.string(),
  kind: z.enum(['daily', 'manual', 'before-migration', 'before-restore', 'before-encryption']),
  at: IsoInstant,
  bytes: z.number().int(),
  /** integrity_check passed on the copy, and it is a CareDesk database. */
  ok: z.boolean(),
  residents: z.number().int().nullable(),
  users: z.number().int().nullable(),
  auditRows: z.number().int().nullable(),
});
export type BackupEntry = z.infer<typeof BackupEntry>;

/** Backups and restores (issue 15): the administrator's, on the SQLite file; on the server they are the server's. */
export const backupContract = {
  'backup.status': method({
    input: z.strictObject({}),
    output: z.strictObject({
      engine: z.enum(['sqlite', 'pg']),
      /** Where backups go (SQLite only). */
      folder: z.string().nullable(),
      backups: z.array(BackupEntry),
    }),
    access: 'data.backup',
    write: false,
  }),
  /** "Back up now": a verified copy, then rotation. Refused on the server option. */
  'backup.now': method({
    input: z.strictObject({}),
    output: BackupEntry,
    access: 'data.backup',
    write: true,
  }),
  /**
   * "Restore…": the named backup replaces the database, after a safety copy of the current one.
   * Everyone must sign in again afterwards; the restore is recorded in the restored trail.
   */
  'backup.restore': method({
    input: z.strictObject({ name: z.string().min(1).max(200), confirm: z.literal(true) }),
    output: z.strictObject({ restored: BackupEntry, safetyCopy: z.string() }),
    access: 'data.backup',
    write: true,
  }),
};
