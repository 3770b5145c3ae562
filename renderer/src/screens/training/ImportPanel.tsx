import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { ImportPreview } from '../../../../shared/contract/training';
import type { ImportDateFormat } from '../../../../shared/domain/csv/dates';
import { TRAINING_IMPORT_FIELDS, type TrainingImportField } from '../../../../shared/domain/training/import';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';
import { useDates } from '../../app/dates';
import { Notice, SelectInput } from '../../components/fields';
import { ImportDates } from '../../components/ImportDates';
import { errorText, fieldText, useTranslation } from '../../i18n';

type Mapping = Partial<Record<TrainingImportField, number | null>>;

/**
 * CSV import from a learning-management system: pick the file, check the column mapping and how its
 * dates are read, read the preview (row errors by line, duplicates), then commit; a file with any bad
 * row, or whose dates could be read two ways and nobody chose, writes nothing.
 */
export function ImportPanel() {
  const { t } = useTranslation();
  const { date } = useDates();
  const [csv, setCsv] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [dateFormat, setDateFormat] = useState<ImportDateFormat | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function runPreview(text: string, m: Mapping, format: ImportDateFormat | null) {
    setBusy(true);
    const r = await call('training.importPreview', { csv: text, mapping: m, dateFormat: format });
    setBusy(false);
    setPreview(r.ok ? r.value : null);
    setError(r.ok ? null : r.error);
  }

  const fieldLabel = (f: TrainingImportField) => t(`training.import.fields.${f}`);
  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">{t('training.tabs.import')}</h2>
      <p>{t('training.import.intro')}</p>
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      {error ? (
        <Notice tone="error">
          {errorText(error)}
          {error.fields?.length ? (
            <ul>
              {error.fields.slice(0, 20).map((f) => (
                <li key={`${f.path}:${f.code}`}>
                  {f.path}: {fieldText(f)}
                </li>
              ))}
            </ul>
          ) : null}
        </Notice>
      ) : null}
      <div className="field">
        <label htmlFor="import-file">{t('training.import.file')}</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            setNotice(null);
            if (!file) return;
            const text = await file.text();
            setCsv(text);
            setMapping({});
            setDateFormat(null);
            await runPreview(text, {}, null);
          }}
        />
      </div>
      {busy ? <p role="status">{t('training.import.reading')}</p> : null}
      {csv !== null && preview ? (
        <>
          <fieldset>
            <legend>{t('training.import.mapping')}</legend>
            <p className="description">{t('training.import.delimiter', { delimiter: preview.delimiter === '\t' ? 'Tab' : preview.delimiter })}</p>
            <div className="toolbar">
              {TRAINING_IMPORT_FIELDS.map((f) => (
                <SelectInput
                  key={f}
                  label={t('training.import.columnFor', { field: fieldLabel(f) })}
                  name={`mapping.${f}`}
                  value={preview.mapping[f] === null || preview.mapping[f] === undefined ? '' : String(preview.mapping[f])}
                  error={preview.missing.includes(f) ? t('training.field.column_missing') : preview.conflicts.includes(f) ? t('training.field.column_conflict') : undefined}
                  onChange={(v) => {
                    const next = { ...mapping, [f]: v === '' ? null : Number(v) };
                    setMapping(next);
                    void runPreview(csv, next, dateFormat);
                  }}
                  options={[{ value: '', label: t('training.import.notInFile') }, ...preview.header.map((h, i) => ({ value: String(i), label: h || `#${i + 1}` }))]}
                />
              ))}
            </div>
            <ImportDates
              dates={preview.dates}
              chosen={dateFormat}
              onChoose={(f) => {
                setDateFormat(f);
                void runPreview(csv, mapping, f);
              }}
            />
          </fieldset>
          <p role="status">
            {t('training.import.summary', {
              total: preview.totalRows,
              valid: preview.validRows,
              fresh: preview.newRows,
              errors: preview.errorCount,
              inFile: preview.duplicateCounts.inFile,
              existing: preview.duplicateCounts.existing,
            })}
          </p>
          {preview.missing.length > 0 ? <Notice tone="error">{t('training.import.missingColumns', { fields: preview.missing.map(fieldLabel).join(', ') })}</Notice> : null}
          {preview.errorCount > 0 ? <Notice tone="error">{t('training.import.fixErrors')}</Notice> : null}
          {preview.errors.length > 0 ? (
            <table className="data">
              <caption>{t('training.import.errorsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('training.import.line')}</th>
                  <th scope="col">{t('training.import.field')}</th>
                  <th scope="col">{t('training.import.value')}</th>
                  <th scope="col">{t('training.import.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.errors.map((e) => (
                  <tr key={`${e.line}:${e.field}`}>
                    <th scope="row">{e.line}</th>
                    <td>{fieldLabel(e.field)}</td>
                    <td>{e.value}</td>
                    <td>{fieldText({ path: e.field, code: e.code })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {preview.duplicatesInFile.length + preview.duplicatesExisting.length > 0 ? (
            <table className="data">
              <caption>{t('training.import.duplicatesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('training.import.line')}</th>
                  <th scope="col">{t('training.import.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.duplicatesInFile.map((d) => (
                  <tr key={`f${d.line}`}>
                    <th scope="row">{d.line}</th>
                    <td>{t('training.import.duplicateInFile', { line: d.firstLine })}</td>
                  </tr>
                ))}
                {preview.duplicatesExisting.map((d) => (
                  <tr key={`e${d.line}`}>
                    <th scope="row">{d.line}</th>
                    <td>{t('training.import.duplicateExisting')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {preview.sample.length > 0 ? (
            <table className="data">
              <caption>{t('training.import.sampleCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('training.import.line')}</th>
                  <th scope="col">{t('training.import.fields.employeeId')}</th>
                  <th scope="col">{t('training.matrix.staff')}</th>
                  <th scope="col">{t('training.import.fields.course')}</th>
                  <th scope="col">{t('training.import.fields.completedOn')}</th>
                  <th scope="col">{t('training.import.fields.hours')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.sample.map((s) => (
                  <tr key={s.line}>
                    <th scope="row">{s.line}</th>
                    <td>{s.employeeId}</td>
                    <td>{s.staffName}</td>
                    <td>{s.courseName}</td>
                    <td>{date(s.completedOn)}</td>
                    <td>{s.hours ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <div className="actions">
            <Button
              className="primary"
              isDisabled={busy || preview.errorCount > 0 || preview.missing.length > 0 || preview.conflicts.length > 0 || preview.newRows === 0 || preview.dates.state === 'unconfirmed'}
              onPress={async () => {
                setBusy(true);
                const r = await call('training.importCommit', { csv, mapping, dateFormat });
                setBusy(false);
                if (!r.ok) return setError(r.error);
                setNotice(t('training.import.committed', { inserted: r.value.inserted, skipped: r.value.skippedDuplicates }));
                setPreview(null);
                setCsv(null);
              }}
            >
              {t('training.import.commit', { count: preview.newRows })}
            </Button>
          </div>
        </>
      ) : null}
    </section>
  );
}
