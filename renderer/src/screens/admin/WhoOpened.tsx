import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../../../shared/contract/users';
import { auditAction } from '../../../../shared/domain/privacy/audit-labels';
import { call } from '../../api/client';
import { useAuditWords } from '../../app/audit-words';
import { useDates } from '../../app/dates';
import { Pager } from '../../components/Pager';
import { useTranslation } from '../../i18n';

const PAGE = 10;

/** "Who looked at this resident": the access rows of one record, for those who read the audit trail. */
export function WhoOpened(p: { residentId: number; refreshKey: number }) {
  const { t } = useTranslation();
  const { dateTime } = useDates();
  const words = useAuditWords();
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ rows: AuditEntry[]; total: number }>({ rows: [], total: 0 });
  useEffect(() => {
    void call('audit.list', { residentId: p.residentId, kind: 'access', offset, limit: PAGE }).then((r) => (r.ok ? setPage(r.value) : undefined));
  }, [p.residentId, p.refreshKey, offset]);
  return (
    <>
      <h3>{t('privacy.viewer.whoViewed')}</h3>
      <table className="data">
        <caption className="visually-hidden">{t('privacy.viewer.whoViewed')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.auditWhen')}</th>
            <th scope="col">{t('admin.auditWho')}</th>
            <th scope="col">{t('privacy.viewer.station')}</th>
            <th scope="col">{t('admin.auditWhat')}</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.map((a) => (
            <tr key={a.id}>
              <td>{dateTime(a.at)}</td>
              <td>{a.userName ?? t('admin.system')}</td>
              <td>{a.station ?? ''}</td>
              <th scope="row">{auditAction(a, words)}</th>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager offset={offset} limit={PAGE} total={page.total} onChange={setOffset} />
    </>
  );
}
