import { useState } from 'react';
import type { Facility } from '../../../../shared/contract/facility';
import type { CorrectableEntry, ResidentDetail } from '../../../../shared/contract/residents';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';
import { useDates } from '../../app/dates';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { TextInput } from '../../components/fields';
import { fieldErrors, useTranslation } from '../../i18n';
import { residentTextMax } from '../../../../shared/domain/residents/text-limits';
import { BedPicker } from './BedPicker';
import { dobWithAge, placeText, residentName } from './format';

/** What the button and the dialog call the entry: "Deceased from Mar 1, 2026", "the move to … on …". */
export function useEntryLabel(): (e: CorrectableEntry) => string {
  const { t } = useTranslation();
  const { date } = useDates();
  return (e) =>
    e.kind === 'status'
      ? t('residents.page.markStatusInError', { status: t(`residents.value.status.${e.status ?? 'active'}`), date: date(e.date) })
      : t('residents.page.markMoveInError', { place: e.place ?? '', date: date(e.date) });
}

/**
 * The supervised correction: names the resident and the entry, says what it puts back (and whether
 * the bed they had is still free — if not, who has it, and a free bed to choose), asks why, and
 * starts on Go back like every final step. Main decides; this only shows what it will do.
 */
export function EnteredInErrorDialog(p: { resident: ResidentDetail; entry: CorrectableEntry; facility: Facility | null; onClose(): void; onDone(d: ResidentDetail): void }) {
  const { t, i18n } = useTranslation();
  const { date } = useDates();
  const r = p.resident;
  const e = p.entry;
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const back = e.restores.bed;
  // The bed they had is taken (or became so while the dialog was open): another free bed is chosen.
  const [choosing, setChoosing] = useState(back !== null && !back.free);
  const [unitId, setUnitId] = useState<number | null>(r.location?.unitId ?? p.facility?.units.find((u) => u.active)?.id ?? null);
  const [bedId, setBedId] = useState<number | null>(null);
  const errors = fieldErrors(error);
  const labels = { reason: t('residents.field.reason'), bedId: t('residents.correct.anotherBed'), entryId: t('residents.field.entryId') };
  const status = (s: string) => t(`residents.value.status.${s as 'active'}`);
  return (
    <ConfirmDialog
      title={t('residents.correct.title', { name: residentName(r) })}
      confirmLabel={t('residents.correct.confirm')}
      danger
      labels={labels}
      onCancel={p.onClose}
      onConfirm={async () => {
        const res = await call('residents.markEnteredInError', { id: r.id, expectedVersion: r.version, kind: e.kind, entryId: e.entryId, reason, bedId: choosing ? bedId : null });
        if (res.ok) {
          p.onDone(res.value);
          return null;
        }
        setError(res.error);
        if (res.error.fields?.some((f) => f.path === 'bedId' && f.code === 'bed_taken_since')) setChoosing(true);
        return res.error;
      }}
    >
      <p className="confirm-who">
        <strong>{residentName(r)}</strong> · {placeText(r.location)} · {dobWithAge(r, i18n.language)} · {r.recordNumber}
      </p>
      <p>{e.kind === 'status' ? t('residents.correct.statusEntry', { status: status(e.status ?? 'active'), date: date(e.date) }) : t('residents.correct.moveEntry', { place: e.place ?? '', date: date(e.date) })}</p>
      <p>{t('residents.correct.restores', { status: status(e.restores.status), date: date(e.restores.since) })}</p>
      {back !== null && back.free && !choosing ? <p>{t('residents.correct.bedBack', { name: residentName(r), bed: back.place })}</p> : null}
      {back !== null && choosing ? (
        <>
          <p className="not-assessed">{back.takenBy ? t('residents.correct.bedTaken', { bed: back.place, by: back.takenBy }) : t('residents.correct.bedUnavailable', { bed: back.place })}</p>
          <BedPicker facility={p.facility} unitId={unitId} bedId={bedId} onChange={(u, b) => (setUnitId(u), setBedId(b))} bedLabel={labels.bedId} bedError={errors['bedId']} required />
        </>
      ) : null}
      {e.restores.frees ? <p>{t('residents.correct.frees', { bed: e.restores.frees })}</p> : null}
      <p>{t('residents.correct.kept')}</p>
      <TextInput label={labels.reason} name="reason" value={reason} onChange={setReason} required maxLength={residentTextMax.note} description={t('residents.correct.reasonHint')} error={errors['reason']} />
    </ConfirmDialog>
  );
}
