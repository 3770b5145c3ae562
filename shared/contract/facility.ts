import { z } from 'zod';
import { Id, LanguageSchema, PaperSizeSchema, TimeZone, Username, WallTime, optionalText, text } from './common';
import { method } from './method';
import { PolicyViewSchema } from '../policy/view';

export const ShiftInput = z.strictObject({ name: text(40), start: WallTime, end: WallTime });
export const UnitInput = z.strictObject({ name: text(60) });

export const Shift = z.object({ id: Id, name: z.string(), start: z.string(), end: z.string(), sortOrder: z.number().int() });
export const Unit = z.object({ id: Id, name: z.string(), active: z.boolean(), sortOrder: z.number().int() });

export const Facility = z.object({
  name: z.string(),
  timeZone: z.string(),
  paperSize: PaperSizeSchema,
  defaultLanguage: LanguageSchema,
  idleLockMinutes: z.number().int(),
  units: z.array(Unit),
  shifts: z.array(Shift),
});
export type Facility = z.infer<typeof Facility>;

const shiftsInput = z
  .array(ShiftInput)
  .min(1)
  .max(6)
  .superRefine((shifts, ctx) => {
    shifts.forEach((s, i) => {
      if (s.start === s.end) ctx.addIssue({ code: 'custom', path: [i, 'end'], message: 'same_as_start', params: { code: 'same_as_start' } });
    });
  });

const unitsInput = z
  .array(UnitInput)
  .min(1)
  .max(40)
  .superRefine((units, ctx) => {
    const seen = new Set<string>();
    units.forEach((u, i) => {
      const key = u.name.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'duplicate', params: { code: 'duplicate' } });
      seen.add(key);
    });
  });

export const SetupInput = z.strictObject({
  facility: z.strictObject({
    name: text(120),
    timeZone: TimeZone,
    paperSize: PaperSizeSchema,
    defaultLanguage: LanguageSchema,
    units: unitsInput,
    shifts: shiftsInput,
  }),
  admin: z.strictObject({ username: Username, displayName: text(120), password: z.string().min(1).max(512) }),
});

export const facilityContract = {
  'setup.status': method({
    input: z.strictObject({}),
    output: z.object({ needsSetup: z.boolean(), facilityName: z.string().nullable(), defaultLanguage: LanguageSchema, timeZone: z.string().nullable() }),
    access: 'public',
    write: false,
  }),
  'setup.localDatabase': method({
    input: z.strictObject({}),
    output: z.object({ available: z.boolean(), facilityName: z.string().nullable(), residents: z.number().int(), staff: z.number().int() }),
    access: 'public',
    write: false,
  }),
  'setup.moveFromLocal': method({
    input: z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(512) }),
    output: z.object({ tables: z.array(z.object({ name: z.string(), rows: z.number().int(), checksum: z.string() })), rows: z.number().int() }),
    access: 'public',
    write: true,
  }),
  'setup.createFacility': method({
    input: SetupInput,
    output: z.object({ adminId: Id }),
    access: 'public',
    write: true,
  }),
  /**
   * What the administrator's policy fixes and what was wrong with it. Public: the sign-in
   * screen shows a managed language and the policy's problems before anyone signs in.
   */
  'policy.status': method({
    input: z.strictObject({}),
    output: PolicyViewSchema,
    access: 'public',
    write: false,
  }),
  'facility.get': method({
    input: z.strictObject({}),
    output: Facility,
    access: 'facility.read',
    write: false,
  }),
  'facility.update': method({
    input: z.strictObject({
      name: text(120),
      timeZone: TimeZone,
      paperSize: PaperSizeSchema,
      defaultLanguage: LanguageSchema,
      idleLockMinutes: z.number().int().min(1).max(120),
    }),
    output: Facility,
    access: 'facility.manage',
    write: true,
  }),
  'facility.addUnit': method({
    input: z.strictObject({ name: text(60), note: optionalText(200) }),
    output: Unit,
    access: 'facility.manage',
    write: true,
  }),
};
