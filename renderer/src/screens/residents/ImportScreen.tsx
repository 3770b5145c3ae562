import { useState, type ChangeEvent } from 'react';
import { Button } from 'react-aria-components';
import type { ImportPreview } from '../../../../shared/contract/residents';
import type { ImportDateFormat } from '../../../../shared/domain/csv/dates';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';
import { useDates } from '../../app/dates';
import { Notice } from '../../components/fields';
import { ErrorSummary } from '../../components/ErrorSummary';
import { ImportDates } from '../../components/ImportDates';
import { fieldText, useTranslation } from '../../i18n';

/**
 * Paste or choose a census CSV, see every row's problems and how its dates are read, then admit all of
 * it or nothing (nothing, too, while its dates could be read two ways and nobody chose).
 */
export function ImportScreen(p: { onImported(): void }) {
  const { t } = useTranslation();
  const { date } = useDates();
  const [csv, setCsv] = useState('');
  const [dateFormat, setDateFormat] = useState<ImportDateFormat | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const runPreview = async (text = csv, format = dateFormat) => {
    setDone(null);
    const r = await call('residents.importPreview', { csv: text, dateFormat: format });
    if (r.ok) {
      setPreview(r.value);
      setError(null);
    } else {
      setPreview(null);
      setError(r.error);
    }
  };
  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    // Read here, in the renderer, as text: main never sees a path, only the content.
    const reader = new FileReader();
    reader.onload = () => {
      const text = typeof reader.result === 'string' ? reader.result : '';
      setCsv(text);
      setDateFormat(null);
      void runPreview(text, null);
    };
    reader.readAsText(file, 'utf-8');
  };
  const columnName = (field: string) => t(`residents.importer.column.${field}`, { defaultValue: field });
  const issuesByLine = new Map<number, string[]>();
  for (const i of preview?.issues ?? []) {
    const list = issuesByLine.get(i.line) ?? [];
    list.push(`${columnName(i.field)}: ${fieldText({ path: i.field, code: i.code, ...(i.params ? { params: i.params } : {}) })}`);
    issuesByLine.set(i.line, list);
  }
  const ready = preview !== null && preview.total > 0 && preview.valid === preview.total && preview.missingColumns.length === 0 && preview.dates.state !== 'unconfirmed';

  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">{t('residents.import')}</h2>
      <p>{t('residents.importer.intro')}</p>
      {done ? <Notice tone="success">{done}</Notice> : null}
      <ErrorSummary error={error} labels={{}} />
      <div className="field">
        <label htmlFor="import-csv">{t('residents.importer.paste')}</label>
        <textarea id="import-csv" rows={8} value={csv} onChange={(e) => setCsv(e.target.value)} spellCheck={false} />
      </div>
      <div className="field">
        <label htmlFor="import-file">{t('residents.importer.file')}</label>
        <input id="import-file" type="file" accept=".csv,text/csv,text/plain" onChange={onFile} />
      </div>
      <div className="toolbar">
        <Button onPress={() => void runPreview()} isDisabled={csv.trim() === ''}>
          {t('residents.importer.preview')}
        </Button>
        <Button
          className="primary"
          isDisabled={!ready}
          onPress={async () => {
            const r = await call('residents.importCommit', { csv, dateFormat });
            if (r.ok) {
              setDone(t('residents.importer.done', { count: r.value.admitted }));
              setPreview(null);
              setCsv('');
              setError(null);
              p.onImported();
            } else setError(r.error);
          }}
        >
          {t('residents.importer.commit', { count: preview?.valid ?? 0 })}
        </Button>
      </div>
      {preview ? (
        <ImportDates
          dates={preview.dates}
          chosen={dateFormat}
          onChoose={(f) => {
            setDateFormat(f);
            void runPreview(csv, f);
          }}
        />
      ) : null}
      {preview ? (
        <div className="import-preview">
          {preview.missingColumns.length > 0 ? (
            <Notice tone="error">{t('residents.importer.missingColumns', { columns: preview.missingColumns.map(columnName).join(', ') })}</Notice>
          ) : (
            <div role="status">
              <p>{t('residents.importer.summary', { valid: preview.valid, total: preview.total })}</p>
              {preview.valid < preview.total ? <p className="field-error">{t('residents.importer.rowsWithErrors')}</p> : null}
            </div>
          )}
          <table className="data">
            <caption className="visually-hidden">{t('residents.importer.preview')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('residents.importer.line')}</th>
                <th scope="col">{t('residents.col.recordNumber')}</th>
                <th scope="col">{t('residents.col.name')}</th>
                <th scope="col">{t('residents.col.dateOfBirth')}</th>
                <th scope="col">{t('residents.col.location')}</th>
                <th scope="col">{t('residents.col.codeStatus')}</th>
                <th scope="col">{t('residents.importer.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row) => (
                <tr key={row.line} className={row.ok ? '' : 'row-error'}>
                  <td>{row.line}</td>
                  <td>{row.recordNumber}</td>
                  <th scope="row">{row.name}</th>
                  <td>{row.dateOfBirthRead === null ? row.dateOfBirth : date(row.dateOfBirthRead)}</td>
                  <td>{row.place}</td>
                  <td>{row.codeStatus}</td>
                  <td>{row.ok ? t('residents.importer.ok') : <span className="field-error">{(issuesByLine.get(row.line) ?? []).join('; ')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
