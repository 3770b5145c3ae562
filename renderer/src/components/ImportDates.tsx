import type { z } from 'zod';
import type { ImportDatesOut } from '../../../shared/contract/common';
import { IMPORT_DATE_FORMATS, isImportDateFormat, type ImportDateFormat } from '../../../shared/domain/csv/dates';
import { useDates } from '../app/dates';
import { useTranslation } from '../i18n';
import { Notice, SelectInput } from './fields';

type Dates = z.infer<typeof ImportDatesOut>;

/**
 * The date-format choice of an import and what it means for this file: how one of its dates is read,
 * or — when the file does not decide it — both readings and a request to choose. Both imports use it.
 */
export function ImportDates(p: { dates: Dates; chosen: ImportDateFormat | null; onChoose(format: ImportDateFormat | null): void }) {
  const { t } = useTranslation();
  // The app's one date format, month as a word: no reader can take a date the other way round (the point of asking).
  const { date } = useDates();
  const { dates } = p;
  const unconfirmed = dates.state === 'unconfirmed';
  const formatName = t(`importDates.formatNames.${dates.format}`);
  const ex = dates.example;
  let sentence: string | null = null;
  if (unconfirmed) {
    sentence =
      ex !== null && ex.readAs !== null && ex.otherwise !== null
        ? t('importDates.ambiguous', { text: ex.text, date: date(ex.readAs), other: date(ex.otherwise) })
        : t('importDates.conflicting');
  } else if (ex !== null) {
    sentence =
      ex.readAs === null
        ? t('importDates.notADate', { format: formatName, text: ex.text })
        : t(dates.state === 'chosen' ? 'importDates.readAsChosen' : 'importDates.readAs', { format: formatName, text: ex.text, date: date(ex.readAs) });
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
