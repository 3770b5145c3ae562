import type { z } from 'zod';
import type { ImportDatesOut } from '../../../shared/contract/common';
import { IMPORT_DATE_FORMATS, isImportDateFormat, type ImportDateFormat } from '../../../shared/domain/csv/dates';
import { useTranslation } from '../i18n';
import { Notice, SelectInput } from './fields';

type Dates = z.infer<typeof ImportDatesOut>;

// One formatter per language: a date read from a file is shown with its month as a word, which no
// reader can take the other way round (the point of asking).
const formatters = new Map<string, Intl.DateTimeFormat>();
export function longDate(iso: string, language: string): string {
  let f = formatters.get(language);
  if (!f) formatters.set(language, (f = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' })));
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(y, m - 1, d);
  return f.format(date);
}

/**
 * The date-format choice of an import and what it means for this file: how one of its dates is read,
 * or — when the file does not decide it — both readings and a request to choose. Both imports use it.
 */
export function ImportDates(p: { dates: Dates; chosen: ImportDateFormat | null; onChoose(format: ImportDateFormat | null): void }) {
  const { t, i18n } = useTranslation();
  const { dates } = p;
  const unconfirmed = dates.state === 'unconfirmed';
  const formatName = t(`importDates.formatNames.${dates.format}`);
  const ex = dates.example;
  let sentence: string | null = null;
  if (unconfirmed) {
    sentence =
      ex !== null && ex.readAs !== null && ex.otherwise !== null
        ? t('importDates.ambiguous', { text: ex.text, date: longDate(ex.readAs, i18n.language), other: longDate(ex.otherwise, i18n.language) })
        : t('importDates.conflicting');
  } else if (ex !== null) {
    sentence =
      ex.readAs === null
        ? t('importDates.notADate', { format: formatName, text: ex.text })
        : t(dates.state === 'chosen' ? 'importDates.readAsChosen' : 'importDates.readAs', { format: formatName, text: ex.text, date: longDate(ex.readAs, i18n.language) });
  }
  return (
    <div>
      <SelectInput
        label={t('importDates.label')}
        name="dateFormat"
        value={p.chosen ?? ''}
        onChange={(v) => p.onChoose(isImportDateFormat(v) ? v : null)}
        options={[{ value: '', label: unconfirmed ? t('importDates.choose') : t('importDates.detect') }, ...IMPORT_DATE_FORMATS.map((f) => ({ value: f, label: t(`importDates.formats.${f}`) }))]}
        {...(unconfirmed ? { error: t('field.date_format_required') } : {})}
      />
      {sentence !== null ? <Notice tone={unconfirmed ? 'error' : 'info'}>{sentence}</Notice> : null}
    </div>
  );
}
