import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import type { InputOf } from '../../../../shared/contract';
import type { AppointmentDetail, ProviderOut } from '../../../../shared/contract/appointments';
import { weekdays, type Weekday } from '../../../../shared/domain/appointments/rule';
import { appointmentSettings, appointmentTypes, preparationItems, type AppointmentSetting, type AppointmentType, type PreparationItem } from '../../../../shared/domain/appointments/vocabulary';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';
import { DateField } from '../../components/DateField';
import { FormDialog } from '../../components/FormDialog';
import { CheckInput, Notice, SelectInput, TextInput } from '../../components/fields';
import { fieldText, useTranslation } from '../../i18n';
import type { ResidentOption } from './common';

/**
 * Book a one-off appointment or a recurring series, or change an appointment. A clash comes back
 * from main as a `conflict` error listing what it clashes with: the form shows it, and the person
 * goes back or saves anyway with a reason (the keys they saw are sent back, so a clash that appeared
 * since is shown rather than overridden).
 */
export function AppointmentForm(p: {
  mode: 'one' | 'series' | 'edit';
  residents: ResidentOption[];
  today: string;
  existing?: AppointmentDetail;
  residentId?: number | null;
  onSaved(): void;
  onClose(): void;
  /** Another station saved this appointment since the form opened: show the newer version (issue 9). */
  onNewer?(fresh: AppointmentDetail): void;
}) {
  const { t } = useTranslation();
  const e = p.existing;
  const [residentId, setResidentId] = useState(e ? String(e.residentId) : p.residentId ? String(p.residentId) : '');
  const [type, setType] = useState<AppointmentType>(e?.type ?? 'physician');
  const [setting, setSetting] = useState<AppointmentSetting>(e?.setting ?? 'external');
  const [providerId, setProviderId] = useState(e?.providerId ? String(e.providerId) : '');
  const [providerName, setProviderName] = useState(e?.providerId ? '' : (e?.providerName ?? ''));
  const [locationName, setLocationName] = useState(e?.providerId ? '' : (e?.locationName ?? ''));
  const [date, setDate] = useState(e ? e.startLocal.slice(0, 10) : p.today);
  const [start, setStart] = useState(e ? e.startLocal.slice(11) : '10:00');
  const [end, setEnd] = useState(e ? e.endLocal.slice(11) : '11:00');
  const [startFold, setStartFold] = useState<'' | 'earlier' | 'later'>(e?.startFold ?? '');
  const [items, setItems] = useState<PreparationItem[]>(e?.preparationItems ?? []);
  const [prepNote, setPrepNote] = useState(e?.preparationNote ?? '');
  const [escort, setEscort] = useState(e?.escortNeeded ?? false);
  const [byDay, setByDay] = useState<Weekday[]>(['MO']);
  const [freq, setFreq] = useState<'daily' | 'weekly' | 'monthly'>('weekly');
  const [until, setUntil] = useState('');
  const [providers, setProviders] = useState<ProviderOut[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [reason, setReason] = useState('');

  useEffect(() => {
    void call('appointments.providers', {}).then((r) => (r.ok ? setProviders(r.value.rows) : undefined));
  }, []);

  const clashes = error?.code === 'conflict' && error.message === 'appointments.error.conflicts' ? (error.fields ?? []) : [];
  const ambiguous = (error?.fields ?? []).some((f) => f.path === 'startLocal' && f.code === 'local_time_ambiguous') || startFold !== '';
  const endDate = end < start ? nextDay(date) : date;

  const labels = {
    residentId: t('appointments.screen.resident'),
    type: t('appointments.screen.typeLabel'),
    setting: t('appointments.screen.settingLabel'),
    providerId: t('appointments.screen.providerFromDirectory'),
    startLocal: t('appointments.screen.startTime'),
    endLocal: t('appointments.screen.endTime'),
    'recurrence.end.date': t('appointments.screen.until'),
    recurrence: t('appointments.screen.repeat'),
    'recurrence.byDay': t('appointments.screen.days'),
  };

  async function submit(withOverride: boolean) {
    const detail = {
      residentId: Number(residentId),
      type,
      setting,
      providerId: providerId === '' ? null : Number(providerId),
      providerName: providerName.trim() === '' ? null : providerName,
      locationName: locationName.trim() === '' ? null : locationName,
      preparation: { items, note: prepNote.trim() === '' ? null : prepNote },
      escortNeeded: escort,
      startLocal: `${date}T${start}`,
      endLocal: `${endDate}T${end}`,
      startFold: startFold === '' ? null : startFold,
      conflictOverride: withOverride ? { reason, acknowledged: clashes.map((c) => String(c.params?.key ?? '')) } : null,
    } satisfies Partial<InputOf<'appointments.create'>>;
    const r =
      p.mode === 'series'
        ? await call('appointments.createSeries', {
            ...detail,
            recurrence: { freq, byDay: freq === 'daily' ? [] : byDay, byMonthDay: freq === 'monthly' ? [Number(date.slice(8, 10))] : [], ...(freq === 'monthly' ? { byDay: [] } : {}), end: { kind: 'until', date: until } },
          })
        : p.mode === 'edit' && e
          ? await call('appointments.update', { id: e.id, expectedVersion: e.version, appointment: { ...detail, endFold: null } })
          : await call('appointments.create', { ...detail, endFold: null });
    if (r.ok) p.onSaved();
    else setError(r.error);
  }

  const title = p.mode === 'series' ? t('appointments.screen.newSeries') : p.mode === 'edit' ? t('appointments.screen.details') : t('appointments.screen.newAppointment');
  return (
    <FormDialog title={title} submitLabel={p.mode === 'edit' ? t('appointments.screen.save') : t('appointments.screen.book')} error={clashes.length > 0 ? null : error} labels={labels} onSubmit={() => submit(false)} onClose={p.onClose} dirty className="appointment-form"
      onReviewNewer={
        e && p.onNewer
          ? async () => {
              const fresh = await call('appointments.get', { id: e.id });
              if (fresh.ok) p.onNewer!(fresh.value);
              else setError(fresh.error);
            }
          : undefined
      }>
      {clashes.length > 0 ? (
        <div className="conflict-box" role="alert">
          <h3>{t('appointments.conflict.title')}</h3>
          <p>{t('appointments.conflict.intro')}</p>
          <ul>
            {clashes.map((c) => (
              <li key={String(c.params?.key)}>{fieldText(c)}</li>
            ))}
          </ul>
          <TextInput label={t('appointments.conflict.reason')} name="conflictOverride.reason" value={reason} onChange={setReason} />
          <div className="actions">
            <Button className="primary" isDisabled={reason.trim() === ''} onPress={() => void submit(true)}>
              {t('appointments.conflict.saveAnyway')}
            </Button>
            <Button onPress={() => setError(null)}>{t('appointments.conflict.goBack')}</Button>
          </div>
        </div>
      ) : null}
      <div className="form-grid">
        <SelectInput
          label={t('appointments.screen.resident')}
          name="residentId"
          required
          value={residentId}
          onChange={setResidentId}
          disabled={p.mode === 'edit'}
          options={[{ value: '', label: t('appointments.screen.chooseResident') }, ...p.residents.map((r) => ({ value: String(r.id), label: r.name }))]}
        />
        <SelectInput label={t('appointments.screen.typeLabel')} name="type" value={type} onChange={(v) => (setType(v), v === 'telehealth' ? setSetting('in_house') : undefined)} options={appointmentTypes.map((x) => ({ value: x, label: t(`appointments.type.${x}`) }))} />
        <SelectInput label={t('appointments.screen.settingLabel')} name="setting" value={setting} onChange={setSetting} options={appointmentSettings.map((x) => ({ value: x, label: t(`appointments.setting.${x}`) }))} />
        <SelectInput
          label={t('appointments.screen.providerFromDirectory')}
          name="providerId"
          value={providerId}
          onChange={setProviderId}
          options={[{ value: '', label: t('appointments.screen.noProvider') }, ...providers.map((x) => ({ value: String(x.id), label: x.locationName ? `${x.name} · ${x.locationName}` : x.name }))]}
        />
        <TextInput label={t('appointments.screen.typedProvider')} name="providerName" value={providerName} onChange={setProviderName} maxLength={120} />
        <TextInput label={t('appointments.screen.locationName')} name="locationName" value={locationName} onChange={setLocationName} maxLength={120} />
        <DateField label={t('appointments.screen.startDate')} name="startDate" value={date} onChange={setDate} required />
        <TextInput label={t('appointments.screen.startTime')} name="startLocal" type="time" value={start} onChange={setStart} required />
        <TextInput label={t('appointments.screen.endTime')} name="endLocal" type="time" value={end} onChange={setEnd} required />
        {ambiguous ? (
          <SelectInput
            label={t('appointments.screen.whichTime', { time: start })}
            name="startFold"
            value={startFold}
            onChange={setStartFold}
            options={[
              { value: '', label: '—' },
              { value: 'earlier', label: t('appointments.screen.firstTime') },
              { value: 'later', label: t('appointments.screen.secondTime') },
            ]}
          />
        ) : null}
        {p.mode === 'series' ? (
          <>
            <SelectInput label={t('appointments.screen.repeat')} name="recurrence.freq" value={freq} onChange={setFreq} options={(['daily', 'weekly', 'monthly'] as const).map((f) => ({ value: f, label: t(`appointments.frequency.${f}`) }))} />
            <DateField label={t('appointments.screen.until')} name="recurrence.end.date" value={until} onChange={setUntil} required />
          </>
        ) : null}
      </div>
      {p.mode === 'series' && freq === 'weekly' ? (
        <fieldset className="weekdays">
          <legend>{t('appointments.screen.days')}</legend>
          {weekdays.map((d) => (
            <CheckInput key={d} label={t(`appointments.weekday.${d}`)} name={`recurrence.byDay.${d}`} checked={byDay.includes(d)} onChange={(on) => setByDay((prev) => (on ? weekdays.filter((w) => w === d || prev.includes(w)) : prev.filter((w) => w !== d)))} />
          ))}
        </fieldset>
      ) : null}
      <fieldset className="preparation">
        <legend>{t('appointments.screen.preparationTitle')}</legend>
        {preparationItems.map((i) => (
          <CheckInput key={i} label={t(`appointments.preparation.${i}`)} name={`preparation.items.${i}`} checked={items.includes(i)} onChange={(on) => setItems((prev) => (on ? preparationItems.filter((x) => x === i || prev.includes(x)) : prev.filter((x) => x !== i)))} />
        ))}
        <TextInput label={t('appointments.screen.preparationNote')} name="preparation.note" value={prepNote} onChange={setPrepNote} maxLength={1000} />
      </fieldset>
      <CheckInput label={t('appointments.screen.escortNeeded')} name="escortNeeded" checked={escort} onChange={setEscort} />
      {error && clashes.length === 0 && !error.fields ? <Notice tone="error">{t(error.message)}</Notice> : null}
    </FormDialog>
  );
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
