import { z } from 'zod';
import { isIsoDate } from '../dates';
import {
  allergySeverities,
  codeStatuses,
  codeStatusForms,
  contactRoles,
  dietTypes,
  iddsiDrinkLevels,
  iddsiFoodLevels,
  isolationPrecautions,
  mobilityAids,
  residentStatuses,
  riskLevels,
  sexes,
  transferAssists,
  transportModes,
} from './vocabulary';

// Building blocks for the IPC / DB contract: value-level validation only. Cross-field rules
// (allowed status transitions, plausible dates of birth) live in the rule modules because they
// need `today` and return typed reasons rather than parse errors.

export const isoDateSchema = z
  .string()
  .refine(isIsoDate, { message: 'Expected a valid calendar date as YYYY-MM-DD' });

export const residentStatusSchema = z.enum(residentStatuses);
export const codeStatusSchema = z.enum(codeStatuses);
export const codeStatusFormSchema = z.enum(codeStatusForms);
export const sexSchema = z.enum(sexes);
export const allergySeveritySchema = z.enum(allergySeverities);
export const dietTypeSchema = z.enum(dietTypes);
export const iddsiFoodLevelSchema = z.enum(iddsiFoodLevels);
export const iddsiDrinkLevelSchema = z.enum(iddsiDrinkLevels);
export const transferAssistSchema = z.enum(transferAssists);
export const mobilityAidSchema = z.enum(mobilityAids);
export const riskLevelSchema = z.enum(riskLevels);
export const isolationPrecautionSchema = z.enum(isolationPrecautions);
export const transportModeSchema = z.enum(transportModes);
export const contactRoleSchema = z.enum(contactRoles);

const nonBlank = z.string().trim().min(1);

export const allergyItemSchema = z.object({
  substance: nonBlank,
  // Reactions are often unknown ("per family"), so an empty string is allowed.
  reaction: z.string().trim(),
  severity: allergySeveritySchema,
});

// 'listed' needs at least one item: an empty list would be indistinguishable from NKA on screen.
export const allergyRecordSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('not_recorded') }),
  z.object({ state: z.literal('nka'), recordedOn: isoDateSchema }),
  z.object({ state: z.literal('listed'), items: z.array(allergyItemSchema).min(1) }),
]);

export const statusPeriodSchema = z
  .object({
    status: residentStatusSchema,
    from: isoDateSchema,
    to: isoDateSchema.nullish(),
    bedId: z.string().nullish(),
    note: z.string().nullish(),
  })
  .refine((p) => p.to == null || p.to >= p.from, {
    message: 'A period cannot end before it starts',
    path: ['to'],
  });
