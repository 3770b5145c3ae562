import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  allergyLabel,
  allergySummary,
  sortAllergies,
  type AllergyItem,
} from '../../../../shared/domain/residents/allergies';
import { allergySeverities } from '../../../../shared/domain/residents/vocabulary';

const item = (substance: string, severity: AllergyItem['severity'], reaction = ''): AllergyItem => ({
  substance,
  severity,
  reaction,
});

describe('allergySummary', () => {
  it('distinguishes not recorded from no known allergies', () => {
    expect(allergySummary({ state: 'not_recorded' })).toEqual({ kind: 'unknown' });
    expect(allergySummary({ state: 'nka', recordedOn: '2025-01-02' })).toEqual({ kind: 'nka', recordedOn: '2025-01-02' });
  });

  it('treats an empty list as not recorded, never as NKA', () => {
    expect(allergySummary({ state: 'listed', items: [] })).toEqual({ kind: 'unknown' });
  });

  it('lists severe first and labels known severities', () => {
    const summary = allergySummary({
      state: 'listed',
      items: [item('Latex', 'unknown'), item('Shellfish', 'mild'), item('Penicillin', 'severe', 'anaphylaxis'), item('Sulfa', 'moderate', 'rash')],
    });
    expect(summary).toMatchObject({
      kind: 'list',
      text: 'Penicillin (severe), Sulfa (moderate), Shellfish (mild), Latex',
      hasSevere: true,
    });
  });

  it('matches the documented example', () => {
    const summary = allergySummary({ state: 'listed', items: [item('Latex', 'unknown'), item('Penicillin', 'severe')] });
    expect(summary).toMatchObject({ kind: 'list', text: 'Penicillin (severe), Latex' });
  });

  it('reports hasSevere false when nothing is severe', () => {
    expect(allergySummary({ state: 'listed', items: [item('Codeine', 'mild')] })).toMatchObject({ hasSevere: false });
  });

  it('does not mutate the input', () => {
    const items = [item('A', 'mild'), item('B', 'severe')];
    allergySummary({ state: 'listed', items });
    expect(items.map((i) => i.substance)).toEqual(['A', 'B']);
  });

  it('trims substance names in labels', () => {
    expect(allergyLabel(item('  Peanuts ', 'severe'))).toBe('Peanuts (severe)');
  });
});

describe('sortAllergies', () => {
  const arbItem = fc.record({
    substance: fc.string({ minLength: 1, maxLength: 8 }),
    reaction: fc.string({ maxLength: 8 }),
    severity: fc.constantFrom(...allergySeverities),
  });

  it('is a permutation ordered by severity and stable within a severity', () => {
    fc.assert(
      fc.property(fc.array(arbItem, { maxLength: 12 }), (items) => {
        const sorted = sortAllergies(items);
        expect(sorted).toHaveLength(items.length);
        const rank = ['severe', 'moderate', 'mild', 'unknown'];
        for (let i = 1; i < sorted.length; i++) {
          expect(rank.indexOf(sorted[i - 1]!.severity)).toBeLessThanOrEqual(rank.indexOf(sorted[i]!.severity));
        }
        for (const severity of allergySeverities) {
          expect(sorted.filter((x) => x.severity === severity)).toEqual(items.filter((x) => x.severity === severity));
        }
      }),
    );
  });
});
