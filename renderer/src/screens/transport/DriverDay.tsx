import { useCallback, useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import type { OutputOf } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/result';
import { useLiveRefresh } from '../../api/changes';
import { call } from '../../api/client';
import { useFacilityToday } from '../../app/facility';
import { Notice } from '../../components/fields';
import { clockTime, errorText, useTranslation } from '../../i18n';
import { modesText } from './words';

type Day = OutputOf<'transport.driverDay'>;

export const TRIP_ENTITIES = ['transport_booking', 'transport_leg'];

/**
 * A driver's trips for the day, in order, with the buttons each allows: picked up, dropped off,
 * no-show. Only what the trip needs: name, room, mode, destination, escort, notes.
 */
export function DriverDay({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const today = useFacilityToday();
  const [day, setDay] = useState<Day | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const load = useCallback(() => void call('transport.driverDay', { date: today }).then((r) => (r.ok ? setDay(r.value) : setError(r.error))), [today]);
  useEffect(load, [load]);
  useLiveRefresh(TRIP_ENTITIES, load);
  const H = headingLevel === 2 ? 'h2' : 'h3';

  if (error) return <Notice tone="error">{errorText(error)}</Notice>;
  if (!day) return null;
  if (day.driverName === null) return <p className="empty">{t('transport.screen.driverNotStaff')}</p>;
  if (day.trips.length === 0) return <p className="empty">{t('transport.screen.driverNone')}</p>;
  return (
    <ol className="driver-trips">
      {day.trips.map(({ row, actions }) => (
        <li key={row.legId} className="driver-trip">
          <H>
            {row.pickupAt ? clockTime(row.pickupAt) : t('transport.manifest.willCall', { time: row.expectedCallAt ? clockTime(row.expectedCallAt) : '' })} · {t(`transport.legKind.${row.kind}`)} · {row.residentName}
            {row.room ? ` (${t('transport.manifest.room')} ${row.room})` : ''}
          </H>
          <p>
            {t('transport.manifest.mode')}: {modesText(row.modes)} · {t('transport.screen.status')}: {t(`transport.legStatus.${row.status}`)}
          </p>
          <p>
            {row.destinationName}
            {row.destinationAddress ? ` · ${row.destinationAddress}` : ''}
            {row.destinationPhone ? ` · ${row.destinationPhone}` : ''}
          </p>
          {row.escort ? (
            <p>
              {t('transport.manifest.escort')}: {row.escort.name}
              {row.escort.phone ? ` · ${row.escort.phone}` : ''}
            </p>
          ) : null}
          {row.notes ? (
            <p>
              {t('transport.manifest.notes')}: {row.notes}
            </p>
          ) : null}
          {row.flags.map((f) => (
            <Notice key={f} tone="error">
              {t(`transport.flag.${f}`)}
            </Notice>
          ))}
          <div className="actions">
            {actions.map((a) => (
              <Button
                key={a}
                className={a === 'no_show' ? undefined : 'primary'}
                aria-label={`${t(`transport.driverAction.${a}`)} — ${row.residentName}, ${t(`transport.legKind.${row.kind}`)}`}
                onPress={async () => {
                  const r = await call('transport.driverMark', { legId: row.legId, action: a });
                  if (!r.ok) setError(r.error);
                  load();
                }}
              >
                {t(`transport.driverAction.${a}`)}
              </Button>
            ))}
          </div>
        </li>
      ))}
    </ol>
  );
}
