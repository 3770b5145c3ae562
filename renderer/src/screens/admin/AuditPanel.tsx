import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../../../shared/contract/users';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';
import { useDates } from '../../app/dates';
import { Notice } from '../../components/fields';
import { Pager } from '../../components/Pager';
import { errorText, useTranslation } from '../../i18n';

const PAGE = 50;

/** Shows which fields a change touched, before → after, without dumping whole records. */
function changeSummary(before: unknown, after: unknown): string {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  if (typeof a !== 'object' || Array.isArray(a)) return '';
  const keys = Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  return keys
    .slice(0, 6)
    .map((k) => (k in b ? `${k}: ${JSON.stringify(b[k])} → ${JSON.stringify(a[k])}` : `${k}: ${JSON.stringify(a[k])}`))
    .join('; ');
}

export function AuditPanel() {
  const { t } = useTranslation();
  const { dateTime } = useDates();
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ rows: AuditEntry[]; total: number }>({ rows: [], total: 0 });
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    void call('audit.list', { offset, limit: PAGE }).then((r) => (r.ok ? setPage(r.value) : setError(r.error)));
  }, [offset]);
  if (error) return <Notice tone="error">{errorText(error)}</Notice>;
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">{t('admin.auditTab')}</h2>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('admin.auditWhen')}</th>
            <th scope="col">{t('admin.auditWho')}</th>
            <th scope="col">{t('admin.auditWhat')}</th>
            <th scope="col">{t('admin.auditEntity')}</th>
            <th scope="col">{t('admin.auditChange')}</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.map((r) => (
            <tr key={r.id}>
              <td>{dateTime(r.at)}</td>
              <td>{r.userName ?? t('admin.system')}</td>
              <td>
                <code>{r.method}</code>
              </td>
              <td>
                {r.entity}
                {r.entityId ? ` #${r.entityId}` : ''}
              </td>
              <td className="change">{changeSummary(r.before, r.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager offset={offset} limit={PAGE} total={page.total} onChange={setOffset} />
    </section>
  );
}
