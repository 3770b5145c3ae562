import { Fragment, type ReactElement, type ReactNode } from 'react';
import type { CensusRow } from '../../../../shared/contract/residents';
import type { AllergyItem } from '../../../../shared/domain/residents/allergies';
import type { IsolationPrecaution } from '../../../../shared/domain/residents/vocabulary';
import { word } from './words';

// Clinical values as every residents screen shows them. Like CodeStatusBadge these use the module's
// t, not the hook: a census scroll frame mounts dozens of them, and the screens around them re-render
// on a language change anyway. Each has a function form (lower case) that returns the elements
// without a component of its own: a census row draws several per resident in view, on every arrival
// at the census, and a component each is one more fiber to build; the components call the same.

/**
 * An assessment nobody has recorded: a warning in words (the ⚠ is decoration), never a value such
 * as "Low" or "Regular" that would read as if someone had checked.
 */
export function NotAssessed({ children, className }: { children?: ReactNode; className?: string }) {
  return notAssessed(children, className);
}

export function notAssessed(children?: ReactNode, className?: string): ReactElement {
  return (
    <span className={className ? `not-assessed ${className}` : 'not-assessed'}>
      <span aria-hidden="true">⚠ </span>
      {children ?? word('residents.notAssessed')}
    </span>
  );
}

/** The value in words, or the not-assessed warning when it is null. */
export function assessed<V>(value: V | null, show: (v: V) => ReactNode): ReactNode {
  return value === null ? notAssessed() : show(value);
}

/**
 * Allergy items, each with its own severity; only a severe item carries the mark, on that item —
 * never one mark before a whole list that also holds mild ones. `reactions` adds what happens
 * ("Penicillin — anaphylaxis (severe)") where there is room (the safety summary).
 */
export function AllergyItems({ items, reactions = false }: { items: readonly AllergyItem[]; reactions?: boolean }) {
  return allergyItems(items, reactions);
}

export function allergyItems(items: readonly AllergyItem[], reactions = false): ReactElement {
  return (
    <span className="allergy-items">
      {items.map((item, i) => (
        <Fragment key={i}>
          {i > 0 ? (reactions ? '; ' : ', ') : null}
          {/* The ⚠ of a severe item is drawn by CSS (::before), so copied or read text stays the item's words. */}
          <span className={`allergy-item severity-${item.severity}`}>
            {/* One text: an unknown severity is said on the record; in a census cell it gets no word rather than one that suggests mild. */}
            {`${item.substance}${reactions && item.reaction ? ` — ${item.reaction}` : ''}${item.severity !== 'unknown' || reactions ? ` (${word(`residents.value.severity.${item.severity}`)})` : ''}`}
          </span>
        </Fragment>
      ))}
    </span>
  );
}

/** The allergy record: "Allergies not recorded" is a warning, NKA a recorded fact, a list its items. */
export function AllergySummary({ allergies, reactions = false, short = false }: { allergies: CensusRow['allergies']; reactions?: boolean; /** Under an "Allergies" heading: "Not recorded". */ short?: boolean }) {
  return allergySummary(allergies, reactions, short);
}

export function allergySummary(allergies: CensusRow['allergies'], reactions = false, short = false): ReactElement {
  if (allergies.state === 'not_recorded') return notAssessed(word(short ? 'residents.allergy.notRecordedShort' : 'residents.allergy.notRecorded'), 'allergy allergy-not_recorded');
  if (allergies.state === 'nka') return <span className="allergy allergy-nka">{word('residents.allergy.nka')}</span>;
  return allergyItems(allergies.items, reactions);
}

/**
 * The census cell's allergies: as AllergySummary (short), with an element only where one is styled —
 * a severe item, with its mark — and the other items as plain text between them. A census row is
 * built for every resident in view on every arrival at the census, and each element costs its
 * style, layout and paint.
 */
export function censusAllergies(allergies: CensusRow['allergies']): ReactNode {
  if (allergies.state !== 'listed') return allergySummary(allergies, false, true);
  const out: ReactNode[] = [];
  let text = '';
  allergies.items.forEach((item, i) => {
    if (i > 0) text += ', ';
    const words = `${item.substance}${item.severity !== 'unknown' ? ` (${word(`residents.value.severity.${item.severity}`)})` : ''}`;
    if (item.severity !== 'severe') {
      text += words;
      return;
    }
    if (text) out.push(text);
    text = '';
    out.push(
      <span key={i} className="allergy-item severity-severe">
        {words}
      </span>,
    );
  });
  if (text) out.push(text);
  return out;
}

/** Isolation precautions as a marked badge; "None" plain; not assessed as the warning. */
export function IsolationBadge({ isolation }: { isolation: IsolationPrecaution | null }) {
  return isolationBadge(isolation);
}

export function isolationBadge(isolation: IsolationPrecaution | null): ReactElement {
  if (isolation === null) return notAssessed();
  if (isolation === 'none') return <span className="isolation-none">{word('residents.value.isolation.none')}</span>;
  return (
    <span className={`isolation-badge isolation-${isolation}`}>
      <span aria-hidden="true">⚠ </span>
      {word(`residents.value.isolation.${isolation}`)}
    </span>
  );
}
