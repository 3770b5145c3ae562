import { Fragment, type ReactNode } from 'react';
import type { CensusRow } from '../../../../shared/contract/residents';
import type { AllergyItem } from '../../../../shared/domain/residents/allergies';
import type { IsolationPrecaution } from '../../../../shared/domain/residents/vocabulary';
import { word } from './words';

// Clinical values as every residents screen shows them. Like CodeStatusBadge these use the module's
// t, not the hook: a census scroll frame mounts dozens of them, and the screens around them re-render
// on a language change anyway.

/**
 * An assessment nobody has recorded: a warning in words (the ⚠ is decoration), never a value such
 * as "Low" or "Regular" that would read as if someone had checked.
 */
export function NotAssessed({ children, className }: { children?: ReactNode; className?: string }) {
  return (
    <span className={className ? `not-assessed ${className}` : 'not-assessed'}>
      <span aria-hidden="true">⚠ </span>
      {children ?? word('residents.notAssessed')}
    </span>
  );
}

/** The value in words, or the not-assessed warning when it is null. */
export function assessed<V>(value: V | null, show: (v: V) => ReactNode): ReactNode {
  return value === null ? <NotAssessed /> : show(value);
}

/**
 * Allergy items, each with its own severity; only a severe item carries the mark, on that item —
 * never one mark before a whole list that also holds mild ones. `reactions` adds what happens
 * ("Penicillin — anaphylaxis (severe)") where there is room (the safety summary).
 */
export function AllergyItems({ items, reactions = false }: { items: readonly AllergyItem[]; reactions?: boolean }) {
  return (
    <span className="allergy-items">
      {items.map((item, i) => (
        <Fragment key={i}>
          {i > 0 ? (reactions ? '; ' : ', ') : null}
          {/* The ⚠ of a severe item is drawn by CSS (::before), so copied or read text stays the item's words. */}
          <span className={`allergy-item severity-${item.severity}`}>
            {item.substance}
            {reactions && item.reaction ? ` — ${item.reaction}` : ''}
            {/* An unknown severity is said on the record; in a census cell it gets no word rather than one that suggests mild. */}
            {item.severity !== 'unknown' || reactions ? ` (${word(`residents.value.severity.${item.severity}`)})` : ''}
          </span>
        </Fragment>
      ))}
    </span>
  );
}

/** The allergy record: "Allergies not recorded" is a warning, NKA a recorded fact, a list its items. */
export function AllergySummary({ allergies, reactions = false, short = false }: { allergies: CensusRow['allergies']; reactions?: boolean; /** Under an "Allergies" heading: "Not recorded". */ short?: boolean }) {
  if (allergies.state === 'not_recorded') return <NotAssessed className="allergy allergy-not_recorded">{word(short ? 'residents.allergy.notRecordedShort' : 'residents.allergy.notRecorded')}</NotAssessed>;
  if (allergies.state === 'nka') return <span className="allergy allergy-nka">{word('residents.allergy.nka')}</span>;
  return <AllergyItems items={allergies.items} reactions={reactions} />;
}

/** Isolation precautions as a marked badge; "None" plain; not assessed as the warning. */
export function IsolationBadge({ isolation }: { isolation: IsolationPrecaution | null }) {
  if (isolation === null) return <NotAssessed />;
  if (isolation === 'none') return <span className="isolation-none">{word('residents.value.isolation.none')}</span>;
  return (
    <span className={`isolation-badge isolation-${isolation}`}>
      <span aria-hidden="true">⚠ </span>
      {word(`residents.value.isolation.${isolation}`)}
    </span>
  );
}
