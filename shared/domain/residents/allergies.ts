import type { AllergySeverity } from './vocabulary';

export interface AllergyItem {
  substance: string;
  reaction: string;
  severity: AllergySeverity;
}

// "No known allergies" is a fact someone checked and recorded; "not recorded" means nobody has
// asked yet. They must never render the same way, or a missing history reads as a safe one.
export type AllergyRecord =
  | { state: 'not_recorded' }
  | { state: 'nka'; recordedOn: string }
  | { state: 'listed'; items: AllergyItem[] };

export type AllergySummary =
  | { kind: 'unknown' }
  | { kind: 'nka'; recordedOn: string }
  | { kind: 'list'; items: AllergyItem[]; text: string; hasSevere: boolean };

// Severe first so the most dangerous allergy is the one that survives truncation on a
// narrow column or a printed sheet. Unknown severity goes last: it is shown without a label,
// rather than implying it is mild.
const SEVERITY_RANK: Readonly<Record<AllergySeverity, number>> = {
  severe: 0,
  moderate: 1,
  mild: 2,
  unknown: 3,
};

export function compareAllergySeverity(a: AllergySeverity, b: AllergySeverity): number {
  return SEVERITY_RANK[a] - SEVERITY_RANK[b];
}

// Within one severity the order the clinician entered is kept (Array.prototype.sort is stable).
export function sortAllergies(items: readonly AllergyItem[]): AllergyItem[] {
  return [...items].sort((a, b) => compareAllergySeverity(a.severity, b.severity));
}

export function allergyLabel(item: AllergyItem): string {
  const substance = item.substance.trim();
  return item.severity === 'unknown' ? substance : `${substance} (${item.severity})`;
}

// A 'listed' record with no items is treated as not recorded: showing an empty list would look
// like NKA without anyone having recorded NKA.
export function allergySummary(record: AllergyRecord): AllergySummary {
  switch (record.state) {
    case 'not_recorded':
      return { kind: 'unknown' };
    case 'nka':
      return { kind: 'nka', recordedOn: record.recordedOn };
    case 'listed': {
      if (record.items.length === 0) return { kind: 'unknown' };
      const items = sortAllergies(record.items);
      return {
        kind: 'list',
        items,
        text: items.map(allergyLabel).join(', '),
        hasSevere: items.some((item) => item.severity === 'severe'),
      };
    }
  }
}
