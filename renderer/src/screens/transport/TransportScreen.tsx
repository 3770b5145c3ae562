import { useCallback, useEffect, useState } from 'react';
import { Button, Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import type { OutputOf } from '../../../../shared/contract';
import type { Facility } from '../../../../shared/contract/facility';
import type { VehicleOut, DestinationOut } from '../../../../shared/contract/transport';
import type { AppError } from '../../../../shared/result';
import { useLiveRefresh } from '../../api/changes';
import { call } from '../../api/client';
import { useFacilityToday, useFacilityFormat } from '../../app/facility';
import { useCan, useSession } from '../../app/session';
import { useHashTab } from '../../app/useHashTab';
import { FormDialog } from '../../components/FormDialog';
import { CheckInput, Notice, TextInput } from '../../components/fields';
import { clockTime, errorText, useTranslation } from '../../i18n';
import { displayDate, usePrinter } from '../../print';
import { BookingDialog } from './BookingDialog';
import { DriverDay, TRIP_ENTITIES } from './DriverDay';
import { loadManifestPrint } from './prints';
import { modesText, wallOf } from './words';

const TABS = ['board', 'rides', 'vehicles', 'destinations', 'mine'] as const;
type TransportTab = (typeof TABS)[number];
type Setup = OutputOf<'transport.setup'>;

const LIVE = [...TRIP_ENTITIES, 'transport_vehicle', 'transport_carrier', 'transport_destination'];

/**
 * The Transport area: the trip board (today and tomorrow by time and vehicle, who is out, overdue
 * returns), the rides to book for external appointments, vehicles, destinations' travel settings,
 * and a driver's own trips. Every control is reachable by keyboard; tabs follow arrow keys.
 */
export function TransportScreen() {
  const { t } = useTranslation();
  const canWrite = useCan('transport.write');
  const canDrive = useCan('transport.drive');
  const { user } = useSession();
  const visible = TABS.filter((tab) => (tab === 'mine' ? canDrive : tab === 'vehicles' || tab === 'destinations' || tab === 'rides' ? canWrite : true));
  const [tab, setTab] = useHashTab<TransportTab>('transport', visible, user.role === 'driver' ? 'mine' : 'board');
  const [setup, setSetup] = useState<Setup | null>(null);
  const [facility, setFacility] = useState<Facility | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const loadSetup = useCallback(() => void call('transport.setup', {}).then((r) => (r.ok ? setSetup(r.value) : setError(r.error))), []);
  useEffect(loadSetup, [loadSetup]);
  useEffect(() => void call('facility.get', {}).then((r) => (r.ok ? setFacility(r.value) : setError(r.error))), []);
  useLiveRefresh(['transport_vehicle', 'transport_carrier', 'transport_destination'], loadSetup);

  if (error) return <Notice tone="error">{errorText(error)}</Notice>;
  if (!setup || !facility) return null;
  return (
    <Tabs selectedKey={tab} onSelectionChange={(k) => setTab(k as TransportTab)} className="tabs">
      <TabList aria-label={t('transport.title')}>
        {visible.map((v) => (
          <Tab key={v} id={v}>
            {t(`transport.screen.tab.${v}`)}
          </Tab>
        ))}
      </TabList>
      <TabPanel id="board">
        <Board setup={setup} facility={facility} />
      </TabPanel>
      {canWrite ? (
        <>
          <TabPanel id="rides">
            <Rides setup={setup} />
          </TabPanel>
          <TabPanel id="vehicles">
            <Vehicles vehicles={setup.vehicles} onChanged={loadSetup} />
          </TabPanel>
          <TabPanel id="destinations">
            <Destinations destinations={setup.destinations} onChanged={loadSetup} />
          </TabPanel>
        </>
      ) : null}
      {canDrive ? (
        <TabPanel id="mine">
          <h2>{t('transport.screen.tab.mine')}</h2>
          <DriverDay headingLevel={3} />
        </TabPanel>
      ) : null}
    </Tabs>
  );
}

function Board({ setup, facility }: { setup: Setup; facility: Facility }) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const today = useFacilityToday();
  const canWrite = useCan('transport.write');
  const [board, setBoard] = useState<OutputOf<'transport.board'> | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const printer = usePrinter();
  const load = useCallback(() => void call('transport.board', { date: today }).then((r) => (r.ok ? setBoard(r.value) : setError(r.error))), [today]);
  useEffect(load, [load]);
  useLiveRefresh(LIVE, load);
  if (!board) return error ? <Notice tone="error">{errorText(error)}</Notice> : null;
  const overdue = board.out.filter((o) => o.overdue);
  return (
    <div className="transport-board">
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      <section aria-labelledby="transport-out">
        <h2 id="transport-out">{t('transport.board.out')}</h2>
        {overdue.length > 0 ? (
          <div role="alert" className="overdue">
            <h3>{t('transport.board.overdue')}</h3>
            <ul>
              {overdue.map((o) => (
                <li key={o.bookingId}>
                  <strong>{o.residentName}</strong> {o.room ? `(${o.room})` : ''} — {t('transport.board.minutesOverdue', { minutes: o.minutesOverdue })} · {t('transport.board.expectedBack', { time: clockTime(o.expectedBackAt) })}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {board.out.length === 0 ? (
          <p className="empty">{t('transport.board.noneOut')}</p>
        ) : (
          <ul>
            {board.out.map((o) => (
              <li key={o.bookingId}>
                {o.residentName} {o.room ? `(${o.room})` : ''} · {t('transport.board.expectedBack', { time: clockTime(o.expectedBackAt) })} {o.estimated ? t('transport.board.estimated') : ''} · {t(`transport.returnState.${o.returnState}`)}
                {o.overdue ? ` · ${t('transport.board.minutesOverdue', { minutes: o.minutesOverdue })}` : ''}
              </li>
            ))}
          </ul>
        )}
        {board.unmarked.length > 0 ? (
          <>
            <h3>{t('transport.board.unmarked')}</h3>
            <ul>
              {board.unmarked.map((u) => (
                <li key={u.legId}>
                  {u.residentName} · {t('transport.board.minutesLate', { minutes: u.minutesLate })}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      {board.dates.map((date, i) => {
        const groups = board.groups.filter((g) => g.date === date);
        return (
          <section key={date} aria-labelledby={`transport-day-${i}`}>
            <h2 id={`transport-day-${i}`}>
              {i === 0 ? t('transport.board.today') : t('transport.board.tomorrow')} · {displayDate(date, i18n.language)}
            </h2>
            {groups.length === 0 ? <p className="empty">{t('transport.screen.noTrips')}</p> : null}
            {groups.map((g) => (
              <section key={`${date}-${g.vehicleId ?? 'other'}`} className="board-group">
                <h3>
                  {g.vehicleName ?? t('transport.screen.otherCarriers')}
                  {g.vehicleId !== null ? (
                    <Button
                      className="inline"
                      isDisabled={printer.busy}
                      aria-label={t('transport.screen.printManifestOf', { vehicle: g.vehicleName ?? '', date: displayDate(date, i18n.language) })}
                      onPress={async () =>
                        setError(
                          await printer.print({
                            document: 'transport.manifest',
                            suggestedName: `${t('transport.manifest.title')} ${g.vehicleName ?? ''} ${date}`,
                            render: () => loadManifestPrint(g.vehicleId!, date, { facility, printedBy: user.displayName }),
                          }),
                        )
                      }
                    >
                      {t('transport.screen.printManifest')}
                    </Button>
                  ) : null}
                </h3>
                <table className="grid">
                  <thead>
                    <tr>
                      <th scope="col">{t('transport.manifest.time')}</th>
                      <th scope="col">{t('transport.manifest.resident')}</th>
                      <th scope="col">{t('transport.manifest.pickup')}</th>
                      <th scope="col">{t('transport.manifest.mode')}</th>
                      <th scope="col">{t('transport.manifest.destination')}</th>
                      <th scope="col">{t('transport.screen.carrier')}</th>
                      <th scope="col">{t('transport.screen.status')}</th>
                      {canWrite ? <th scope="col">{t('transport.screen.actions')}</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {g.rows.map((r) => (
                      <tr key={r.legId} className={r.status === 'cancelled' ? 'cancelled' : undefined}>
                        <td>{r.pickupAt ? clockTime(r.pickupAt) : t('transport.returnKind.will_call')}</td>
                        <th scope="row">
                          {r.residentName} {r.room ? `(${r.room})` : ''}
                        </th>
                        <td>{t(`transport.legKind.${r.kind}`)}</td>
                        <td>{modesText(r.modes)}</td>
                        <td>{r.destinationName}</td>
                        <td>
                          {r.carrierKind === 'facility_vehicle' ? (r.driverName ?? t('transport.screen.noDriver')) : `${t(`transport.carrier.${r.carrierKind}`)}${r.carrierName ? ` · ${r.carrierName}` : ''}`}
                        </td>
                        <td>
                          {r.status === 'confirmed' && r.confirmationNumber ? t('transport.confirmedWith', { number: r.confirmationNumber }) : t(`transport.legStatus.${r.status}`)}
                          {r.flags.map((f) => (
                            <strong key={f} className="flag">
                              {' '}
                              {t(`transport.flag.${f}`)}
                            </strong>
                          ))}
                        </td>
                        {canWrite ? (
                          <td>
                            <Button className="inline" aria-label={`${t('transport.screen.editRide')} — ${r.residentName}, ${t(`transport.legKind.${r.kind}`)}`} onPress={() => setEditing(r.bookingId)}>
                              {t('transport.screen.editRide')}
                            </Button>
                          </td>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            ))}
          </section>
        );
      })}
      {printer.busy ? <span role="status">{t('print.preparing')}</span> : null}
      {printer.view}
      {editing !== null ? <EditFromBoard bookingId={editing} setup={setup} onDone={() => (setEditing(null), load())} /> : null}
    </div>
  );
}

function EditFromBoard({ bookingId, setup, onDone }: { bookingId: number; setup: Setup; onDone(): void }) {
  const [appointmentId, setAppointmentId] = useState<number | null>(null);
  useEffect(() => void call('transport.booking', { bookingId }).then((r) => (r.ok ? setAppointmentId(r.value.appointment.id) : onDone())), [bookingId, onDone]);
  return appointmentId === null ? null : <BookingDialog appointmentId={appointmentId} setup={setup} onClose={onDone} onSaved={onDone} />;
}

function Rides({ setup }: { setup: Setup }) {
  const { t, i18n } = useTranslation();
  const today = useFacilityToday();
  const { timeZone } = useFacilityFormat();
  const [rows, setRows] = useState<OutputOf<'transport.appointments'>['rows'] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [booking, setBooking] = useState<number | null>(null);
  const [saved, setSaved] = useState(false);
  const load = useCallback(() => void call('transport.appointments', { from: today, days: 14 }).then((r) => (r.ok ? setRows(r.value.rows) : setError(r.error))), [today]);
  useEffect(load, [load]);
  useLiveRefresh(LIVE, load);
  // A series occurrence nobody has opened yet becomes an appointment of its own before its ride is booked.
  const open = async (a: OutputOf<'transport.appointments'>['rows'][number]) => {
    if (a.id !== null) return setBooking(a.id);
    if (!a.occurrence) return;
    const r = await call('transport.openOccurrence', a.occurrence);
    if (r.ok) setBooking(r.value.appointmentId);
    else setError(r.error);
  };
  if (!rows) return error ? <Notice tone="error">{errorText(error)}</Notice> : null;
  return (
    <section aria-labelledby="transport-rides">
      <h2 id="transport-rides">{t('transport.screen.appointmentsTitle')}</h2>
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      {saved ? (
        <Notice tone="success" id="transport-saved">
          {t('transport.screen.saved')}
        </Notice>
      ) : null}
      {rows.length === 0 ? (
        <p className="empty">{t('transport.screen.noAppointments')}</p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">{t('transport.manifest.date')}</th>
              <th scope="col">{t('transport.manifest.time')}</th>
              <th scope="col">{t('transport.manifest.resident')}</th>
              <th scope="col">{t('transport.manifest.destination')}</th>
              <th scope="col">{t('transport.screen.status')}</th>
              <th scope="col">{t('transport.screen.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id ?? `${a.occurrence?.seriesId}:${a.occurrence?.originalLocal}`}>
                <td>{displayDate(wallOf(a.startsAt, timeZone).slice(0, 10), i18n.language)}</td>
                <td>{clockTime(a.startsAt)}</td>
                <th scope="row">
                  {a.residentName} {a.room ? `(${a.room})` : ''}
                </th>
                <td>{a.destinationName}</td>
                <td>
                  {a.bookingId === null ? t('transport.screen.notBooked') : t('transport.screen.booked')}
                  {a.standing ? ` · ${t('transport.standing.badge')}` : ''}
                </td>
                <td>
                  <Button
                    className={a.bookingId === null ? 'primary inline' : 'inline'}
                    aria-label={`${a.bookingId === null ? t('transport.screen.bookRide') : t('transport.screen.editRide')} — ${a.residentName}, ${clockTime(a.startsAt)}`}
                    onPress={() => (setSaved(false), void open(a))}
                  >
                    {a.bookingId === null ? t('transport.screen.bookRide') : t('transport.screen.editRide')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {booking !== null ? <BookingDialog appointmentId={booking} setup={setup} onClose={() => setBooking(null)} onSaved={() => (setBooking(null), setSaved(true), load())} /> : null}
    </section>
  );
}

function Vehicles({ vehicles, onChanged }: { vehicles: VehicleOut[]; onChanged(): void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<VehicleOut | 'new' | null>(null);
  return (
    <section aria-labelledby="transport-vehicles">
      <h2 id="transport-vehicles">{t('transport.screen.tab.vehicles')}</h2>
      <Button className="primary" onPress={() => setEditing('new')}>
        {t('transport.screen.addVehicle')}
      </Button>
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">{t('transport.screen.vehicleName')}</th>
            <th scope="col">{t('transport.screen.seats')}</th>
            <th scope="col">{t('transport.screen.wheelchairPositions')}</th>
            <th scope="col">{t('transport.screen.stretcherPositions')}</th>
            <th scope="col">{t('transport.screen.equipment')}</th>
            <th scope="col">{t('transport.screen.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {vehicles.map((v) => (
            <tr key={v.id}>
              <th scope="row">
                {v.name}
                {v.active ? '' : ` (${t('transport.screen.outOfService')})`}
              </th>
              <td>{v.seats}</td>
              <td>{v.wheelchairPositions}</td>
              <td>{v.stretcherPositions}</td>
              <td>{[v.bariatric ? t('transport.mode.bariatric') : '', v.oxygen ? t('transport.mode.oxygen') : ''].filter(Boolean).join(', ')}</td>
              <td>
                <Button className="inline" aria-label={`${t('transport.screen.edit')} — ${v.name}`} onPress={() => setEditing(v)}>
                  {t('transport.screen.edit')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing !== null ? <VehicleDialog vehicle={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => (setEditing(null), onChanged())} /> : null}
    </section>
  );
}

function VehicleDialog({ vehicle, onClose, onSaved }: { vehicle: VehicleOut | null; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(vehicle?.name ?? '');
  const [seats, setSeats] = useState(String(vehicle?.seats ?? ''));
  const [wheel, setWheel] = useState(String(vehicle?.wheelchairPositions ?? '0'));
  const [stretcher, setStretcher] = useState(String(vehicle?.stretcherPositions ?? '0'));
  const [bariatric, setBariatric] = useState(vehicle?.bariatric ?? false);
  const [oxygen, setOxygen] = useState(vehicle?.oxygen ?? false);
  const [active, setActive] = useState(vehicle?.active ?? true);
  const [error, setError] = useState<AppError | null>(null);
  const labels = {
    name: t('transport.screen.vehicleName'),
    seats: t('transport.screen.seats'),
    wheelchairPositions: t('transport.screen.wheelchairPositions'),
    stretcherPositions: t('transport.screen.stretcherPositions'),
  };
  const num = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s) : -1);
  return (
    <FormDialog
      title={vehicle ? t('transport.screen.editVehicle', { name: vehicle.name }) : t('transport.screen.addVehicle')}
      submitLabel={t('transport.screen.saveSettings')}
      error={error}
      labels={labels}
      onClose={onClose}
      onSubmit={async () => {
        const r = await call('transport.saveVehicle', {
          id: vehicle?.id ?? null,
          expectedVersion: vehicle?.version ?? null,
          name,
          seats: num(seats),
          wheelchairPositions: num(wheel),
          stretcherPositions: num(stretcher),
          bariatric,
          oxygen,
          active,
        });
        return r.ok ? onSaved() : setError(r.error);
      }}
    >
      <TextInput required label={labels.name} name="name" value={name} maxLength={60} onChange={setName} />
      <TextInput required type="number" label={labels.seats} name="seats" value={seats} onChange={setSeats} />
      <TextInput required type="number" label={labels.wheelchairPositions} name="wheelchairPositions" value={wheel} onChange={setWheel} />
      <TextInput required type="number" label={labels.stretcherPositions} name="stretcherPositions" value={stretcher} onChange={setStretcher} />
      <CheckInput label={t('transport.mode.bariatric')} name="bariatric" checked={bariatric} onChange={setBariatric} />
      <CheckInput label={t('transport.mode.oxygen')} name="oxygen" checked={oxygen} onChange={setOxygen} />
      <CheckInput label={t('transport.screen.inService')} name="active" checked={active} onChange={setActive} />
    </FormDialog>
  );
}

function Destinations({ destinations, onChanged }: { destinations: DestinationOut[]; onChanged(): void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<DestinationOut | null>(null);
  return (
    <section aria-labelledby="transport-destinations">
      <h2 id="transport-destinations">{t('transport.screen.tab.destinations')}</h2>
      {destinations.length === 0 ? <p className="empty">{t('transport.screen.noDestinations')}</p> : null}
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">{t('transport.manifest.destination')}</th>
            <th scope="col">{t('transport.screen.travelMinutes')}</th>
            <th scope="col">{t('transport.screen.checkInMinutes')}</th>
            <th scope="col">{t('transport.screen.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {destinations.map((d) => (
            <tr key={d.providerId}>
              <th scope="row">
                {d.name}
                {d.address ? <span className="sub"> · {d.address}</span> : null}
              </th>
              <td>{d.travelMinutes ?? t('transport.screen.notSet')}</td>
              <td>{d.checkInMinutes ?? t('transport.screen.notSet')}</td>
              <td>
                <Button className="inline" aria-label={`${t('transport.screen.edit')} — ${d.name}`} onPress={() => setEditing(d)}>
                  {t('transport.screen.edit')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing !== null ? <DestinationDialog destination={editing} onClose={() => setEditing(null)} onSaved={() => (setEditing(null), onChanged())} /> : null}
    </section>
  );
}

function DestinationDialog({ destination, onClose, onSaved }: { destination: DestinationOut; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const [travel, setTravel] = useState(destination.travelMinutes === null ? '' : String(destination.travelMinutes));
  const [checkIn, setCheckIn] = useState(destination.checkInMinutes === null ? '' : String(destination.checkInMinutes));
  const [error, setError] = useState<AppError | null>(null);
  const labels = { travelMinutes: t('transport.screen.travelMinutes'), checkInMinutes: t('transport.screen.checkInMinutes') };
  return (
    <FormDialog
      title={destination.name}
      submitLabel={t('transport.screen.saveSettings')}
      error={error}
      labels={labels}
      onClose={onClose}
      onSubmit={async () => {
        const r = await call('transport.saveDestination', { providerId: destination.providerId, travelMinutes: Number(travel), checkInMinutes: Number(checkIn), expectedVersion: destination.version });
        return r.ok ? onSaved() : setError(r.error);
      }}
    >
      <TextInput required type="number" label={labels.travelMinutes} name="travelMinutes" value={travel} onChange={setTravel} />
      <TextInput required type="number" label={labels.checkInMinutes} name="checkInMinutes" value={checkIn} onChange={setCheckIn} />
    </FormDialog>
  );
}
