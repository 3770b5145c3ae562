/**
 * The parts of a resident's record that are clinical orders or assessments. After admission only
 * a licensed nurse (permission 'residents.clinical') changes them; a coordinator keeps identity,
 * contacts, physician and pharmacy current. Admission itself records what the admission papers say.
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

/** Which clinical fields differ between two views of the same record (compared as stored). */
export function changedClinicalFields(before: Record<string, unknown>, after: Record<string, unknown>): ClinicalField[] {
  return clinicalFields.filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null));
}
