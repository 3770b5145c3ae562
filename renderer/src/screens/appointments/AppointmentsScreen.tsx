import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import type { OutputOf } from '../../../../shared/contract';
import type { AppointmentRow, ProviderOut } from '../../../../shared/contract/appointments';
import type { Facility } from '../../../../shared/contract/facility';
import { appointmentStatuses, appointmentTypes, type AppointmentStatus, type AppointmentType } from '../../../../shared/domain/appointments/vocabulary';
import { addDays } from '../../../../shared/domain/dates';
import type { AppError } from '../../../../shared/result';
import { useLiveRefresh } from '../../api/changes';
import { call } from '../../api/client';
import { useLatest } from '../../api/latest';
import { useDates } from '../../app/dates';
import { useCan, useSession } from '../../app/session';
import { useHashTab } from '../../app/useHashTab';
import { DateField } from '../../components/DateField';
import { CheckInput, Notice, SelectInput, TextInput } from '../../components/fields';
import { Pager } from '../../components/Pager';
import { errorText, useTranslation } from '../../i18n';
import { usePrinter } from '../../print';
import { facilityToday, useFacility } from '../training/common';
import { AppointmentDetails } from './AppointmentDetails';
import { AppointmentForm } from './AppointmentForm';
import { loadDayListPrint } from './prints';
import { LIVE_ENTITIES, StatusCell, placeOf, unitOptions, useResidents, useWhen, type ResidentOption } from './common';

const TABS = ['agenda', 'list', 'followUps', 'providers'] as const;
type AppointmentsTab = (typeof TABS)[number];
const PAGE = 50;

/** The care coordinator's screen: agenda, list, follow-ups, providers; new appointments and series. */
export function AppointmentsScreen() {
  const { t } = useTranslation();
  const canWrite = useCan('appointments.write');
  const facility = useFacility();
  const residents = useResidents();
  const [tab, setTab] = useHashTab<AppointmentsTab>('appointments', TABS, 'agenda');
  const [creating, setCreating] = useState<null | 'one' | 'series'>(null);
  const [opened, setOpened] = useState<AppointmentRow | null>(null);
  const [stamp, setStamp] = useState(0);
  const refresh = useCallback(() => setStamp((s) => s + 1), []);
  useLiveRefresh(LIVE_ENTITIES, refresh);
  if (!facility) return <p>{t('app.loading')}</p>;
  const today = facilityToday(facility.timeZone);
  const shared = { facility, today, stamp, onOpen: setOpened };
  return (
    <>
      {canWrite ? (
        <div className="toolbar">
          <Button className="primary" onPress={() => setCreating('one')}>
            {t('appointments.screen.newAppointment')}
          </Button>
          <Button onPress={() => setCreating('series')}>{t('appointments.screen.newSeries')}</Button>
        </div>
      ) : null}
      <Tabs className="appointments" selectedKey={tab} onSelectionChange={(k) => setTab(k as AppointmentsTab)}>
        <TabList aria-label={t('appointments.title')}>
          {TABS.map((x) => (
            <Tab key={x} id={x}>
              {t(`appointments.screen.tabs.${x}`)}
            </Tab>
          ))}
        </TabList>
        <TabPanel id="agenda">
          <AgendaPanel {...shared} residents={residents} />
        </TabPanel>
        <TabPanel id="list">
          <ListPanel {...shared} />
        </TabPanel>
        <TabPanel id="followUps">
          <FollowUpsPanel {...shared} />
        </TabPanel>
        <TabPanel id="providers">
          <ProvidersPanel canWrite={canWrite} stamp={stamp} onChanged={refresh} />
        </TabPanel>
      </Tabs>
      {creating ? <AppointmentForm mode={creating} residents={residents} today={today} onSaved={() => (setCreating(null), refresh())} onClose={() => setCreating(null)} /> : null}
      {opened ? <AppointmentDetails row={opened} canWrite={canWrite} residents={residents} today={today} onChanged={refresh} onClose={() => (setOpened(null), refresh())} /> : null}
    </>
  );
}

interface PanelProps {
  facility: Facility;
  today: string;
  stamp: number;
  onOpen(row: AppointmentRow): void;
}

