import { useEffect, useMemo, useState } from 'react';
import { Button } from 'react-aria-components';
import type { InputOf, OutputOf } from '../../../../shared/contract';
import type { LegOut } from '../../../../shared/contract/transport';
import type { BaseMode } from '../../../../shared/domain/transport';
import { formatDateTime } from '../../../../shared/domain/date-display';
import type { AppError, FieldIssue } from '../../../../shared/result';
import { call } from '../../api/client';
import { useFacilityFormat } from '../../app/facility';
import { FormDialog } from '../../components/FormDialog';
import { CheckInput, Notice, SelectInput, TextInput } from '../../components/fields';
import { clockTime, errorText, useTranslation } from '../../i18n';
import { displayDate } from '../../print';
import { RideStatus, StandingRide } from './RideStatus';
import { conflictText, instantOf, wallOf } from './words';

type Setup = OutputOf<'transport.setup'>;
type Prepared = OutputOf<'transport.prepare'>;
type CarrierKind = 'facility_vehicle' | 'transport_company' | 'taxi' | 'family';

interface LegForm {
  time: string;
  kind: CarrierKind;
  vehicleId: string;
  driverId: string;
  companyId: string;
  familyName: string;
  familyPhone: string;
}

function legForm(time: string, leg: LegOut | undefined, setup: Setup): LegForm {
  const base: LegForm = { time, kind: 'facility_vehicle', vehicleId: String(setup.vehicles.find((v) => v.active)?.id ?? ''), driverId: '', companyId: '', familyName: '', familyPhone: '' };
  if (!leg) return base;
  const c = leg.carrier;
  if (c.kind === 'facility_vehicle') return { ...base, kind: c.kind, vehicleId: String(c.vehicleId), driverId: c.driverStaffId === null ? '' : String(c.driverStaffId) };
  if (c.kind === 'family') return { ...base, kind: c.kind, familyName: c.name, familyPhone: c.phone };
  return { ...base, kind: c.kind, companyId: c.companyId === null ? '' : String(c.companyId) };
}

function carrierOf(f: LegForm): InputOf<'transport.book'>['outbound']['carrier'] {
  switch (f.kind) {
    case 'facility_vehicle':
      return { kind: 'facility_vehicle', vehicleId: Number(f.vehicleId) || 0, driverStaffId: f.driverId === '' ? null : Number(f.driverId) };
    case 'transport_company':
      return { kind: 'transport_company', companyId: Number(f.companyId) || 0 };
    case 'taxi':
      return { kind: 'taxi', companyId: f.companyId === '' ? null : Number(f.companyId) };
    default:
      return { kind: 'family', name: f.familyName, phone: f.familyPhone };
  }
}

/**
 * Booking (or changing) the ride for one external appointment. The pickup is proposed from the
 * destination's travel settings and stays editable; the mode from the resident's mobility. On save,
 * main checks the ride against every other trip; each conflict is shown in words with a reason
 * field, and the save goes through only when every one has a reason.
 */
type BookingDialogProps = { appointmentId: number; setup: Setup; onClose(): void; onSaved(): void };

/**
 * Booking or editing the ride of one appointment. When another station saved the booking since the
 * dialog opened, the save is refused with who and when (issue 9) and "Review the newer version"
 * opens the dialog again on what is stored now.
 */
export function BookingDialog(p: BookingDialogProps) {
  const [opened, setOpened] = useState(0);
  return <BookingForm key={opened} {...p} onNewer={() => setOpened((n) => n + 1)} />;
}

