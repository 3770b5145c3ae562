/**
 * The parts of a resident's record that are clinical orders or assessments. After admission only
 * a licensed nurse (permission 'residents.clinical') changes them; a coordinator keeps identity,
 * contacts, physician and pharmacy current. Admission itself records what the admission papers say.
 *
 * This list is the one place that says what is clinical: main's guard compares exactly these fields,
 * the edit form shows exactly these read-only, and the contract refuses to compile while a field of
 * the record is in neither this list nor `administrativeFields` — so a new field is never silently
 * open to everyone.
 */
export const clinicalFields = [
  'codeStatus',
  'codeStatusForm',
  'codeStatusDocumentedOn',
  'allergies',
  'dietType',
  'dietNote',
  'iddsiFood',
  'iddsiDrink',
  'transfer',
  'aid',
  'bariatric',
  'fallRisk',
  'wanderingRisk',
  'isolation',
] as const;
export type ClinicalField = (typeof clinicalFields)[number];

/** Every other field of the record: identity, communication, physician, pharmacy, contacts. */
export const administrativeFields = [
  'legalGiven',
  'legalFamily',
  'preferredName',
  'dateOfBirth',
  'sex',
  'recordNumber',
  'hearingAids',
  'visionAids',
  'language',
  'interpreterNeeded',
  'physicianName',
  'physicianPhone',
  'pharmacyName',
  'pharmacyPhone',
  'contacts',
] as const;
export type AdministrativeField = (typeof administrativeFields)[number];

/**
 * Assessments that are "Not assessed" (null) until a nurse records them. Nothing clinical has a
 * default: a risk nobody assessed must never read as "Low", nor a diet as "Regular". Code status is
 * not here: it is required at admission, because "presumed full code" must be a choice someone made
 * (docs/residents.md); allergies have their own "not recorded" state.
 */
export const assessmentFields = ['dietType', 'iddsiFood', 'iddsiDrink', 'transfer', 'aid', 'bariatric', 'fallRisk', 'wanderingRisk', 'isolation'] as const;
export type AssessmentField = (typeof assessmentFields)[number];

/** The assessments a record still lacks, in the order of the safety summary. */
export function notAssessed(record: { readonly [K in AssessmentField]: unknown }): AssessmentField[] {
  return assessmentFields.filter((f) => record[f] === null);
}

/**
 * One text per value whatever the order of object keys, so a record read back from the database and
 * the same record parsed from an edit form compare equal. Arrays keep their order: the order of
 * allergy items and contacts is part of the record.
 */
function canonical(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Which clinical fields differ between two versions of the record in its input shape (the contract's
 * ResidentFields): every field in `clinicalFields`, compared whole and deep — an allergy's reaction
 * text, a contact's order, a date — never a chosen few sub-fields.
 */
export function changedClinicalFields(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): ClinicalField[] {
  return clinicalFields.filter((f) => canonical(before[f]) !== canonical(after[f]));
}
