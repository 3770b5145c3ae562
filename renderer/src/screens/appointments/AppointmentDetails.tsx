import { useEffect, useState } from 'react';
import { Button, Dialog, Heading, Modal } from 'react-aria-components';
import type { AppointmentDetail, AppointmentRow } from '../../../../shared/contract/appointments';
import { allowedNextAppointmentStatuses } from '../../../../shared/domain/appointments/status';
import { familyInformedMethods, type AppointmentStatus, type FamilyInformedMethod } from '../../../../shared/domain/appointments/vocabulary';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';
import { useDates } from '../../app/dates';
import { DateField } from '../../components/DateField';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckInput, SelectInput, TextInput } from '../../components/fields';
import { fieldText, useTranslation } from '../../i18n';
import { AppointmentForm } from './AppointmentForm';
import { useWhen, type ResidentOption } from './common';

/**
 * One appointment: its details and what a coordinator records on it (status with who and when,
 * family informed, outcome and follow-up, a move with the clash check). A series occurrence nobody
 * touched yet is opened as its own row first (`appointments.openOccurrence`).
 */
export function AppointmentDetails(p: { row: AppointmentRow; canWrite: boolean; residents: ResidentOption[]; today: string; onChanged(): void; onClose(): void }) {
  const { t } = useTranslation();
  const { dateTime, date } = useDates();
  const when = useWhen();
  const [d, setD] = useState<AppointmentDetail | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState<AppointmentStatus | ''>('');
  const [reason, setReason] = useState('');
  const [method, setMethod] = useState<FamilyInformedMethod>('phone');
  const [contact, setContact] = useState('');
  const [outcome, setOutcome] = useState('');
  const [orders, setOrders] = useState(false);
  const [due, setDue] = useState('');
  const [moveDate, setMoveDate] = useState(p.row.startLocal.slice(0, 10));
  const [moveStart, setMoveStart] = useState(p.row.startLocal.slice(11));
  const [moveEnd, setMoveEnd] = useState(p.row.endLocal.slice(11));
  const [moveReason, setMoveReason] = useState('');

  useEffect(() => {
    const load = async () => {
      const r = p.row.id !== null ? await call('appointments.get', { id: p.row.id }) : p.canWrite ? await call('appointments.openOccurrence', { seriesId: p.row.seriesId!, originalLocal: p.row.originalLocal! }) : null;
      if (!r) return;
      if (r.ok) {
        setD(r.value);
        setOutcome(r.value.outcomeNote ?? '');
        setOrders(r.value.newOrders);
        setDue(r.value.followUpDue ?? '');
      } else setError(r.error);
    };
    void load();
  }, [p.row, p.canWrite]);

  const after = (r: { ok: true; value: AppointmentDetail } | { ok: false; error: AppError }) => {
    if (r.ok) {
      setD(r.value);
      setError(null);
      p.onChanged();
    } else setError(r.error);
  };

  const clashes = error?.code === 'conflict' && error.message === 'appointments.error.conflicts' ? (error.fields ?? []) : [];

  if (editing && d) return <AppointmentForm key={d.version} mode="edit" existing={d} onNewer={(fresh) => setD(fresh)} residents={p.residents} today={p.today} onSaved={() => (setEditing(false), p.onChanged(), p.onClose())} onClose={() => setEditing(false)} />;

  return (
    <Modal isOpen isDismissable onOpenChange={(open) => (open ? undefined : p.onClose())} className="modal">
      <Dialog className="dialog appointment-details">
        <Heading slot="title">{t('appointments.screen.details')}</Heading>
        <ErrorSummary error={clashes.length > 0 ? null : error} focusOn={error} labels={{ status: t('appointments.screen.newStatus'), 'informed.informedAt': t('appointments.screen.familyTitle'), 'outcome.followUpDue': t('appointments.screen.followUpDueDate') }} />
        {d ? (
          <>
            <dl className="facts">
              <dt>{t('appointments.screen.resident')}</dt>
              <dd>{d.residentName}</dd>
              <dt>{t('appointments.screen.when')}</dt>
              <dd>{when(d)}</dd>
              <dt>{t('appointments.screen.typeLabel')}</dt>
              <dd>
                {t(`appointments.type.${d.type}`)} · {t(`appointments.setting.${d.setting}`)}
              </dd>
              <dt>{t('appointments.screen.provider')}</dt>
              <dd>{[d.providerName, d.locationName, d.address, d.phone].filter(Boolean).join(' · ') || '—'}</dd>
              <dt>{t('appointments.screen.preparationTitle')}</dt>
              <dd>{[...d.preparationItems.map((i) => t(`appointments.preparation.${i}`)), d.preparationNote].filter(Boolean).join('; ') || '—'}</dd>
              <dt>{t('appointments.screen.statusLabel')}</dt>
              <dd>{t('appointments.screen.statusBy', { status: t(`appointments.status.${d.status}`), by: d.statusByName ?? '—', at: dateTime(d.statusAt) })}</dd>
              <dt>{t('appointments.screen.familyTitle')}</dt>
              <dd>
                {d.familyInformedAt
                  ? t('appointments.screen.informedBy', { by: d.familyInformedByName ?? '—', method: t(`appointments.familyMethod.${d.familyInformedMethod ?? 'phone'}`), at: dateTime(d.familyInformedAt), contact: d.familyContactName ?? '—' })
                  : t('appointments.screen.notInformed')}
              </dd>
            </dl>
            {d.overrides.map((o) => (
              <p key={o.at}>{t('appointments.screen.overrideRecorded', { reason: o.reason, by: o.byName ?? '—', at: dateTime(o.at) })}</p>
            ))}
            {p.canWrite ? (
              <>
                <section aria-labelledby="appt-status">
                  <h3 id="appt-status">{t('appointments.screen.changeStatus')}</h3>
                  <div className="toolbar">
                    <SelectInput
                      label={t('appointments.screen.newStatus')}
                      name="status"
                      value={status}
                      onChange={setStatus}
                      options={[{ value: '', label: '—' }, ...allowedNextAppointmentStatuses(d.status).map((s) => ({ value: s, label: t(`appointments.status.${s}`) }))]}
                    />
                    <TextInput label={t('appointments.screen.reason')} name="reason" value={reason} onChange={setReason} maxLength={300} />
                    <Button isDisabled={status === ''} onPress={async () => after(await call('appointments.setStatus', { id: d.id, expectedVersion: d.version, change: { status: status as AppointmentStatus, reason: reason || null } }))}>
                      {t('appointments.screen.changeStatus')}
                    </Button>
                  </div>
                </section>
                <section aria-labelledby="appt-family">
                  <h3 id="appt-family">{t('appointments.screen.familyTitle')}</h3>
                  <div className="toolbar">
                    <SelectInput label={t('appointments.screen.method')} name="informed.method" value={method} onChange={setMethod} options={familyInformedMethods.map((m) => ({ value: m, label: t(`appointments.familyMethod.${m}`) }))} />
                    <TextInput label={t('appointments.screen.contactName')} name="informed.contactName" value={contact} onChange={setContact} maxLength={120} />
                    <Button
                      onPress={async () =>
                        after(await call('appointments.familyInformed', { id: d.id, expectedVersion: d.version, informed: { method, contactName: contact || null, informedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z') } }))
                      }
                    >
                      {t('appointments.screen.recordInformed')}
                    </Button>
                  </div>
                </section>
                <section aria-labelledby="appt-move">
                  <h3 id="appt-move">{t('appointments.screen.moveTitle')}</h3>
                  <div className="toolbar">
                    <DateField label={t('appointments.screen.startDate')} name="moveDate" value={moveDate} onChange={setMoveDate} compact />
                    <TextInput label={t('appointments.screen.startTime')} name="moveStart" type="time" value={moveStart} onChange={setMoveStart} />
                    <TextInput label={t('appointments.screen.endTime')} name="moveEnd" type="time" value={moveEnd} onChange={setMoveEnd} />
                    <Button
                      onPress={async () =>
                        after(await call('appointments.reschedule', { id: d.id, expectedVersion: d.version, times: { startLocal: `${moveDate}T${moveStart}`, endLocal: `${moveDate}T${moveEnd}`, conflictOverride: null } }))
                      }
                    >
                      {t('appointments.screen.move')}
                    </Button>
                  </div>
                  {clashes.length > 0 ? (
                    <div className="conflict-box" role="alert">
                      <h4>{t('appointments.conflict.title')}</h4>
                      <p>{t('appointments.conflict.intro')}</p>
                      <ul>
                        {clashes.map((c) => (
                          <li key={String(c.params?.key)}>{fieldText(c)}</li>
                        ))}
                      </ul>
                      <TextInput label={t('appointments.conflict.reason')} name="conflictOverride.reason" value={moveReason} onChange={setMoveReason} />
                      <div className="actions">
                        <Button
                          className="primary"
                          isDisabled={moveReason.trim() === ''}
                          onPress={async () =>
                            after(
                              await call('appointments.reschedule', {
                                id: d.id,
                                expectedVersion: d.version,
                                times: { startLocal: `${moveDate}T${moveStart}`, endLocal: `${moveDate}T${moveEnd}`, conflictOverride: { reason: moveReason, acknowledged: clashes.map((c) => String(c.params?.key ?? '')) } },
                              }),
                            )
                          }
                        >
                          {t('appointments.conflict.saveAnyway')}
                        </Button>
                        <Button onPress={() => setError(null)}>{t('appointments.conflict.goBack')}</Button>
                      </div>
                    </div>
                  ) : null}
                </section>
                <section aria-labelledby="appt-outcome">
                  <h3 id="appt-outcome">{t('appointments.screen.outcomeTitle')}</h3>
                  <TextInput label={t('appointments.screen.outcomeNote')} name="outcome.outcomeNote" value={outcome} onChange={setOutcome} maxLength={4000} />
                  <div className="toolbar">
                    <CheckInput label={t('appointments.screen.newOrders')} name="outcome.newOrders" checked={orders} onChange={setOrders} />
                    {orders ? <DateField label={t('appointments.screen.followUpDueDate')} name="outcome.followUpDue" value={due} onChange={setDue} compact /> : null}
                    <Button onPress={async () => after(await call('appointments.recordOutcome', { id: d.id, expectedVersion: d.version, outcome: { outcomeNote: outcome || null, newOrders: orders, followUpDue: orders && due ? due : null } }))}>
                      {t('appointments.screen.saveOutcome')}
                    </Button>
                    {d.newOrders && d.followedUpAt === null ? (
                      <Button onPress={async () => after(await call('appointments.markFollowedUp', { id: d.id, expectedVersion: d.version }))}>{t('appointments.screen.markFollowedUp')}</Button>
                    ) : null}
                  </div>
                </section>
              </>
            ) : null}
            <h3>{t('appointments.screen.history')}</h3>
            <ul>
              {d.history.map((h) => (
                <li key={`${h.at}:${h.to}`}>{t('appointments.screen.statusBy', { status: t(`appointments.status.${h.to}`), by: h.byName ?? '—', at: dateTime(h.at) })}</li>
              ))}
            </ul>
            {d.followUpDue ? <p>{t('appointments.screen.dueOn', { date: date(d.followUpDue) })}</p> : null}
          </>
        ) : (
          <p>{t('appointments.screen.loading')}</p>
        )}
        <div className="actions">
          {p.canWrite && d ? <Button onPress={() => setEditing(true)}>{t('appointments.screen.edit')}</Button> : null}
          <Button onPress={p.onClose}>{t('appointments.screen.close')}</Button>
        </div>
      </Dialog>
    </Modal>
  );
}