function BookingForm(p: BookingDialogProps & { onNewer(): void }) {
  const { t, i18n } = useTranslation();
  const { timeZone } = useFacilityFormat();
  const [prep, setPrep] = useState<Prepared | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [base, setBase] = useState<BaseMode | ''>('');
  const [bariatric, setBariatric] = useState(false);
  const [oxygen, setOxygen] = useState(false);
  const [modeReason, setModeReason] = useState('');
  const [travel, setTravel] = useState('');
  const [checkIn, setCheckIn] = useState('');
  const [outbound, setOutbound] = useState<LegForm | null>(null);
  const [back, setBack] = useState<LegForm | null>(null);
  const [returnKind, setReturnKind] = useState<'fixed' | 'will_call'>('fixed');
  const [escortKind, setEscortKind] = useState<'none' | 'staff' | 'family'>('none');
  const [escortStaff, setEscortStaff] = useState('');
  const [escortName, setEscortName] = useState('');
  const [escortPhone, setEscortPhone] = useState('');
  const [notes, setNotes] = useState('');
  const [standing, setStanding] = useState(false);
  const [conflicts, setConflicts] = useState<FieldIssue[]>([]);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [dirty, setDirty] = useState(false);
  const [cancelReason, setCancelReason] = useState(() => t('transport.linked.cancelReasonDefault'));

  useEffect(() => {
    void call('transport.prepare', { appointmentId: p.appointmentId }).then((r) => {
      if (!r.ok) return setError(r.error);
      const v = r.value;
      setPrep(v);
      const b = v.booking;
      const time = (iso: string | null) => (iso ? wallOf(iso, timeZone).slice(11, 16) : '');
      if (b) {
        setBase(b.need.base);
        setBariatric(b.need.bariatric);
        setOxygen(b.need.oxygen);
        setModeReason(b.modeOverrideReason ?? '');
        setTravel(String(b.travelMinutes));
        setCheckIn(String(b.checkInMinutes));
        const out = b.legs.find((l) => l.kind === 'outbound');
        const ret = b.legs.find((l) => l.kind === 'return');
        // The appointment moved: the times proposed by the linked change are filled in (and named in
        // the notice with the old ones), so a save never keeps a ride at the old time unnoticed.
        const proposed = (kind: 'outbound' | 'return') => b.linked?.proposed.find((x) => x.kind === kind)?.pickupAt;
        setOutbound(legForm(time(proposed('outbound') ?? out?.pickupAt ?? null), out, p.setup));
        setBack(legForm(time(proposed('return') ?? ret?.pickupAt ?? v.proposedReturnAt), ret, p.setup));
        if (b.linked?.kind === 'moved' && b.linked.proposed.length > 0) setDirty(true);
        setReturnKind(ret?.returnKind ?? 'fixed');
        setEscortKind(b.escort?.kind ?? 'none');
        if (b.escort?.kind === 'staff') setEscortStaff(String(b.escort.staffId));
        if (b.escort?.kind === 'family') {
          setEscortName(b.escort.name);
          setEscortPhone(b.escort.phone ?? '');
        }
        setNotes(b.notes ?? '');
      } else {
        if (v.proposal.kind === 'proposed') {
          setBase(v.proposal.need.base);
          setBariatric(v.proposal.need.bariatric);
        }
        setTravel(v.travelMinutes === null ? '' : String(v.travelMinutes));
        setCheckIn(v.checkInMinutes === null ? '' : String(v.checkInMinutes));
        setOutbound(legForm(time(v.proposedPickupAt), undefined, p.setup));
        setBack(legForm(time(v.proposedReturnAt), undefined, p.setup));
      }
    });
  }, [p.appointmentId, p.setup, timeZone]);

  const date = prep ? wallOf(prep.appointment.startsAt, timeZone).slice(0, 10) : '';
  const staffOptions = useMemo(() => [{ value: '', label: t('transport.screen.noDriver') }, ...p.setup.staff.map((s) => ({ value: String(s.id), label: s.name }))], [p.setup.staff, t]);
  const touch = <T,>(set: (v: T) => void) => (v: T) => (setDirty(true), set(v));

  // Travel and check-in edited: the pickup proposed again, as the issue asks (still editable after).
  const repropose = (tr: string, ci: string) => {
    if (!prep || !outbound || !/^\d+$/.test(tr) || !/^\d+$/.test(ci)) return;
    const ms = Date.parse(prep.appointment.startsAt) - (Number(tr) + Number(ci)) * 60_000;
    setOutbound({ ...outbound, time: wallOf(new Date(ms).toISOString(), timeZone).slice(11, 16) });
  };

  if (!prep || !outbound || !back) {
    return error ? <Notice tone="error">{errorText(error)}</Notice> : null;
  }
  const a = prep.appointment;
  const proposal = prep.proposal;
  const proposedText =
    proposal.kind === 'proposed'
      ? t('transport.modeProposed', { mode: [t(`transport.mode.${proposal.need.base}`), ...(proposal.need.bariatric ? [t('transport.mode.bariatric')] : [])].join(' + ') }) +
        ` (${proposal.because.map((b) => t(`transport.modeReason.${b}`)).join(', ')})`
      : t('transport.modeAsk', { facts: proposal.notAssessed.map((f) => t(`transport.notAssessedFact.${f}`)).join(', ') });
  const differs = proposal.kind === 'proposed' && (base !== proposal.need.base || bariatric !== proposal.need.bariatric || oxygen);

  const labels: Record<string, string> = {
    mode: t('transport.screen.base'),
    'mode.overrideReason': t('transport.modeOverride'),
    travelMinutes: t('transport.screen.travelMinutes'),
    checkInMinutes: t('transport.screen.checkInMinutes'),
    'outbound.pickupAt': `${t('transport.legKind.outbound')}: ${t('transport.screen.pickupTime')}`,
    'return.pickupAt': `${t('transport.legKind.return')}: ${t('transport.screen.pickupTime')}`,
    'outbound.carrier.vehicleId': `${t('transport.legKind.outbound')}: ${t('transport.screen.vehicle')}`,
    'return.carrier.vehicleId': `${t('transport.legKind.return')}: ${t('transport.screen.vehicle')}`,
    appointmentId: t('transport.screen.appointment'),
    overrides: t('transport.override.title'),
    standing: t('transport.standing.badge'),
    confirmationNumber: t('transport.rideStatus.numberField'),
    reason: t('transport.rideStatus.reasonField'),
  };

  const legFields = (kind: 'outbound' | 'return', f: LegForm, set: (f: LegForm) => void) => (
    <fieldset className="leg">
      <legend>{t(`transport.legKind.${kind}`)}</legend>
      {kind === 'return' ? (
        <SelectInput
          label={t('transport.screen.returnKind')}
          name="return.kind"
          value={returnKind}
          onChange={touch(setReturnKind)}
          options={[
            { value: 'fixed', label: t('transport.returnKind.fixed') },
            { value: 'will_call', label: t('transport.returnKind.will_call') },
          ]}
        />
      ) : null}
      {kind === 'outbound' || returnKind === 'fixed' ? (
        <TextInput type="time" required label={t('transport.screen.pickupTime')} name={`${kind}.pickupAt`} value={f.time} onChange={touch((time: string) => set({ ...f, time }))} />
      ) : null}
      <SelectInput
        label={t('transport.screen.carrier')}
        name={`${kind}.carrier.kind`}
        value={f.kind}
        onChange={touch((v: CarrierKind) => set({ ...f, kind: v }))}
        options={(['facility_vehicle', 'transport_company', 'taxi', 'family'] as const).map((k) => ({ value: k, label: t(`transport.carrier.${k}`) }))}
      />
      {f.kind === 'facility_vehicle' ? (
        <>
          <SelectInput
            label={t('transport.screen.vehicle')}
            name={`${kind}.carrier.vehicleId`}
            value={f.vehicleId}
            onChange={touch((v: string) => set({ ...f, vehicleId: v }))}
            options={p.setup.vehicles.filter((v) => v.active).map((v) => ({ value: String(v.id), label: v.name }))}
          />
          <SelectInput label={t('transport.screen.driver')} name={`${kind}.carrier.driverStaffId`} value={f.driverId} onChange={touch((v: string) => set({ ...f, driverId: v }))} options={staffOptions} />
        </>
      ) : f.kind === 'family' ? (
        <>
          <TextInput required label={t('transport.screen.familyName')} name={`${kind}.carrier.name`} value={f.familyName} maxLength={120} onChange={touch((v: string) => set({ ...f, familyName: v }))} />
          <TextInput required label={t('transport.screen.familyPhone')} name={`${kind}.carrier.phone`} value={f.familyPhone} maxLength={40} onChange={touch((v: string) => set({ ...f, familyPhone: v }))} />
        </>
      ) : (
        <SelectInput
          label={t('transport.screen.company')}
          name={`${kind}.carrier.companyId`}
          value={f.companyId}
          onChange={touch((v: string) => set({ ...f, companyId: v }))}
          options={[{ value: '', label: t('transport.screen.chooseCompany') }, ...p.setup.carriers.filter((c) => c.active && c.kind === f.kind).map((c) => ({ value: String(c.id), label: c.name }))]}
        />
      )}
    </fieldset>
  );

  const submit = async () => {
    const fields = {
      mode: base === '' ? null : { need: { base, bariatric, oxygen }, overrideReason: modeReason.trim() === '' ? null : modeReason },
      escort:
        escortKind === 'staff'
          ? { kind: 'staff' as const, staffId: Number(escortStaff) || 0 }
          : escortKind === 'family'
            ? { kind: 'family' as const, name: escortName, phone: escortPhone.trim() === '' ? null : escortPhone }
            : null,
      travelMinutes: Number(travel),
      checkInMinutes: Number(checkIn),
      outbound: { pickupAt: instantOf(date, outbound.time, timeZone) ?? '', carrier: carrierOf(outbound), runId: null },
      return:
        returnKind === 'fixed'
          ? { kind: 'fixed' as const, pickupAt: instantOf(date, back.time, timeZone) ?? '', carrier: carrierOf(back), runId: null }
          : { kind: 'will_call' as const, carrier: carrierOf(back), runId: null },
      notes: notes.trim() === '' ? null : notes,
      overrides: conflicts.map((c) => ({ key: String(c.params?.key ?? ''), reason: reasons[String(c.params?.key ?? '')] ?? '' })),
    };
    const r = prep.booking
      ? await call('transport.updateBooking', { ...fields, bookingId: prep.booking.id, expectedVersion: prep.booking.version })
      : await call('transport.book', { ...fields, appointmentId: a.id, standing });
    if (r.ok) return p.onSaved();
    if (r.error.code === 'conflict' && r.error.message === 'transport.error.conflicts') {
      const blocking = r.error.fields ?? [];
      const known = new Set(conflicts.map((c) => c.params?.key));
      // New conflicts are added to the list; ones already there keep their typed reasons.
      setConflicts((old) => [...old.filter((c) => blocking.some((b) => b.params?.key === c.params?.key)), ...blocking.filter((b) => !known.has(b.params?.key))]);
      setError({ ...r.error, fields: [] });
      return;
    }
    setError(r.error);
  };

  const linked = prep.booking?.linked ?? null;
  // Offered, not done by itself: the appointment was called off, and the coordinator cancels the rides
  // not yet under way (each leg through the ordinary status change, with this reason).
  const cancelRides = async () => {
    for (const legId of linked?.cancellable ?? []) {
      const r = await call('transport.setLegStatus', { legId, status: 'cancelled', confirmationNumber: null, reason: cancelReason });
      if (!r.ok) return setError(r.error);
    }
    p.onSaved();
  };

  return (
    <FormDialog
      title={prep.booking ? t('transport.screen.editTitle', { name: a.residentName }) : t('transport.screen.bookTitle', { name: a.residentName })}
      submitLabel={conflicts.length > 0 ? t('transport.override.accept') : t('transport.screen.save')}
      error={error}
      labels={labels}
      onSubmit={submit}
      onClose={p.onClose}
      onReviewNewer={prep.booking ? p.onNewer : undefined}
      dirty={dirty}
      className="booking-dialog"
    >
      <p>
        {t('transport.screen.appointmentLine', { time: clockTime(a.startsAt), date: displayDate(date, i18n.language), destination: a.destinationName, room: a.room ?? '' })}
      </p>
      {prep.booking?.flags.map((f) => (
        <Notice key={f} tone="error">
          {t(`transport.flag.${f}`)}
        </Notice>
      ))}
      {prep.booking ? <RideStatus booking={prep.booking} onChanged={p.onNewer} onError={setError} /> : null}
      {linked?.kind === 'moved' ? (
        <Notice tone="info">
          <p>{t('transport.linked.moved', { was: formatDateTime(linked.was.startsAt, i18n.language, timeZone), now: formatDateTime(a.startsAt, i18n.language, timeZone) })}</p>
          {linked.proposed.length > 0 ? (
            <>
              <ul>
                {linked.proposed.map((x) => (
                  <li key={x.legId}>
                    {t('transport.linked.proposedLeg', { leg: t(`transport.legKind.${x.kind}`), time: x.pickupAt ? clockTime(x.pickupAt) : '', was: x.wasPickupAt ? clockTime(x.wasPickupAt) : '' })}
                  </li>
                ))}
              </ul>
              <p>{t('transport.linked.proposedNote')}</p>
            </>
          ) : null}
        </Notice>
      ) : null}
      {linked?.kind === 'called_off' ? (
        <fieldset className="linked-cancel">
          <legend>{t('transport.linked.cancelRides')}</legend>
          <p>{t('transport.linked.calledOff')}</p>
          <TextInput required label={t('transport.linked.cancelReason')} name="linked.cancelReason" value={cancelReason} maxLength={300} onChange={setCancelReason} />
          <Button className="danger" onPress={() => void cancelRides()}>
            {t('transport.linked.cancelRides')}
          </Button>
        </fieldset>
      ) : null}
      <fieldset>
        <legend>{t('transport.screen.mode')}</legend>
        <p>{proposedText}</p>
        <SelectInput
          required
          label={t('transport.screen.base')}
          name="mode"
          value={base}
          onChange={touch(setBase)}
          options={[{ value: '' as const, label: t('transport.screen.chooseMode') }, ...(['ambulatory', 'wheelchair', 'stretcher'] as const).map((m) => ({ value: m, label: t(`transport.mode.${m}`) }))]}
        />
        <CheckInput label={t('transport.mode.bariatric')} name="mode.need.bariatric" checked={bariatric} onChange={touch(setBariatric)} />
        <CheckInput label={t('transport.mode.oxygen')} name="mode.need.oxygen" checked={oxygen} onChange={touch(setOxygen)} />
        {differs ? <TextInput required label={t('transport.modeOverride')} name="mode.overrideReason" value={modeReason} maxLength={300} onChange={touch(setModeReason)} /> : null}
      </fieldset>
      <div className="field-row">
        <TextInput
          type="number"
          required
          label={t('transport.screen.travelMinutes')}
          name="travelMinutes"
          value={travel}
          onChange={touch((v: string) => (setTravel(v), repropose(v, checkIn)))}
        />
        <TextInput
          type="number"
          required
          label={t('transport.screen.checkInMinutes')}
          name="checkInMinutes"
          value={checkIn}
          onChange={touch((v: string) => (setCheckIn(v), repropose(travel, v)))}
        />
      </div>
      {legFields('outbound', outbound, setOutbound)}
      {legFields('return', back, setBack)}
      <fieldset>
        <legend>{t('transport.screen.escort')}</legend>
        <SelectInput
          label={t('transport.screen.escort')}
          name="escort.kind"
          value={escortKind}
          onChange={touch(setEscortKind)}
          options={[
            { value: 'none', label: t('transport.escort.none') },
            { value: 'staff', label: t('transport.escort.staff') },
            { value: 'family', label: t('transport.escort.family') },
          ]}
        />
        {escortKind === 'staff' ? <SelectInput label={t('transport.escort.staff')} name="escort.staffId" value={escortStaff} onChange={touch(setEscortStaff)} options={staffOptions} /> : null}
        {escortKind === 'family' ? (
          <>
            <TextInput required label={t('transport.screen.familyName')} name="escort.name" value={escortName} maxLength={120} onChange={touch(setEscortName)} />
            <TextInput label={t('transport.screen.familyPhone')} name="escort.phone" value={escortPhone} maxLength={40} onChange={touch(setEscortPhone)} />
          </>
        ) : null}
      </fieldset>
      <TextInput label={t('transport.screen.notes')} name="notes" value={notes} maxLength={500} onChange={touch(setNotes)} />
      {prep.booking?.standing ? <StandingRide booking={prep.booking} onChanged={p.onNewer} onError={setError} /> : null}
      {!prep.booking && prep.series && prep.series.standingId === null ? (
        <CheckInput label={t('transport.standing.every')} name="standing" checked={standing} onChange={touch((v: boolean) => (setStanding(v), setConflicts([])))} />
      ) : null}
      {conflicts.length > 0 ? (
        <section className="conflicts" aria-labelledby="transport-conflicts">
          <h3 id="transport-conflicts">{t('transport.override.title')}</h3>
          <p>{t('transport.override.intro')}</p>
          <ul>
            {conflicts.map((c) => {
              const key = String(c.params?.key ?? '');
              // A standing ride's conflict stands for every occurrence it happens on: say from when and how often.
              const words =
                c.params?.occurrences !== undefined
                  ? `${conflictText(c, i18n.language)} ${t('transport.standing.conflictSpan', { date: displayDate(String(c.params.firstDate), i18n.language), count: Number(c.params.occurrences) })}`
                  : conflictText(c, i18n.language);
              return (
                <li key={key}>
                  <p className="conflict-text">{words}</p>
                  <TextInput
                    required
                    label={`${t('transport.override.reason')} — ${words}`}
                    name={`override.${key}`}
                    value={reasons[key] ?? ''}
                    maxLength={500}
                    onChange={(v) => setReasons((old) => ({ ...old, [key]: v }))}
                  />
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </FormDialog>
  );
}
