import type { ReactElement } from 'react';
import type { CodeStatus as Code } from '../../../../shared/domain/residents/vocabulary';
import { codeStatuses } from '../../../../shared/domain/residents/vocabulary';
import { useTranslation } from '../../i18n';
import { word } from './words';

/**
 * Code status, always whole: the full words, or — where a column is too narrow for them in the
 * reader's language — the short form, with the full words for screen readers and a legend on
 * screen (CodeStatusLegend). Never an ellipsis: "No reanim…" could be read either way.
 */
export function CodeStatusBadge({ code, short = false }: { code: Code; short?: boolean }) {
  return codeStatusBadge(code, short);
}

/**
 * The badge as elements, without a component of its own: a census row draws one per resident in
 * view, and a component each would be one more fiber per row to build on every arrival at the census.
 */
export function codeStatusBadge(code: Code, short = false): ReactElement {
  // The module's t, not the hook: a census scroll frame mounts dozens of these, and the screens
  // around them re-render on a language change anyway.
  const full = word(`residents.value.codeStatus.${code}`);
  const abbreviation = word(`residents.value.codeStatusShort.${code}`);
  return (
    <span className={`code-status code-${code}`}>
      {short && abbreviation !== full ? (
        <>
          <span aria-hidden="true">{abbreviation}</span>
          <span className="visually-hidden">{full}</span>
        </>
      ) : (
        full
      )}
    </span>
  );
}

/** "RCP = Código completo · Confort = Cuidados de confort": the short forms that differ from the words. */
export function CodeStatusLegend() {
  const { t } = useTranslation();
  const pairs = codeStatuses.map((c) => [t(`residents.value.codeStatusShort.${c}`), t(`residents.value.codeStatus.${c}`)] as const).filter(([s, f]) => s !== f);
  return (
    <p className="code-legend" aria-hidden="true">
      {t('residents.codeStatusLegend')}: {pairs.map(([s, f]) => `${s} = ${f}`).join(' · ')}
    </p>
  );
}
