import { useLayoutEffect, useRef, useState } from 'react';
import type { AppError } from '../../../shared/result';
import { errorText, fieldText, useTranslation } from '../i18n';

/**
 * The error at the top of a form: the general message and the fields that need attention. A field
 * that shows its own message beside itself is listed by name only, as a link to it, so no message
 * is read twice; a problem with no field of its own on screen is spelled out here. It takes focus
 * so a keyboard user lands on what went wrong.
 */
export function ErrorSummary({ error, labels, focusOn = error }: { error: AppError | null; labels: Record<string, string>; /** Focus moves here when this changes: a new answer from main, not a field fixed since. */ focusOn?: AppError | null }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [inline, setInline] = useState<ReadonlySet<string>>(new Set());
  const fields = error?.fields ?? [];
  const scope = () => ref.current?.closest('[role="dialog"], [role="alertdialog"], main') ?? document;
  // Once the fields have rendered this error: which problems already stand beside their field.
  useLayoutEffect(() => {
    const root = ref.current?.closest('[role="dialog"], [role="alertdialog"], main') ?? document;
    setInline(new Set((error?.fields ?? []).filter((f) => root.querySelector(`[data-error-for="${CSS.escape(f.path)}"]`)?.textContent).map((f) => f.path)));
  }, [error]);
  useLayoutEffect(() => {
    if (focusOn) ref.current?.focus();
  }, [focusOn]);
  if (!error) return null;
  const paths = [...new Set(fields.map((f) => f.path))];
  const goTo = (path: string) => scope().querySelector<HTMLElement>(`[name="${CSS.escape(path)}"]`)?.focus();
  return (
    <div ref={ref} className="notice notice-error" role="alert" tabIndex={-1}>
      <p>{errorText(error)}</p>
      {paths.length > 0 ? (
        <ul>
          {paths.map((path) =>
            inline.has(path) ? (
              <li key={path}>
                <button type="button" className="link" onClick={() => goTo(path)}>
                  {labels[path] ?? path}
                </button>
              </li>
            ) : (
              <li key={path}>
                {labels[path] ?? path}: {fields.filter((f) => f.path === path).map((f) => fieldText(f)).join(' ')}
              </li>
            ),
          )}
        </ul>
      ) : null}
      {paths.length > 0 ? <span className="visually-hidden">{t('error.summary')}</span> : null}
    </div>
  );
}
