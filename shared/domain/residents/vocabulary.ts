import { proposeMode, summaryOf } from '../transport/mode';

// Stored values are stable snake_case keys; display labels belong to the UI (i18n),
// so renaming a label never requires a data migration.

export const residentStatuses = ['active', 'hospital', 'leave', 'discharged', 'deceased'] as const;
export type ResidentStatus = (typeof residentStatuses)[number];

export const codeStatuses = ['full_code', 'dnr', 'dnr_dni', 'comfort_care'] as const;
export type CodeStatus = (typeof codeStatuses)[number];

export const codeStatusForms = ['polst', 'molst', 'facility_form', 'other'] as const;
export type CodeStatusForm = (typeof codeStatusForms)[number];

export const sexes = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof sexes)[number];

export const allergySeverities = ['mild', 'moderate', 'severe', 'unknown'] as const;
export type AllergySeverity = (typeof allergySeverities)[number];

export const dietTypes = [
  'regular',
  'diabetic',
  'renal',
  'low_sodium',
  'cardiac',
  'gluten_free',
  'vegetarian',
  'other',
] as const;
export type DietType = (typeof dietTypes)[number];

// Ordered from least to most modified, as the IDDSI framework numbers them (7 down to 3),
// so an index comparison tells which of two textures is more restrictive.
export const iddsiFoodLevels = [
  'regular_7',
  'soft_bite_sized_6',
  'minced_moist_5',
  'pureed_4',
  'liquidised_3',
] as const;
export type IddsiFoodLevel = (typeof iddsiFoodLevels)[number];

// Ordered from least to most thickened (IDDSI 0 to 4).
export const iddsiDrinkLevels = [
  'thin_0',
  'slightly_thick_1',
  'mildly_thick_2',
  'moderately_thick_3',
  'extremely_thick_4',
] as const;
export type IddsiDrinkLevel = (typeof iddsiDrinkLevels)[number];

// The number printed on IDDSI charts and labels; staff recognise the number before the name.
export function iddsiNumber(level: IddsiFoodLevel | IddsiDrinkLevel): number {
  return Number(level.slice(level.lastIndexOf('_') + 1));
}

// Ordered by increasing assistance needed.
export const transferAssists = [
  'independent',
  'standby',
  'one_person',
  'two_person',
  'mechanical_lift',
] as const;
export type TransferAssist = (typeof transferAssists)[number];

export const mobilityAids = ['none', 'cane', 'walker', 'wheelchair', 'stretcher'] as const;
export type MobilityAid = (typeof mobilityAids)[number];

export const riskLevels = ['low', 'moderate', 'high'] as const;
export type RiskLevel = (typeof riskLevels)[number];

export const isolationPrecautions = ['none', 'contact', 'droplet', 'airborne'] as const;
export type IsolationPrecaution = (typeof isolationPrecautions)[number];

export const transportModes = ['ambulatory', 'wheelchair', 'stretcher', 'bariatric'] as const;
export type TransportMode = (typeof transportModes)[number];

export const contactRoles = [
  'family',
  'healthcare_proxy',
  'poa',
  'emergency',
  'physician',
  'pharmacy',
  'other',
] as const;
export type ContactRole = (typeof contactRoles)[number];

/** The mobility facts of the record; null = not assessed. */
export interface Mobility {
  aid: MobilityAid | null;
  transfer: TransferAssist | null;
  bariatric: boolean | null;
}

// The transport summary shown on the resident record. The rule itself lives with transport
// (shared/domain/transport/mode.ts) so the record and the booking screen can never disagree; this
// keeps the record's one-word answer. null while any fact is not assessed: then nobody may guess a
// mode, and the booking screen asks for one.
export function transportModeFor(mobility: Mobility): TransportMode | null {
  const proposal = proposeMode(mobility, { oxygen: false });
  return proposal.kind === 'proposed' ? summaryOf(proposal.need) : null;
}

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
