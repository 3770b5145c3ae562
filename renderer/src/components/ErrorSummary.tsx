import { useEffect, useRef } from 'react';
import type { AppError } from '../../../shared/result';
import { errorText, fieldText, useTranslation } from '../i18n';

/**
 * The error at the top of a form: the general message and, for each bad field, its label
 * and reason. It takes focus so a keyboard user lands on what went wrong.
 */
export function ErrorSummary({ error, labels }: { error: AppError | null; labels: Record<string, string> }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const fields = error.fields ?? [];
  return (
    <div ref={ref} className="notice notice-error" role="alert" tabIndex={-1}>
      <p>{errorText(error)}</p>
      {fields.length > 0 ? (
        <ul>
          {fields.map((f) => (
            <li key={`${f.path}:${f.code}`}>
              {labels[f.path] ?? f.path}: {fieldText(f)}
            </li>
          ))}
        </ul>
      ) : null}
      {fields.length > 0 ? <span className="visually-hidden">{t('error.summary')}</span> : null}
    </div>
  );
}
