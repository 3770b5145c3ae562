import { useCallback, useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import type { OutputOf } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';
import { useLiveRefresh } from '../../api/changes';
import { useDates } from '../../app/dates';
import { CheckInput, Notice } from '../../components/fields';
import { Pager } from '../../components/Pager';
import { errorText, useTranslation } from '../../i18n';

const PAGE = 25;
type Page = OutputOf<'emergency.list'>;

/** Admin → Emergency access: every "break the glass", who, which resident, why, until when; marked reviewed. */
export function EmergencyReviewPanel() {
  const { t } = useTranslation();
  const { dateTime } = useDates();
  const [unreviewedOnly, setUnreviewedOnly] = useState(true);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const load = useCallback(async () => {
    const r = await call('emergency.list', { offset, limit: PAGE, unreviewedOnly });
    if (r.ok) {
      setPage(r.value);
      setError(null);
    } else setError(r.error);
  }, [offset, unreviewedOnly]);
  useEffect(() => {
    void load();
  }, [load]);
  // A grant opened at another station appears here within a second.
  useLiveRefresh(['emergency_access'], () => void load());

  return (
    <section aria-labelledby="emergency-review-heading">
      <h2 id="emergency-review-heading">{t('privacy.review.title')}</h2>
      <CheckInput
        label={t('privacy.review.unreviewedOnly')}
        name="unreviewedOnly"
        checked={unreviewedOnly}
        onChange={(v) => {
          setOffset(0);
          setUnreviewedOnly(v);
        }}
      />
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      {page && page.rows.length === 0 ? <p className="empty">{t('privacy.review.none')}</p> : null}
      {page && page.rows.length > 0 ? (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('privacy.review.when')}</th>
              <th scope="col">{t('privacy.review.who')}</th>
              <th scope="col">{t('privacy.review.resident')}</th>
              <th scope="col">{t('privacy.review.reason')}</th>
              <th scope="col">{t('privacy.review.station')}</th>
              <th scope="col">{t('privacy.review.until')}</th>
              <th scope="col">{t('privacy.review.reviewed')}</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((g) => (
              <tr key={g.id}>
                <td>{dateTime(g.startedAt)}</td>
                <th scope="row">{g.userName ?? ''}</th>
                <td>{g.residentName ?? ''}</td>
                <td>{g.reason}</td>
                <td>{g.station ?? ''}</td>
                <td>{dateTime(g.expiresAt)}</td>
                <td>
                  {g.reviewedAt ? (
                    t('privacy.review.reviewedBy', { name: g.reviewedByName ?? '', time: dateTime(g.reviewedAt) })
                  ) : (
                    <Button
                      aria-label={t('privacy.review.markReviewedFor', { name: g.userName ?? '', resident: g.residentName ?? '' })}
                      onPress={async () => {
                        const r = await call('emergency.review', { id: g.id });
                        if (r.ok) void load();
                        else setError(r.error);
                      }}
                    >
                      {t('privacy.review.markReviewed')}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Pager offset={offset} limit={PAGE} total={page?.total ?? 0} onChange={setOffset} />
    </section>
  );
}
