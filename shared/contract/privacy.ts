import { z } from 'zod';
import { Id, IsoDate, IsoInstant, Paging, pageOf, text } from './common';
import { method } from './method';
import { AuditFilterInput } from './users';

/** What verification found (db/audit-chain.ts): the first broken link, and the tail to note down. */
export const AuditVerdict = z.strictObject({
  ok: z.boolean(),
  /** Rows checked, and rows in the trail. */
  checked: z.number().int(),
  total: z.number().int(),
  /** 'edited': the row no longer matches its hash; 'link': a row before it was deleted, inserted or moved; 'unsealed': it has no hash. */
  broken: z.strictObject({ id: z.number().int(), reason: z.enum(['edited', 'link', 'unsealed']) }).nullable(),
  tail: z.strictObject({ id: z.number().int(), hash: z.string().nullable() }).nullable(),
});
export type AuditVerdict = z.infer<typeof AuditVerdict>;

/** Methods of the privacy and access area: the audit trail's integrity, locks, emergency access. */
export const privacyContract = {
  /** "Verify audit trail": the whole chain, or only its last rows (as at start-up). */
  'audit.verify': method({
    input: z.strictObject({ scope: z.enum(['tail', 'full']).default('full') }),
    output: AuditVerdict,
    access: 'audit.read',
    write: false,
  }),
  /**
   * The audit viewer's rows as CSV, in the reader's language and the facility's time, with the
   * same filters as audit.list. An export of health information: a write, recorded with its
   * filters and row count (never the rows).
   */
  'audit.export': method({
    input: AuditFilterInput.omit({ offset: true, limit: true }),
    output: z.strictObject({ fileName: z.string(), csv: z.string(), rows: z.number().int(), truncated: z.boolean() }),
    access: 'audit.read',
    write: true,
  }),
  /**
   * Accounts and stations locked by failed passwords now. Only names of existing accounts: a name
   * that matches no one may be a password typed in the wrong field.
   */
  'users.lockouts': method({
    input: z.strictObject({}),
    output: z.strictObject({
      accounts: z.array(z.strictObject({ userId: Id, username: z.string(), displayName: z.string(), failures: z.number().int(), lockedUntil: IsoInstant })),
      stations: z.array(z.strictObject({ station: z.string(), failures: z.number().int(), lockedUntil: IsoInstant })),
    }),
    access: 'users.manage',
    write: false,
  }),
  /**
   * Emergency access, step 1: find the resident by name or record number. Only who they are and
   * where, for a person whose role does not read residents; the search is an access row itself.
   */
  'emergency.find': method({
    input: z.strictObject({ query: text(120) }),
    output: z.array(z.strictObject({ id: Id, name: z.string(), recordNumber: z.string(), dateOfBirth: IsoDate, place: z.string().nullable() })),
    access: 'signed_in',
    write: false,
  }),
  /**
   * Emergency access, step 2 ("break the glass"): opens one resident's record, read-only, for a
   * person whose role does not, with their reason. Lasts until the end of the current shift.
   */
  'emergency.open': method({
    input: z.strictObject({ residentId: Id, reason: text(500).pipe(z.string().min(10)) }),
    output: z.strictObject({ grantId: Id, residentId: Id, expiresAt: IsoInstant }),
    access: 'signed_in',
    write: true,
  }),
  /** The administrator's review list of emergency access, newest first. */
  'emergency.list': method({
    input: z.strictObject({ ...Paging, unreviewedOnly: z.boolean().default(false) }),
    output: pageOf(
      z.strictObject({
        id: Id,
        userId: Id,
        userName: z.string().nullable(),
        residentId: Id,
        residentName: z.string().nullable(),
        reason: z.string(),
        station: z.string().nullable(),
        startedAt: IsoInstant,
        expiresAt: IsoInstant,
        reviewedByName: z.string().nullable(),
        reviewedAt: IsoInstant.nullable(),
      }),
    ),
    access: 'audit.read',
    write: false,
  }),
  /** Marks an emergency access as reviewed. */
  'emergency.review': method({
    input: z.strictObject({ id: Id }),
    output: z.strictObject({}),
    access: 'audit.read',
    write: true,
  }),
  /** Lifts the lock of one account or one station (its failures are forgotten). */
  'users.unlock': method({
    input: z.union([z.strictObject({ userId: Id }), z.strictObject({ station: z.string().min(1).max(200) })]),
    output: z.strictObject({}),
    access: 'users.manage',
    write: true,
  }),
};
