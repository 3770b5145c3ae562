import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { residentFieldShape, type ResidentFields } from '../../../../shared/contract/residents';
import { administrativeFields, assessmentFields, changedClinicalFields, clinicalFields, notAssessed } from '../../../../shared/domain/residents/clinical';
import {
  allergySeverities,
  codeStatusForms,
  codeStatuses,
  contactRoles,
  dietTypes,
  iddsiDrinkLevels,
  iddsiFoodLevels,
  isolationPrecautions,
  mobilityAids,
  riskLevels,
  sexes,
  transferAssists,
} from '../../../../shared/domain/residents/vocabulary';

// Issue 8 · 5: the guard is derived from the one declared set of clinical fields, and covers every
// field of the record — a reaction text as much as a code status.

const date = fc.integer({ min: 0, max: 40_000 }).map((d) => new Date(Date.UTC(1920, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const word = fc.string({ minLength: 1, maxLength: 12 });
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const oneOf = <T extends string>(values: readonly T[]) => fc.constantFrom(...values);

/** One arbitrary per field of the record: a field added to the contract without one does not compile. */
const fields: { [K in keyof ResidentFields]: fc.Arbitrary<ResidentFields[K]> } = {
  legalGiven: word,
  legalFamily: word,
  preferredName: maybe(word),
  dateOfBirth: date,
  sex: oneOf(sexes),
  recordNumber: word,
  codeStatus: oneOf(codeStatuses),
  codeStatusForm: maybe(oneOf(codeStatusForms)),
  codeStatusDocumentedOn: maybe(date),
  allergies: fc.oneof(
    fc.constant({ state: 'not_recorded' as const }),
    fc.record({ state: fc.constant('nka' as const), recordedOn: date }),
    fc.record({ state: fc.constant('listed' as const), items: fc.array(fc.record({ substance: word, reaction: fc.string({ maxLength: 12 }), severity: oneOf(allergySeverities) }), { minLength: 1, maxLength: 4 }) }),
  ),
  dietType: maybe(oneOf(dietTypes)),
  dietNote: maybe(word),
  iddsiFood: maybe(oneOf(iddsiFoodLevels)),
  iddsiDrink: maybe(oneOf(iddsiDrinkLevels)),
  transfer: maybe(oneOf(transferAssists)),
  aid: maybe(oneOf(mobilityAids)),
  bariatric: maybe(fc.boolean()),
  fallRisk: maybe(oneOf(riskLevels)),
  wanderingRisk: maybe(oneOf(riskLevels)),
  isolation: maybe(oneOf(isolationPrecautions)),
  hearingAids: maybe(word),
  visionAids: maybe(word),
  language: maybe(word),
  interpreterNeeded: fc.boolean(),
  physicianName: maybe(word),
  physicianPhone: maybe(word),
  pharmacyName: maybe(word),
  pharmacyPhone: maybe(word),
  contacts: fc.array(
    fc.record({ role: oneOf(contactRoles), name: word, relationship: maybe(word), phone: maybe(word), altPhone: maybe(word), emergencyOrder: maybe(fc.integer({ min: 1, max: 20 })), note: maybe(word) }),
    { maxLength: 3 },
  ),
};
const record: fc.Arbitrary<ResidentFields> = fc.record(fields);
const names = Object.keys(residentFieldShape) as (keyof ResidentFields)[];
const isClinical = (f: string) => (clinicalFields as readonly string[]).includes(f);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

describe('the clinical fields', () => {
  it('every field of the record is declared clinical or administrative, exactly once', () => {
    expect([...clinicalFields, ...administrativeFields].sort()).toEqual([...names].sort());
    expect(clinicalFields.filter((f) => (administrativeFields as readonly string[]).includes(f))).toEqual([]);
  });

  it('changing any one field is a clinical change exactly when that field is clinical', () => {
    fc.assert(
      fc.property(record, fc.constantFrom(...names), fc.nat(), (base, name, seed) => {
        // Another value for that one field (drawn until it differs; every field has more than one).
        const other = fc.sample(fields[name] as fc.Arbitrary<unknown>, { numRuns: 50, seed }).find((v) => !same(v, base[name]));
        if (other === undefined) return;
        const changed = { ...base, [name]: other };
        expect(changedClinicalFields(base, changed)).toEqual(isClinical(name) ? [name] : []);
      }),
      { numRuns: 500 },
    );
  });

  it('for any two records, the change is exactly the clinical fields whose values differ', () => {
    fc.assert(
      fc.property(record, record, (a, b) => {
        expect(changedClinicalFields(a, b)).toEqual(clinicalFields.filter((f) => !same(a[f], b[f])));
      }),
    );
  });

  it('an allergy reaction text is compared, not only the severity (the coordinator loophole)', () => {
    fc.assert(
      fc.property(record, word, (base, reaction) => {
        const items = [{ substance: 'Penicillin', reaction: 'Hives', severity: 'severe' as const }];
        const before = { ...base, allergies: { state: 'listed' as const, items } };
        const after = { ...base, allergies: { state: 'listed' as const, items: [{ ...items[0]!, reaction: `${reaction}!` }] } };
        expect(changedClinicalFields(before, after)).toEqual(['allergies']);
      }),
    );
  });

  it('the order of object keys does not count as a change', () => {
    fc.assert(
      fc.property(record, (r) => {
        const reversed = Object.fromEntries(Object.entries(r).reverse().map(([k, v]) => [k, v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v]));
        expect(changedClinicalFields(r, reversed)).toEqual([]);
      }),
    );
  });

  it('every assessment is clinical, and a record lacking one says which', () => {
    expect(assessmentFields.every(isClinical)).toBe(true);
    fc.assert(
      fc.property(record, (r) => {
        expect(notAssessed(r)).toEqual(assessmentFields.filter((f) => r[f] === null));
      }),
    );
  });
});
