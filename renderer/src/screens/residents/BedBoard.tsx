import { useCallback, useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import type { Facility } from '../../../../shared/contract/facility';
import type { BedBoard as Board } from '../../../../shared/contract/residents';
import type { AppError } from '../../../../shared/result';
import { useLiveRefresh } from '../../api/changes';
import { call } from '../../api/client';
import { Notice, SelectInput, TextInput } from '../../components/fields';
import { FormDialog } from '../../components/FormDialog';
import { errorText, useTranslation } from '../../i18n';
import { formatDate } from '../../../../shared/domain/date-display';
import { NotAssessed } from './clinical-values';
import { CodeStatusBadge } from './CodeStatus';
import { residentName } from './format';
import { hrefOf } from './useSubRoute';

/** Units → rooms → beds: a nurse sees the unit at a glance, a coordinator picks a free bed to admit into. */
export function BedBoard(p: { facility: Facility | null; canWrite: boolean; canManage: boolean; onAdmitTo(unitId: number, bedId: number): void; refreshKey: number }) {
  const { t, i18n } = useTranslation();
  const units = p.facility?.units.filter((u) => u.active) ?? [];
  const [unitId, setUnitId] = useState<number | null>(units[0]?.id ?? null);
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(async () => {
    const r = await call('residents.bedBoard', { unitId });
    if (r.ok) {
      setBoard(r.value);
      setError(null);
    } else setError(r.error);
  }, [unitId]);
  useEffect(() => {
    void load();
  }, [load, p.refreshKey]);
  // An admission, move or discharge at any station shows here without a reload.
  useLiveRefresh(['resident', 'room'], () => void load());
  const unit = board?.units[0];

  return (
    <section aria-labelledby="beds-heading" className="beds">
      <h2 id="beds-heading" className="visually-hidden">
        {t('residents.beds.title')}
      </h2>
      <div className="toolbar beds-toolbar">
        <SelectInput label={t('residents.unit')} name="unitId" value={unitId === null ? '' : String(unitId)} onChange={(v) => setUnitId(Number(v))} options={units.map((u) => ({ value: String(u.id), label: u.name }))} />
        {unit ? <p className="beds-count">{t('residents.beds.occupied', { occupied: unit.occupied, beds: unit.beds })}</p> : null}
        {p.canManage ? <Button onPress={() => setAdding(true)}>{t('residents.beds.addRoom')}</Button> : null}
      </div>
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      {unit ? null : <p className="empty">{t('residents.beds.noRooms')}</p>}
      {/* Rooms in door order, two lines per bed: a unit of 30 beds fits on one 1366×768 screen. */}
      <ul className="bed-board">
        {unit?.rooms.map((room) => (
          <li key={room.id} className="room">
            <h3>{t('residents.beds.room', { label: room.label })}</h3>
            <ul>
              {room.beds.map((bed) => {
                const o = bed.occupant;
                const place = `${unit.name} · ${room.label}-${bed.label}`;
                return (
                  <li key={bed.id} className={o ? `bed occupied status-${o.status}` : 'bed free'}>
                    <span className="bed-label">{t('residents.beds.bed', { label: bed.label })}</span>
                    {o ? (
                      <span className="occupant">
                        <a href={hrefOf({ view: 'resident', id: o.id })}>{residentName(o)}</a>
                        <span className="facts">
                          <span>{formatDate(o.dateOfBirth, i18n.language)}</span>
                          <CodeStatusBadge code={o.codeStatus} />
                          <AllergyFlag allergies={o.allergies} />
                          {o.isolation === null ? (
                            <NotAssessed>{t('residents.beds.isolationNotAssessed')}</NotAssessed>
                          ) : o.isolation !== 'none' ? (
                            <span className={`isolation-badge isolation-${o.isolation}`}>
                              <span aria-hidden="true">⚠ </span>
                              {t('residents.isolationBadge', { precaution: t(`residents.value.isolation.${o.isolation}`) })}
                            </span>
                          ) : null}
                          {o.status !== 'active' ? <span className="away">{t(`residents.value.status.${o.status}`)}</span> : null}
                        </span>
                      </span>
                    ) : (
                      <span className="occupant">
                        <span>{t('residents.beds.free')}</span>
                        {p.canWrite ? (
                          <Button className="small" aria-label={t('residents.beds.admitHere', { place })} onPress={() => p.onAdmitTo(unit.id, bed.id)}>
                            {t('residents.beds.admit')}
                          </Button>
                        ) : null}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
      {adding && unitId !== null ? (
        <AddRoom
          unitId={unitId}
          onClose={() => setAdding(false)}
          onDone={(label) => {
            setAdding(false);
            setNotice(t('residents.beds.roomAdded', { label }));
            void load();
          }}
        />
      ) : null}
    </section>
  );
}

/** The allergy flag on a bed: a severe allergy is marked; "not recorded" is a warning, never blank. */
type Occupant = NonNullable<Board['units'][number]['rooms'][number]['beds'][number]['occupant']>;

function AllergyFlag({ allergies }: { allergies: Occupant['allergies'] }) {
  const { t } = useTranslation();
  if (allergies.state === 'nka') return <span className="allergy allergy-nka">{t('residents.allergy.nka')}</span>;
  if (allergies.state === 'not_recorded') return <NotAssessed className="allergy allergy-not_recorded">{t('residents.allergy.notRecorded')}</NotAssessed>;
  return allergies.hasSevere ? <span className="allergy allergy-severe">{t('residents.allergy.severe')}</span> : <span className="allergy allergy-listed">{t('residents.allergy.listed')}</span>;
}

function AddRoom(p: { unitId: number; onClose(): void; onDone(label: string): void }) {
  const { t } = useTranslation();
  const [label, setLabel] = useState('');
  const [beds, setBeds] = useState('A, B');
  const [error, setError] = useState<AppError | null>(null);
  const labels = { label: t('residents.beds.roomLabel'), beds: t('residents.beds.bedLabels'), unitId: t('residents.unit') };
  return (
    <FormDialog
      title={t('residents.beds.addRoom')}
      submitLabel={t('residents.beds.addRoom')}
      error={error}
      labels={labels}
      onClose={p.onClose}
      onSubmit={async () => {
        const r = await call('rooms.create', { unitId: p.unitId, label, beds: beds.split(',').map((b) => b.trim()).filter((b) => b !== '') });
        if (r.ok) p.onDone(label);
        else setError(r.error);
      }}
    >
      <TextInput label={labels.label} name="label" value={label} onChange={setLabel} autoFocus required />
      <TextInput label={labels.beds} name="beds" value={beds} onChange={setBeds} required />
    </FormDialog>
  );
}