/** Rows of appointments with an Open button each: the list, the agenda, the resident page share it. */
export function AppointmentTable(p: { rows: AppointmentRow[]; caption: string; onOpen?(row: AppointmentRow): void; withResident?: boolean }) {
  const { t } = useTranslation();
  const when = useWhen();
  const columns = useMemo<ColumnDef<AppointmentRow>[]>(
    () => [
      { id: 'when', header: () => t('appointments.screen.when'), cell: (c) => when(c.row.original) },
      ...(p.withResident === false
        ? []
        : [
            { id: 'resident', header: () => t('appointments.screen.resident'), cell: (c: { row: { original: AppointmentRow } }) => c.row.original.residentName },
            { id: 'place', header: () => t('appointments.screen.place'), cell: (c: { row: { original: AppointmentRow } }) => placeOf(c.row.original) },
          ]),
      {
        id: 'type',
        header: () => t('appointments.screen.typeLabel'),
        cell: (c) => (
          <>
            {t(`appointments.type.${c.row.original.type}`)}
            {c.row.original.seriesId !== null ? <span className="cell-date">{t('appointments.screen.recurring')}</span> : null}
          </>
        ),
      },
      { id: 'provider', header: () => t('appointments.screen.provider'), cell: (c) => c.row.original.providerName ?? c.row.original.locationName ?? '—' },
      { id: 'status', header: () => t('appointments.screen.statusLabel'), cell: (c) => <StatusCell row={c.row.original} /> },
      { id: 'family', header: () => t('appointments.screen.family'), cell: (c) => (c.row.original.familyInformedAt ? t('appointments.screen.informed') : t('appointments.screen.notInformed')) },
    ],
    [t, when, p.withResident],
  );
  // eslint-disable-next-line react-hooks/incompatible-library -- the table is re-read every render; nothing here is memoised by the compiler
  const table = useReactTable({ data: p.rows, columns, getCoreRowModel: getCoreRowModel(), manualPagination: true, getRowId: (r) => r.key });
  return (
    <table className="data appointments-table">
      <caption>{p.caption}</caption>
      <thead>
        {table.getHeaderGroups().map((g) => (
          <tr key={g.id}>
            {g.headers.map((h) => (
              <th key={h.id} scope="col">
                {flexRender(h.column.columnDef.header, h.getContext())}
              </th>
            ))}
            {p.onOpen ? <th scope="col">{t('appointments.screen.open')}</th> : null}
          </tr>
        ))}
      </thead>
      <tbody>
        {p.rows.length === 0 ? (
          <tr>
            <td colSpan={columns.length + 1}>{t('appointments.screen.none')}</td>
          </tr>
        ) : null}
        {table.getRowModel().rows.map((r) => (
          <tr key={r.id}>
            {r.getVisibleCells().map((c) => (
              <td key={c.id}>{flexRender(c.column.columnDef.cell, c.getContext())}</td>
            ))}
            {p.onOpen ? (
              <td>
                <Button aria-label={`${t('appointments.screen.open')}: ${r.original.residentName} ${r.original.startLocal.replace('T', ' ')}`} onPress={() => p.onOpen!(r.original)}>
                  {t('appointments.screen.open')}
                </Button>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ListPanel(p: PanelProps) {
  const { t } = useTranslation();
  const { date } = useDates();
  const [from, setFrom] = useState(p.today);
  const [to, setTo] = useState(addDays(p.today, 30));
  const [type, setType] = useState<AppointmentType | ''>('');
  const [status, setStatus] = useState<AppointmentStatus | ''>('');
  const [unitId, setUnitId] = useState('');
  const [needsTransport, setNeedsTransport] = useState(false);
  const [followUpDue, setFollowUpDue] = useState(false);
  const [familyNotInformed, setFamilyNotInformed] = useState(false);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<OutputOf<'appointments.list'> | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const latest = useLatest();
  useEffect(() => {
    latest(
      call('appointments.list', { from, to, type: type || null, status: status || null, unitId: unitId ? Number(unitId) : null, needsTransport, followUpDue, familyNotInformed, offset, limit: PAGE }),
      (r) => (r.ok ? (setPage(r.value), setError(null)) : setError(r.error)),
    );
  }, [latest, from, to, type, status, unitId, needsTransport, followUpDue, familyNotInformed, offset, p.stamp]);
  const reset = <T,>(set: (v: T) => void) => (v: T) => (set(v), setOffset(0));
  return (
    <section aria-labelledby="appt-list-heading">
      <h2 id="appt-list-heading" className="screen-only">
        {t('appointments.screen.tabs.list')}
      </h2>
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      <div className="toolbar">
        <DateField label={t('appointments.screen.from')} name="from" value={from} onChange={reset(setFrom)} compact />
        <DateField label={t('appointments.screen.to')} name="to" value={to} onChange={reset(setTo)} compact />
        <SelectInput label={t('appointments.screen.typeLabel')} name="type" value={type} onChange={reset(setType)} options={[{ value: '', label: t('appointments.screen.allTypes') }, ...appointmentTypes.map((x) => ({ value: x, label: t(`appointments.type.${x}`) }))]} />
        <SelectInput label={t('appointments.screen.statusLabel')} name="status" value={status} onChange={reset(setStatus)} options={[{ value: '', label: t('appointments.screen.allStatuses') }, ...appointmentStatuses.map((x) => ({ value: x, label: t(`appointments.status.${x}`) }))]} />
        <SelectInput label={t('appointments.screen.unit')} name="unitId" value={unitId} onChange={reset(setUnitId)} options={unitOptions(p.facility, t('appointments.screen.allUnits'))} />
        <CheckInput label={t('appointments.screen.needsTransport')} name="needsTransport" checked={needsTransport} onChange={reset(setNeedsTransport)} />
        <CheckInput label={t('appointments.screen.followUpDue')} name="followUpDue" checked={followUpDue} onChange={reset(setFollowUpDue)} />
        <CheckInput label={t('appointments.screen.familyNotInformed')} name="familyNotInformed" checked={familyNotInformed} onChange={reset(setFamilyNotInformed)} />
      </div>
      {page ? <AppointmentTable rows={page.rows} caption={t('appointments.screen.caption', { from: date(from), to: date(to) })} onOpen={p.onOpen} /> : <p>{t('app.loading')}</p>}
      {page && page.total > PAGE ? <Pager offset={offset} limit={PAGE} total={page.total} onChange={setOffset} /> : null}
    </section>
  );
}

function AgendaPanel(p: PanelProps & { residents: ResidentOption[] }) {
  const { t } = useTranslation();
  const { date } = useDates();
  const { user } = useSession();
  const canWrite = useCan('appointments.write');
  const [day, setDay] = useState(p.today);
  const [days, setDays] = useState<'1' | '7'>('1');
  const [unitId, setUnitId] = useState('');
  const [residentId, setResidentId] = useState('');
  const [agenda, setAgenda] = useState<OutputOf<'appointments.agenda'> | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [ics, setIcs] = useState<{ fileName: string; events: number; url: string } | null>(null);
  const [content, setContent] = useState({ type: false, provider: false, preparation: false, residentName: false });
  const printer = usePrinter();
  const latest = useLatest();
  useEffect(() => {
    latest(call('appointments.agenda', { date: day, days: days === '1' ? 1 : 7, unitId: unitId ? Number(unitId) : null, residentId: residentId ? Number(residentId) : null }), (r) =>
      r.ok ? (setAgenda(r.value), setError(null)) : setError(r.error),
    );
  }, [latest, day, days, unitId, residentId, p.stamp]);
  const byDate = useMemo(() => {
    const m = new Map<string, AppointmentRow[]>();
    for (const r of agenda?.rows ?? []) m.set(r.startLocal.slice(0, 10), [...(m.get(r.startLocal.slice(0, 10)) ?? []), r]);
    return [...m];
  }, [agenda]);
  const unitName = unitId ? (p.facility.units.find((u) => String(u.id) === unitId)?.name ?? '') : t('appointments.screen.wholeFacility');

  const exportIcs = async () => {
    const r = await call('appointments.exportIcs', { residentId: residentId ? Number(residentId) : null, unitId: residentId ? null : unitId ? Number(unitId) : null, from: day, to: addDays(day, days === '1' ? 0 : 6), content });
    if (!r.ok) return setError(r.error);
    if (ics) URL.revokeObjectURL(ics.url);
    setIcs({ fileName: r.value.fileName, events: r.value.events, url: URL.createObjectURL(new Blob([r.value.text], { type: 'text/calendar' })) });
  };

  return (
    <section aria-labelledby="appt-agenda-heading">
      <h2 id="appt-agenda-heading" className="screen-only">
        {t('appointments.screen.tabs.agenda')}
      </h2>
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      <div className="toolbar">
        <DateField label={t('appointments.screen.date')} name="agendaDate" value={day} onChange={setDay} compact />
        <SelectInput
          label={t('appointments.screen.view')}
          name="days"
          value={days}
          onChange={setDays}
          options={[
            { value: '1', label: t('appointments.screen.day') },
            { value: '7', label: t('appointments.screen.week') },
          ]}
        />
        <SelectInput label={t('appointments.screen.unit')} name="agendaUnit" value={unitId} onChange={setUnitId} options={unitOptions(p.facility, t('appointments.screen.allUnits'))} />
        <SelectInput label={t('appointments.screen.resident')} name="agendaResident" value={residentId} onChange={setResidentId} options={[{ value: '', label: '—' }, ...p.residents.map((r) => ({ value: String(r.id), label: r.name }))]} />
        <Button
          isDisabled={printer.busy}
          onPress={async () =>
            setError(
              await printer.print({
                document: 'appointments.dayList',
                suggestedName: t('appointments.screen.printTitle', { date: day }),
                render: () => loadDayListPrint({ date: day, unitId: unitId ? Number(unitId) : null, unitName }, { facility: p.facility, printedBy: user.displayName }),
              }),
            )
          }
        >
          {t('appointments.screen.printDayList')}
        </Button>
        {printer.busy ? <span role="status">{t('print.preparing')}</span> : null}
      </div>
      {printer.view}
      {agenda ? (
        byDate.length === 0 ? (
          <p>{t('appointments.screen.none')}</p>
        ) : (
          byDate.map(([d, rows]) => <AppointmentTable key={d} rows={rows} caption={date(d)} onOpen={p.onOpen} />)
        )
      ) : (
        <p>{t('app.loading')}</p>
      )}
      {/* After the day's appointments, which are what the coordinator opens this screen for. */}
      {canWrite ? (
        <fieldset className="ics">
          <legend>{t('appointments.ics.title')}</legend>
          <p>{t('appointments.ics.intro')}</p>
          <CheckInput label={t('appointments.ics.includeType')} name="ics.type" checked={content.type} onChange={(v) => setContent((c) => ({ ...c, type: v }))} />
          <CheckInput label={t('appointments.ics.includeProvider')} name="ics.provider" checked={content.provider} onChange={(v) => setContent((c) => ({ ...c, provider: v }))} />
          <CheckInput label={t('appointments.ics.includePreparation')} name="ics.preparation" checked={content.preparation} onChange={(v) => setContent((c) => ({ ...c, preparation: v }))} />
          <CheckInput label={t('appointments.ics.includeResidentName')} name="ics.residentName" checked={content.residentName} onChange={(v) => setContent((c) => ({ ...c, residentName: v }))} />
          <Button onPress={() => void exportIcs()}>{t('appointments.screen.exportIcs')}</Button>
          {ics ? (
            <p role="status">
              <a href={ics.url} download={ics.fileName}>
                {t('appointments.screen.icsFile', { name: ics.fileName, count: ics.events })}
              </a>
            </p>
          ) : null}
        </fieldset>
      ) : null}
    </section>
  );
}

function FollowUpsPanel(p: PanelProps) {
  const { t } = useTranslation();
  const [lists, setLists] = useState<OutputOf<'appointments.followUps'> | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const latest = useLatest();
  useEffect(() => {
    latest(call('appointments.followUps', {}), (r) => (r.ok ? (setLists(r.value), setError(null)) : setError(r.error)));
  }, [latest, p.stamp]);
  if (error) return <Notice tone="error">{errorText(error)}</Notice>;
  if (!lists) return <p>{t('app.loading')}</p>;
  return (
    <section aria-labelledby="appt-followups-heading">
      <h2 id="appt-followups-heading">{t('appointments.followUps.title')}</h2>
      <AppointmentTable rows={lists.newOrders.map((x) => x.row)} caption={t('appointments.followUps.newOrders')} onOpen={p.onOpen} />
      <AppointmentTable rows={lists.needsTransport.map((x) => x.row)} caption={t('appointments.followUps.needsTransport')} onOpen={p.onOpen} />
      <AppointmentTable rows={lists.familyNotInformed.map((x) => x.row)} caption={t('appointments.followUps.familyNotInformed')} onOpen={p.onOpen} />
    </section>
  );
}

function ProvidersPanel(p: { canWrite: boolean; stamp: number; onChanged(): void }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<ProviderOut[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [name, setName] = useState('');
  const [locationName, setLocationName] = useState('');
  const [address, setAddress] = useState('');
  const [phone, setPhone] = useState('');
  const [fromId, setFromId] = useState('');
  const [intoId, setIntoId] = useState('');
  const latest = useLatest();
  useEffect(() => {
    latest(call('appointments.providers', {}), (r) => (r.ok ? setRows(r.value.rows) : setError(r.error)));
  }, [latest, p.stamp]);
  const options = [{ value: '', label: t('appointments.screen.chooseProvider') }, ...rows.map((r) => ({ value: String(r.id), label: r.locationName ? `${r.name} · ${r.locationName}` : r.name }))];
  return (
    <section aria-labelledby="appt-providers-heading">
      <h2 id="appt-providers-heading">{t('appointments.screen.tabs.providers')}</h2>
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('appointments.screen.providerName')}</th>
            <th scope="col">{t('appointments.screen.locationName')}</th>
            <th scope="col">{t('appointments.screen.address')}</th>
            <th scope="col">{t('appointments.screen.phone')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.name}</th>
              <td>{r.locationName ?? '—'}</td>
              <td>{r.address ?? '—'}</td>
              <td>{r.phone ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.canWrite ? (
        <>
          <div className="toolbar">
            <TextInput label={t('appointments.screen.providerName')} name="name" value={name} onChange={setName} maxLength={120} />
            <TextInput label={t('appointments.screen.locationName')} name="locationName" value={locationName} onChange={setLocationName} maxLength={120} />
            <TextInput label={t('appointments.screen.address')} name="address" value={address} onChange={setAddress} maxLength={300} />
            <TextInput label={t('appointments.screen.phone')} name="phone" value={phone} onChange={setPhone} maxLength={40} />
            <Button
              isDisabled={name.trim() === ''}
              onPress={async () => {
                const r = await call('appointments.createProvider', { name, locationName: locationName || null, address: address || null, phone: phone || null });
                if (!r.ok) return setError(r.error);
                setName('');
                setLocationName('');
                setAddress('');
                setPhone('');
                p.onChanged();
              }}
            >
              {t('appointments.screen.addProvider')}
            </Button>
          </div>
          <div className="toolbar">
            <SelectInput label={t('appointments.screen.provider')} name="fromId" value={fromId} onChange={setFromId} options={options} />
            <SelectInput label={t('appointments.screen.mergeInto')} name="intoId" value={intoId} onChange={setIntoId} options={options} />
            <Button
              isDisabled={fromId === '' || intoId === ''}
              onPress={async () => {
                const r = await call('appointments.mergeProviders', { fromId: Number(fromId), intoId: Number(intoId) });
                if (!r.ok) return setError(r.error);
                setFromId('');
                setIntoId('');
                p.onChanged();
              }}
            >
              {t('appointments.screen.merge')}
            </Button>
          </div>
        </>
      ) : null}
    </section>
  );
}

/** The resident page's part: upcoming and past appointments. */
export function ResidentAppointments({ residentId }: { residentId: number }) {
  const { t } = useTranslation();
  const canRead = useCan('appointments.read');
  const [data, setData] = useState<OutputOf<'appointments.forResident'> | null>(null);
  const [stamp, setStamp] = useState(0);
  useLiveRefresh(LIVE_ENTITIES, () => setStamp((s) => s + 1));
  useEffect(() => {
    if (canRead) void call('appointments.forResident', { residentId }).then((r) => (r.ok ? setData(r.value) : undefined));
  }, [residentId, canRead, stamp]);
  if (!canRead || !data) return null;
  return (
    <section aria-labelledby="resident-appointments" className="resident-appointments">
      <h2 id="resident-appointments">{t('appointments.title')}</h2>
      <AppointmentTable rows={data.upcoming} caption={t('appointments.screen.upcoming')} withResident={false} />
      <AppointmentTable rows={data.past} caption={t('appointments.screen.past')} withResident={false} />
    </section>
  );
}

/** The coordinator's Today board: the facility's appointments of today. */
export function TodayAppointments() {
  const { t } = useTranslation();
  const facility = useFacility();
  const [rows, setRows] = useState<AppointmentRow[] | null>(null);
  const [stamp, setStamp] = useState(0);
  useLiveRefresh(LIVE_ENTITIES, () => setStamp((s) => s + 1));
  useEffect(() => {
    if (facility) void call('appointments.agenda', { date: facilityToday(facility.timeZone), days: 1 }).then((r) => (r.ok ? setRows(r.value.rows) : undefined));
  }, [facility, stamp]);
  if (!rows) return <p>{t('app.loading')}</p>;
  return (
    <>
      <AppointmentTable rows={rows} caption={t('appointments.screen.todayTitle')} />
      <p>
        <a href="#/appointments">{t('appointments.title')}</a>
      </p>
    </>
  );
}
