/**
 * Licences and certifications: RN and LPN licences, the nurse aide registry listing, medication aide
 * certification, a driver's licence, a food handler card… Unlike a course, a credential states its own
 * expiry, so its status comes from status.ts with validity `{ kind: 'until_expiry' }` — the same rule,
 * the same words (current, expiring, expired, missing, not required), the same matrix and lapsing list.
 *
 * A credential type is required for roles exactly like a course. A record has a number, who issued it (a
 * US state and/or a body: "TX" and "Texas Board of Nursing"; "ServSafe"), the date it was issued and the
 * date it expires. The issue date is what places it in time, so a matrix "as of" a past survey date
 * ignores a renewal issued later, as it ignores a later completion.
 */
import { isIsoDate } from '../dates';
import type { CompletionRecord, StatusValidity } from './status';
import type { StaffRole } from './vocabulary';

export const CREDENTIAL_VALIDITY = { kind: 'until_expiry' } as const satisfies StatusValidity;

export interface CredentialTypeDefinition {
  /** Stable identifier, like a course code; never edited. */
  code: string;
  name: string;
  /** Roles that must hold it; a type nobody is required to hold can still be recorded and lapses are listed. */
  roles: readonly StaffRole[];
  /** Whether a US state issues it (the registry and licences) — the form then asks for the state first. */
  issuedByState: boolean;
}

/**
 * Seed types for a new facility (edited afterwards, found by `code`); validity CREDENTIAL_VALIDITY. Choices the handbook leaves open:
 * the food handler card is required of activities staff, who serve snacks and run cooking activities;
 * facilities whose aides serve meals add 'cna'. Dietary staff are not a role yet.
 */
export const DEFAULT_CREDENTIAL_TYPES: readonly CredentialTypeDefinition[] = [
  { code: 'rn_licence', name: 'RN licence', roles: ['rn'], issuedByState: true },
  { code: 'lpn_licence', name: 'LPN licence', roles: ['lpn'], issuedByState: true },
  { code: 'nurse_aide_registry', name: 'Nurse aide registry', roles: ['cna'], issuedByState: true },
  { code: 'medication_aide', name: 'Medication aide certification', roles: ['med_tech'], issuedByState: true },
  { code: 'drivers_licence', name: "Driver's licence", roles: ['driver'], issuedByState: true },
  { code: 'food_handler', name: 'Food handler card', roles: ['activities'], issuedByState: false },
];

/** The credentials transport's check needs for a driver on a trip date, besides CPR. */
export const DRIVERS_LICENCE_CODE = 'drivers_licence';

/** USPS codes of the states, DC and the territories that license nurses and drivers. */
export const US_STATES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA',
  'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR',
  'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'AS', 'GU', 'MP', 'PR', 'VI',
] as const;
export type UsState = (typeof US_STATES)[number];

export const CREDENTIAL_LIMITS = {
  numberMaxChars: 40,
  issuingBodyMaxChars: 120,
  /** Same floor as training completions: earlier dates are typos. */
  earliestIssue: '1950-01-01',
  /** No licence runs longer; a later expiry is a typo (2062 for 2026) that would hide a lapse for decades. */
  maxYearsValid: 20,
} as const;

export type CredentialField = 'staffId' | 'typeId' | 'number' | 'issuingState' | 'issuingBody' | 'issuedOn' | 'expiresOn';

export type CredentialIssueCode =
  | 'required'
  | 'too_long'
  | 'invalid_characters'
  | 'invalid_choice'
  | 'invalid_date'
  | 'in_future'
  | 'out_of_range'
  | 'issuer_required'
  | 'not_after_issue';

export interface CredentialIssue {
  field: CredentialField;
  code: CredentialIssueCode;
}

/** A record as the form sends it, loosely typed so each problem gets its own code. */
export interface CredentialInput {
  number: string;
  issuingState: string | null;
  issuingBody: string | null;
  issuedOn: string;
  expiresOn: string;
}

/** Letters, digits and the separators boards print (RN 123-456, A1234.56, N/12345); no other marks. */
const NUMBER = /^[\p{L}\p{N}][\p{L}\p{N} ./-]*$/u;

function yearsAfter(iso: string, years: number): string {
  return `${String(Number(iso.slice(0, 4)) + years).padStart(4, '0')}${iso.slice(4)}`;
}

/** Issues in field order; empty when the credential may be saved. `today` is the facility's date. */
export function validateCredential(input: CredentialInput, today: string): CredentialIssue[] {
  if (!isIsoDate(today)) throw new RangeError(`today must be a YYYY-MM-DD date, got ${JSON.stringify(today)}`);
  const issues: CredentialIssue[] = [];
  const add = (field: CredentialField, code: CredentialIssueCode) => issues.push({ field, code });

  const number = input.number.trim();
  if (number === '') add('number', 'required');
  else if (number.length > CREDENTIAL_LIMITS.numberMaxChars) add('number', 'too_long');
  // Not 'invalid_number' (hours' code, "Not a number."): a licence number is text; the message says what it may hold.
  else if (!NUMBER.test(number)) add('number', 'invalid_characters');

  const state = input.issuingState?.trim() ?? '';
  const body = input.issuingBody?.trim() ?? '';
  if (state !== '' && !(US_STATES as readonly string[]).includes(state)) add('issuingState', 'invalid_choice');
  if (body.length > CREDENTIAL_LIMITS.issuingBodyMaxChars) add('issuingBody', 'too_long');
  // Whoever can be asked to verify it must be named: a state, a body, or both.
  if (state === '' && body === '') add('issuingBody', 'issuer_required');

  const issuedOn = input.issuedOn.trim();
  const issuedOk = issuedOn !== '' && isIsoDate(issuedOn);
  if (issuedOn === '') add('issuedOn', 'required');
  else if (!issuedOk) add('issuedOn', 'invalid_date');
  else if (issuedOn > today) add('issuedOn', 'in_future');
  else if (issuedOn < CREDENTIAL_LIMITS.earliestIssue) add('issuedOn', 'out_of_range');

  // An expiry in the past is allowed: recording a lapsed licence is how the matrix learns it lapsed.
  const expiresOn = input.expiresOn.trim();
  if (expiresOn === '') add('expiresOn', 'required');
  else if (!isIsoDate(expiresOn)) add('expiresOn', 'invalid_date');
  else if (issuedOk && expiresOn <= issuedOn) add('expiresOn', 'not_after_issue');
  // Measured from a plausible issue date only: a typo there is reported there, once.
  else if (issuedOk && !issues.some((i) => i.field === 'issuedOn') && expiresOn > yearsAfter(issuedOn, CREDENTIAL_LIMITS.maxYearsValid)) add('expiresOn', 'out_of_range');
  return issues;
}

/** A stored credential as the status rule reads it. */
export function credentialRecord(c: { issuedOn: string; expiresOn: string }): CompletionRecord {
  return { completedOn: c.issuedOn, expiresOn: c.expiresOn };
}
