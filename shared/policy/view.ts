import { z } from 'zod';
import { LanguageSchema, PaperSizeSchema } from '../contract/common';
import type { FieldIssue } from '../result';
import { POLICY_PROBLEM_CODES, type Policy, type PolicyProblem } from './schema';

/**
 * What the renderer learns about the policy (the `policy.status` method): which settings it
 * fixes and to what, the problems to show, and whether a server overrides the data folder. No
 * paths, server names or printer names: a station needs to know what is managed, not where.
 */

/** The settings a person could otherwise change on a screen, and that the policy can fix. */
export const ManagedSettingsSchema = z.object({
  timeZone: z.string().optional(),
  language: LanguageSchema.optional(),
  paperSize: PaperSizeSchema.optional(),
  idleLockMinutes: z.number().int().optional(),
  minPasswordLength: z.number().int().optional(),
});
export type ManagedSettings = z.infer<typeof ManagedSettingsSchema>;

export const PolicyProblemSchema = z.object({
  source: z.string(),
  key: z.string(),
  code: z.enum(POLICY_PROBLEM_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const PolicyViewSchema = z.object({
  managed: ManagedSettingsSchema,
  problems: z.array(PolicyProblemSchema),
  /** The policy names both a data folder and a server: the server wins, and the screen says so. */
  serverOverridesDataFolder: z.boolean(),
});
export type PolicyView = z.infer<typeof PolicyViewSchema>;

export const NO_POLICY: PolicyView = { managed: {}, problems: [], serverOverridesDataFolder: false };

export function policyView(policy: Policy, problems: readonly PolicyProblem[]): PolicyView {
  const managed: ManagedSettings = {};
  if (policy.timeZone !== undefined) managed.timeZone = policy.timeZone;
  if (policy.language !== undefined) managed.language = policy.language;
  if (policy.paperSize !== undefined) managed.paperSize = policy.paperSize;
  if (policy.idleLockMinutes !== undefined) managed.idleLockMinutes = policy.idleLockMinutes;
  if (policy.minPasswordLength !== undefined) managed.minPasswordLength = policy.minPasswordLength;
  return { managed, problems: [...problems], serverOverridesDataFolder: policy.server !== undefined && policy.dataFolder !== undefined };
}

/** The facility settings a policy can fix, by the name the facility record uses. */
export interface FacilitySettings {
  timeZone: string;
  paperSize: 'letter' | 'a4';
  defaultLanguage: 'en' | 'es';
  idleLockMinutes: number;
}

const FACILITY_FIELD = { timeZone: 'timeZone', paperSize: 'paperSize', language: 'defaultLanguage', idleLockMinutes: 'idleLockMinutes' } as const;

/** Which facility fields the policy fixes. */
export function managedFacilityFields(managed: ManagedSettings): (keyof FacilitySettings)[] {
  return (Object.keys(FACILITY_FIELD) as (keyof typeof FACILITY_FIELD)[]).filter((k) => managed[k] !== undefined).map((k) => FACILITY_FIELD[k]);
}

/** policy > the facility's own setting > default: the values every rule and screen must use. */
export function applyManaged<T extends FacilitySettings>(facility: T, managed: ManagedSettings): T {
  return {
    ...facility,
    ...(managed.timeZone !== undefined ? { timeZone: managed.timeZone } : {}),
    ...(managed.paperSize !== undefined ? { paperSize: managed.paperSize } : {}),
    ...(managed.language !== undefined ? { defaultLanguage: managed.language } : {}),
    ...(managed.idleLockMinutes !== undefined ? { idleLockMinutes: managed.idleLockMinutes } : {}),
  };
}

/**
 * A change to a managed field is refused field by field, naming it, rather than saved and
 * silently overridden. Sending the managed value itself (a form sends every field) is fine.
 */
export function managedFieldIssues(input: Partial<FacilitySettings>, managed: ManagedSettings): FieldIssue[] {
  const effective = applyManaged({ timeZone: '', paperSize: 'letter', defaultLanguage: 'en', idleLockMinutes: 0 }, managed);
  return managedFacilityFields(managed)
    .filter((f) => input[f] !== undefined && input[f] !== effective[f])
    .map((f) => ({ path: f, code: 'managed_by_policy' }));
}
