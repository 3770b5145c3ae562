import { z } from 'zod';
import { courseCodeSchema } from '../domain/training/catalog';
import { staffRoleSchema } from '../domain/training/vocabulary';
import { AsOfDate, Id, IsoDate, IsoInstant, Paging, Version, pageOf, text } from './common';
import { method } from './method';
import { CredentialStanding, WindowDays } from './training-common';

/**
 * Licences and certifications (docs/training.md): their types, the credentials staff hold, where a person
 * stands on everything as of a date (transport's check), and My training.
 */

export const CredentialType = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  /** A state issues it (licences, registries): the form asks for the state first. */
  issuedByState: z.boolean(),
  roles: z.array(staffRoleSchema),
  active: z.boolean(),
  version: Version,
});
export type CredentialType = z.infer<typeof CredentialType>;

const CredentialTypeFields = {
  name: text(120),
  issuedByState: z.boolean(),
  // Unlike a course, a type nobody must hold is useful: it is recorded and its lapses listed.
  roles: z.array(staffRoleSchema).max(20),
  active: z.boolean().default(true),
};

export const StaffCredential = z.object({
  id: Id,
  staffId: Id,
  typeId: Id,
  typeCode: z.string(),
  typeName: z.string(),
  number: z.string(),
  issuingState: z.string().nullable(),
  issuingBody: z.string().nullable(),
  issuedOn: IsoDate,
  expiresOn: IsoDate,
  verifiedBy: Id.nullable(),
  verifiedByName: z.string().nullable(),
  verifiedAt: IsoInstant,
  source: z.enum(['entry', 'import']),
  createdAt: IsoInstant,
  voidedAt: IsoInstant.nullable(),
  voidReason: z.string().nullable(),
  version: Version,
});
export type StaffCredential = z.infer<typeof StaffCredential>;

/**
 * training.createCredential / updateCredential: a licence or certification held by a staff member. Text and
 * dates arrive loosely typed, as for records, so validateCredential gives the specific codes.
 */
export const CredentialInput = z.strictObject({
  staffId: Id,
  typeId: Id,
  number: z.string().max(160),
  issuingState: z.string().max(8).nullable().default(null),
  issuingBody: z.string().max(480).nullable().default(null),
  issuedOn: z.string().max(40),
  expiresOn: z.string().max(40),
});
export type CredentialInput = z.output<typeof CredentialInput>;

/** My training: the signed-in person's own records, read-only. */
export const MyTraining = z.object({
  asOf: IsoDate,
  windowDays: z.number().int(),
  /** Null when the account is not linked to a staff record (nothing to show; an administrator links it). */
  staff: z
    .object({ name: z.string(), employeeId: z.string(), role: staffRoleSchema, unitName: z.string().nullable(), hireDate: IsoDate })
    .nullable(),
  /** What the role requires, and anything else on file; earliest deadline first. */
  standing: z.array(CredentialStanding),
  records: z.array(
    z.object({
      id: Id,
      courseName: z.string(),
      completedOn: IsoDate,
      expiresOn: IsoDate.nullable(),
      hours: z.number().nullable(),
      provider: z.string().nullable(),
      source: z.enum(['entry', 'import', 'session']),
    }),
  ),
  credentials: z.array(
    z.object({
      id: Id,
      typeName: z.string(),
      number: z.string(),
      issuingState: z.string().nullable(),
      issuingBody: z.string().nullable(),
      issuedOn: IsoDate,
      expiresOn: IsoDate,
    }),
  ),
  /** Care aides' in-service hours over the rolling year (prorated for new hires); null for other roles. */
  inService: z
    .object({ hours: z.number(), requiredHours: z.number(), shortfall: z.number(), countsFrom: IsoDate, monthsEmployed: z.number().int().nullable() })
    .nullable(),
});
export type MyTraining = z.infer<typeof MyTraining>;

export const credentialsContract = {
  'training.listCredentialTypes': method({
    input: z.strictObject({ includeInactive: z.boolean().default(true) }),
    output: z.object({ rows: z.array(CredentialType) }),
    access: 'training.read',
    write: false,
  }),
  'training.createCredentialType': method({
    input: z.strictObject({ code: courseCodeSchema, ...CredentialTypeFields }),
    output: CredentialType,
    access: 'training.write',
    write: true,
  }),
  'training.updateCredentialType': method({
    input: z.strictObject({ id: Id, expectedVersion: Version, ...CredentialTypeFields }),
    output: CredentialType,
    access: 'training.write',
    write: true,
  }),
  'training.listCredentials': method({
    input: z.strictObject({ ...Paging, staffId: Id, includeVoided: z.boolean().default(false) }),
    output: pageOf(StaffCredential),
    access: 'training.read',
    write: false,
  }),
  'training.createCredential': method({
    input: CredentialInput,
    output: StaffCredential,
    access: 'training.write',
    write: true,
  }),
  'training.updateCredential': method({
    input: z.strictObject({ id: Id, expectedVersion: Version, ...CredentialInput.shape }),
    output: StaffCredential,
    access: 'training.write',
    write: true,
  }),
  'training.voidCredential': method({
    input: z.strictObject({ id: Id, reason: text(200) }),
    output: StaffCredential,
    access: 'training.write',
    write: true,
  }),
  /**
   * Everything one person holds — courses and licences — as of a date, through the one status rule. What
   * transport's check asks for a driver or an escort on a trip date (its handlers call
   * `credentialStandings` in electron/core/handlers/training-credentials.ts directly).
   */
  'training.credentialsAsOf': method({
    input: z.strictObject({ staffId: Id, asOf: AsOfDate, windowDays: WindowDays.default(30) }),
    output: z.object({ staffId: Id, asOf: IsoDate, items: z.array(CredentialStanding) }),
    access: 'training.read',
    write: false,
  }),
  'training.mine': method({
    input: z.strictObject({ asOf: AsOfDate.nullable().default(null), windowDays: WindowDays.default(60) }),
    output: MyTraining,
    access: 'training.self',
    write: false,
  }),
};
