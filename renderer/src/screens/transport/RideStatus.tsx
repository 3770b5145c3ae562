import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { BookingOut, LegOut } from '../../../../shared/contract/transport';
import { LEG_TRANSITIONS } from '../../../../shared/domain/transport';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';
import { TextInput } from '../../components/fields';
import { useTranslation } from '../../i18n';

/**
 * The coordinator's status changes for each ride of a booking: confirmed with the carrier (with its
 * confirmation number — required for an outside company), or cancelled (with the reason a surveyor
 * will ask for). The driver's marks (picked up, dropped off, no-show) are on the driver's view.
 */
export function RideStatus({ booking, onChanged, onError }: { booking: BookingOut; onChanged(): void; onError(e: AppError): void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="ride-status">
      <legend>{t('transport.rideStatus.title')}</legend>
      {booking.legs.map((leg) => (
        <LegStatusRow key={leg.id} leg={leg} onChanged={onChanged} onError={onError} />
      ))}
    </fieldset>
  );
}

function LegStatusRow({ leg, onChanged, onError }: { leg: LegOut; onChanged(): void; onError(e: AppError): void }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState(leg.confirmationNumber ?? '');
  const [reason, setReason] = useState('');
  const name = t(`transport.legKind.${leg.kind}`);
  const status = leg.status === 'confirmed' && leg.confirmationNumber ? t('transport.confirmedWith', { number: leg.confirmationNumber }) : t(`transport.legStatus.${leg.status}`);
  const allowed = LEG_TRANSITIONS[leg.status];
  const change = async (to: 'confirmed' | 'cancelled') => {
    const r = await call('transport.setLegStatus', { legId: leg.id, status: to, confirmationNumber: to === 'confirmed' && number.trim() !== '' ? number : null, reason: to === 'cancelled' && reason.trim() !== '' ? reason : null });
    if (r.ok) onChanged();
    else onError(r.error);
  };
  return (
    <div className="leg-status">
      <p>{t('transport.rideStatus.now', { leg: name, status })}</p>
      {allowed.includes('confirmed') ? (
        <div className="field-row">
          <TextInput label={t('transport.rideStatus.number', { leg: name })} name={`confirmationNumber.${leg.kind}`} value={number} maxLength={60} onChange={setNumber} />
          <Button className="inline" onPress={() => void change('confirmed')}>
            {t('transport.rideStatus.confirm', { leg: name })}
          </Button>
        </div>
      ) : null}
      {allowed.includes('cancelled') ? (
        <div className="field-row">
          <TextInput label={t('transport.rideStatus.reason', { leg: name })} name={`reason.${leg.kind}`} value={reason} maxLength={300} onChange={setReason} />
          <Button className="inline danger" onPress={() => void change('cancelled')}>
            {t('transport.rideStatus.cancel', { leg: name })}
          </Button>
        </div>
      ) : null}
    </div>
  );
}

/**
 * A ride made by a standing booking: what it is part of, and — while the standing ride runs — ending it
 * from this date (this ride and every later one cancelled with the reason; earlier ones stay).
 */
export function StandingRide({ booking, onChanged, onError }: { booking: BookingOut; onChanged(): void; onError(e: AppError): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const standing = booking.standing;
  if (!standing) return null;
  if (!standing.active) return <p className="standing-note">{t('transport.standing.ended')}</p>;
  const end = async () => {
    const r = await call('transport.endStanding', { bookingId: booking.id, reason });
    if (r.ok) onChanged();
    else onError(r.error);
  };
  return (
    <fieldset className="ride-status">
      <legend>{t('transport.standing.endTitle')}</legend>
      <p className="standing-note">{t('transport.standing.partOf', { count: standing.rides })}</p>
      <p className="description">{t('transport.standing.endHint')}</p>
      <div className="field-row">
        <TextInput label={t('transport.standing.endReason')} name="standingEndReason" value={reason} maxLength={300} onChange={setReason} />
        <Button className="inline danger" onPress={() => void end()}>
          {t('transport.standing.end')}
        </Button>
      </div>
    </fieldset>
  );
}
