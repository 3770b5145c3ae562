import { z } from 'zod';
import { Id, IsoInstant } from './common';
import { method } from './method';

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
  /** Lifts the lock of one account or one station (its failures are forgotten). */
  'users.unlock': method({
    input: z.union([z.strictObject({ userId: Id }), z.strictObject({ station: z.string().min(1).max(200) })]),
    output: z.strictObject({}),
    access: 'users.manage',
    write: true,
  }),
};
