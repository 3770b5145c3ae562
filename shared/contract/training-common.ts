import { z } from 'zod';
import { COMPLIANCE_STATUSES, EXPIRING_WINDOWS } from '../domain/training/vocabulary';
import { Id, IsoDate } from './common';

/** Pieces the training contract files share (training.ts and its credential, session and reminder parts). */

export const WindowDays = z.union(EXPIRING_WINDOWS.map((w) => z.literal(w)) as [z.ZodLiteral<30>, z.ZodLiteral<60>, z.ZodLiteral<90>]);
export const StatusSchema = z.enum(COMPLIANCE_STATUSES);

/** A column of the matrix, an item of the lapsing list: a course from the catalog or a licence type. */
export const ItemKind = z.enum(['course', 'licence']);
export type ItemKind = z.infer<typeof ItemKind>;

/**
 * Where one person stands on one course or licence as of a date. `status` is what their records say
 * (the status rule, whatever their role); `required` says whether their role must hold it, so a driver's
 * CPR counts for transport even where the catalog does not require it.
 */
export const CredentialStanding = z.object({
  kind: ItemKind,
  /** The course's or the licence type's id (each in its own catalog). */
  id: Id,
  code: z.string(),
  name: z.string(),
  required: z.boolean(),
  status: z.enum(['current', 'expiring', 'expired', 'missing']),
  /** Completion date, or a licence's issue date, of the record that decided. */
  completedOn: IsoDate.nullable(),
  /** First day it no longer counts; null for courses that never expire and for what is missing. */
  expiresOn: IsoDate.nullable(),
  /** Deadline of an orientation not yet done. */
  dueOn: IsoDate.nullable(),
});
export type CredentialStanding = z.infer<typeof CredentialStanding>;
