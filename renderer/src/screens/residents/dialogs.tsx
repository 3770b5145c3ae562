import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { Facility } from '../../../../shared/contract/facility';
import type { AllergiesInput, ResidentDetail } from '../../../../shared/contract/residents';
import {
  allergySeverities,
  codeStatuses,
  sexes,
  type AllergySeverity,
  type CodeStatus,
  type ResidentStatus,
  type Sex,
} from '../../../../shared/domain/residents/vocabulary';
import type { AppError } from '../../../../shared/result';
import { residentTextMax } from '../../../../shared/domain/residents/text-limits';
import { call } from '../../api/client';
import { useDraft } from '../../app/drafts';
import { dateOfBirthBounds, useFacilityToday } from '../../app/facility';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DateField } from '../../components/DateField';
import { SelectInput, TextInput } from '../../components/fields';
import { FormDialog } from '../../components/FormDialog';
import { fieldErrors, useTranslation } from '../../i18n';
import { BedPicker } from './BedPicker';
import { formatDate } from '../../../../shared/domain/date-display';
import { dobWithAge, placeText, residentName } from './format';

/** Labels for the error summary, keyed by the contract's field paths. */
export function useFieldLabels(): Record<string, string> {
  const { t } = useTranslation();
  const keys = ['legalGiven', 'legalFamily', 'preferredName', 'dateOfBirth', 'sex', 'recordNumber', 'unitId', 'bedId', 'admittedOn', 'codeStatus', 'codeStatusForm', 'codeStatusDocumentedOn', 'allergies', 'dietType', 'dietNote', 'iddsiFood', 'iddsiDrink', 'transfer', 'aid', 'bariatric', 'fallRisk', 'wanderingRisk', 'isolation', 'hearingAids', 'visionAids', 'language', 'interpreterNeeded', 'physicianName', 'physicianPhone', 'pharmacyName', 'pharmacyPhone', 'contacts', 'date', 'note', 'status', 'id'] as const;
  const out: Record<string, string> = Object.fromEntries(keys.map((k) => [k, t(`residents.field.${k}`)]));
  out['allergies.recordedOn'] = t('residents.field.allergyRecordedOn');
  out['allergies.items'] = t('residents.field.allergyList');
  // Each item's fields, named with its number: "Allergy 2: Severity".
  for (let i = 0; i < 40; i++) {
    for (const [part, key] of [['substance', 'allergySubstance'], ['reaction', 'allergyReaction'], ['severity', 'allergySeverity']] as const) {
      out[`allergies.items.${i}.${part}`] = `${t('residents.allergy.itemN', { n: i + 1 })}: ${t(`residents.field.${key}`)}`;
    }
  }
  return out;
}

/** An allergy item as the form holds it: nothing chosen for severity yet is '' (main then says "Required"). */
export type AllergyItemDraft = { substance: string; reaction: string; severity: AllergySeverity | '' };
export type AllergyDraft = { state: AllergiesInput['state']; recordedOn: string; items: AllergyItemDraft[] };

const blankItem = (): AllergyItemDraft => ({ substance: '', reaction: '', severity: '' });

export function allergyDraftOf(items: ResidentDetail['allergyItems']): AllergyItemDraft[] {
  return items.map((i) => ({ substance: i.substance, reaction: i.reaction, severity: i.severity }));
}

/**
 * Allergies as items — substance, reaction, severity — entered one by one, never read out of a
 * sentence. "Not recorded yet" and NKA are states of their own; severity has no default (a severe
 * allergy typed without one must not become "unknown" quietly).
 */
export function AllergyFields(p: { value: AllergyDraft; onChange(v: AllergyDraft): void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const today = useFacilityToday();
  const v = p.value;
  const setItem = (i: number, patch: Partial<AllergyItemDraft>) => p.onChange({ ...v, items: v.items.map((item, j) => (j === i ? { ...item, ...patch } : item)) });
  return (
    <fieldset>
      <legend>{t('residents.field.allergies')}</legend>
      <SelectInput<AllergiesInput['state']>
        label={t('residents.field.allergyState')}
        name="allergies.state"
        value={v.state}
        // Choosing "listed" opens the first item at once: a list is only ever of items.
        onChange={(state) => p.onChange({ ...v, state, items: state === 'listed' && v.items.length === 0 ? [blankItem()] : v.items })}
        options={(['not_recorded', 'nka', 'listed'] as const).map((s) => ({ value: s, label: t(`residents.value.allergyState.${s}`) }))}
        error={p.errors['allergies']}
      />
      {v.state === 'nka' ? (
        <DateField label={t('residents.field.allergyRecordedOn')} name="allergies.recordedOn" value={v.recordedOn} onChange={(recordedOn) => p.onChange({ ...v, recordedOn })} bounds={{ max: today }} required />
      ) : null}
      {v.state === 'listed' ? (
        <>
          {p.errors['allergies.items'] ? <p className="field-error">{p.errors['allergies.items']}</p> : null}
          {v.items.map((item, i) => (
            <fieldset key={i} className="allergy-item-fields">
              <legend>{t('residents.allergy.itemN', { n: i + 1 })}</legend>
              <div className="row allergy-item-row">
                <TextInput label={t('residents.field.allergySubstance')} name={`allergies.items.${i}.substance`} value={item.substance} onChange={(substance) => setItem(i, { substance })} required maxLength={residentTextMax.allergySubstance} />
                <TextInput label={t('residents.field.allergyReaction')} name={`allergies.items.${i}.reaction`} value={item.reaction} onChange={(reaction) => setItem(i, { reaction })} maxLength={residentTextMax.allergyReaction} />
                <SelectInput<AllergySeverity | ''>
                  label={t('residents.field.allergySeverity')}
                  name={`allergies.items.${i}.severity`}
                  value={item.severity}
                  onChange={(severity) => setItem(i, { severity })}
                  options={[{ value: '', label: t('residents.allergy.chooseSeverity') }, ...allergySeverities.map((s) => ({ value: s, label: t(`residents.value.severity.${s}`) }))]}
                  required
                />
                <Button onPress={() => p.onChange({ ...v, items: v.items.filter((_, j) => j !== i) })}>{t('residents.allergy.remove', { n: i + 1 })}</Button>
              </div>
            </fieldset>
          ))}
          <Button onPress={() => p.onChange({ ...v, items: [...v.items, blankItem()] })}>{t('residents.allergy.add')}</Button>
        </>
      ) : null}
    </fieldset>
  );
}

/** The contract's allergy record from the form: items as typed, no severity chosen sent as missing. */
export function allergiesInput(v: AllergyDraft): AllergiesInput {
  if (v.state === 'nka') return { state: 'nka', recordedOn: v.recordedOn };
  if (v.state === 'listed') return { state: 'listed', items: v.items.map((i) => ({ substance: i.substance, reaction: i.reaction, severity: (i.severity || undefined) as AllergySeverity })) };
  return { state: 'not_recorded' };
}

type AdmitForm = {
  legalGiven: string;
  legalFamily: string;
  preferredName: string;
  dateOfBirth: string;
  sex: Sex;
  recordNumber: string;
  admittedOn: string;
  codeStatus: CodeStatus | '';
  unitId: number | null;
  bedId: number | null;
  allergy: AllergyDraft;
};

/** The admission form's draft, kept across an idle lock (see app/drafts). */
export const ADMIT_DRAFT = 'residents.admit';

export function AdmitDialog(p: { facility: Facility | null; initial?: { unitId: number; bedId: number }; onClose(): void; onDone(d: ResidentDetail): void }) {
  const { t } = useTranslation();
  const labels = useFieldLabels();
  const today = useFacilityToday();
  const draft = useDraft<AdmitForm>(
    ADMIT_DRAFT,
    () => ({
      legalGiven: '',
      legalFamily: '',
      preferredName: '',
      dateOfBirth: '',
      sex: 'unknown',
      recordNumber: '',
      admittedOn: today,
      codeStatus: '',
      unitId: p.initial?.unitId ?? p.facility?.units.find((u) => u.active)?.id ?? null,
      bedId: p.initial?.bedId ?? null,
      allergy: { state: 'not_recorded', recordedOn: today, items: [] },
    }),
    // The first free bed is the form's own choice, not typed work.
    ({ bedId: _bed, ...typed }) => typed,
  );
  const f = draft.value;
  const [error, setError] = useState<AppError | null>(null);
  const errors = fieldErrors(error);
  const set = <K extends keyof AdmitForm>(k: K) => (v: AdmitForm[K]) => draft.set((x) => ({ ...x, [k]: v }));
  return (
    <FormDialog
      title={t('residents.dialog.admitTitle')}
      submitLabel={t('residents.admit')}
      error={error}
      labels={labels}
      dirty={draft.dirty}
      restored={draft.restored}
      onDiscard={draft.discard}
      onClose={p.onClose}
      onSubmit={async () => {
        const { allergy, unitId, bedId, codeStatus, ...identity } = f;
        const r = await call('residents.admit', {
          ...identity,
          // Nothing chosen is sent as missing, so main says "Required", not "choose a listed value".
          codeStatus: (codeStatus || undefined) as CodeStatus,
          // No unit or bed chosen is sent as missing: main says "Required", not "at least 0".
          unitId: (unitId ?? undefined) as number,
          bedId: (bedId ?? undefined) as number,
          allergies: allergiesInput(allergy),
        });
        if (r.ok) {
          draft.discard();
          p.onDone(r.value);
        } else setError(r.error);
      }}
    >
      <div className="row">
        <TextInput label={labels.legalGiven!} name="legalGiven" value={f.legalGiven} onChange={set('legalGiven')} autoFocus required maxLength={residentTextMax.legalGiven} />
        <TextInput label={labels.legalFamily!} name="legalFamily" value={f.legalFamily} onChange={set('legalFamily')} required maxLength={residentTextMax.legalFamily} />
        <TextInput label={labels.preferredName!} name="preferredName" value={f.preferredName} onChange={set('preferredName')} maxLength={residentTextMax.preferredName} />
      </div>
      <div className="row">
        <DateField label={labels.dateOfBirth!} name="dateOfBirth" value={f.dateOfBirth} onChange={set('dateOfBirth')} bounds={dateOfBirthBounds(today)} required />
        <SelectInput<Sex> label={labels.sex!} name="sex" value={f.sex} onChange={set('sex')} options={sexes.map((s) => ({ value: s, label: t(`residents.value.sex.${s}`) }))} />
        <TextInput label={labels.recordNumber!} name="recordNumber" value={f.recordNumber} onChange={set('recordNumber')} required maxLength={residentTextMax.recordNumber} />
      </div>
      <BedPicker facility={p.facility} unitId={f.unitId} bedId={f.bedId} onChange={(unitId, bedId) => draft.set((x) => ({ ...x, unitId, bedId }))} required />
      <div className="row">
        <DateField label={labels.admittedOn!} name="admittedOn" value={f.admittedOn} onChange={set('admittedOn')} bounds={{ max: today }} required />
        <SelectInput<CodeStatus | ''>
          label={labels.codeStatus!}
          name="codeStatus"
          value={f.codeStatus}
          onChange={set('codeStatus')}
          options={[{ value: '', label: t('residents.chooseCodeStatus') }, ...codeStatuses.map((c) => ({ value: c, label: t(`residents.value.codeStatus.${c}`) }))]}
          required
        />
      </div>
      <AllergyFields value={f.allergy} onChange={(allergy) => draft.set((x) => ({ ...x, allergy }))} errors={errors} />
    </FormDialog>
  );
}

export function TransferDialog(p: { resident: ResidentDetail; facility: Facility | null; onClose(): void; onDone(d: ResidentDetail): void }) {
  const { t } = useTranslation();
  const labels = useFieldLabels();
  const today = useFacilityToday();
  const [unitId, setUnitId] = useState<number | null>(p.resident.location?.unitId ?? null);
  const [bedId, setBedId] = useState<number | null>(null);
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const errors = fieldErrors(error);
  return (
    <FormDialog
      title={t('residents.dialog.transferTitle', { name: residentName(p.resident) })}
      dirty={note.trim() !== '' || date !== today}
      submitLabel={t('residents.page.transfer')}
      error={error}
      labels={{ ...labels, bedId: t('residents.dialog.newBed') }}
      onClose={p.onClose}
      onSubmit={async () => {
        const r = await call('residents.transfer', { id: p.resident.id, bedId: (bedId ?? undefined) as number, date, note });
        if (r.ok) p.onDone(r.value);
        else setError(r.error);
      }}
    >
      <p>{placeText(p.resident.location)}</p>
      <BedPicker facility={p.facility} unitId={unitId} bedId={bedId} onChange={(u, b) => (setUnitId(u), setBedId(b))} bedError={errors['bedId']} bedLabel={t('residents.dialog.newBed')} required />
      <DateField label={labels.date!} name="date" value={date} onChange={setDate} bounds={{ max: today }} required autoFocus />
      <TextInput label={labels.note!} name="note" value={note} onChange={setNote} maxLength={residentTextMax.note} />
    </FormDialog>
  );
}

export type StatusAction = 'hospital' | 'leave' | 'return' | 'discharge' | 'readmit' | 'deceased';
const targetOf: Record<StatusAction, ResidentStatus> = { hospital: 'hospital', leave: 'leave', return: 'active', discharge: 'discharged', readmit: 'active', deceased: 'deceased' };

/** Status changes that end a stay and free the bed: they are confirmed in a step of their own. */
const CONFIRMED: readonly StatusAction[] = ['discharge', 'deceased'];

export function StatusDialog(p: { action: StatusAction; resident: ResidentDetail; facility: Facility | null; onClose(): void; onDone(d: ResidentDetail): void }) {
  const { t, i18n } = useTranslation();
  const labels = useFieldLabels();
  const today = useFacilityToday();
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const [unitId, setUnitId] = useState<number | null>(p.facility?.units.find((u) => u.active)?.id ?? null);
  const [bedId, setBedId] = useState<number | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [confirming, setConfirming] = useState(false);
  const errors = fieldErrors(error);
  const actionLabel = t(`residents.page.${p.action}`);
  const r = p.resident;
  const send = async (): Promise<AppError | null> => {
    const res = await call('residents.changeStatus', { id: r.id, status: targetOf[p.action], date, note, bedId: p.action === 'readmit' ? bedId : null });
    if (res.ok) {
      p.onDone(res.value);
      return null;
    }
    setError(res.error);
    setConfirming(false); // the problem is shown beside its field in the form
    return null;
  };
  const confirmAction = p.action === 'deceased' ? 'deceased' : 'discharge';
  return (
    <FormDialog
      title={t('residents.dialog.statusTitle', { action: actionLabel, name: residentName(r) })}
      submitLabel={actionLabel}
      error={error}
      labels={labels}
      dirty={note.trim() !== '' || date !== today}
      onClose={p.onClose}
      onSubmit={async () => {
        if (CONFIRMED.includes(p.action)) setConfirming(true);
        else await send();
      }}
    >
      <DateField label={labels.date!} name="date" value={date} onChange={setDate} bounds={{ max: today }} required autoFocus />
      {p.action === 'readmit' ? <BedPicker facility={p.facility} unitId={unitId} bedId={bedId} onChange={(u, b) => (setUnitId(u), setBedId(b))} bedError={errors['bedId']} required /> : null}
      <TextInput label={labels.note!} name="note" value={note} onChange={setNote} maxLength={residentTextMax.note} />
      {confirming ? (
        <ConfirmDialog
          title={t(`residents.confirm.${confirmAction}.title`, { name: residentName(r) })}
          confirmLabel={t(`residents.confirm.${confirmAction}.confirm`, { name: residentName(r) })}
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={send}
        >
          <p className="confirm-who">
            <strong>{residentName(r)}</strong> · {placeText(r.location)} · {dobWithAge(r, i18n.language)} · {r.recordNumber}
          </p>
          <p>{t(`residents.confirm.${confirmAction}.when`, { date: formatDate(date, i18n.language) })}</p>
          <p>{t(`residents.confirm.${confirmAction}.effect`, { name: residentName(r), bed: r.location ? `${r.location.roomLabel}-${r.location.bedLabel}` : t('residents.noBed') })}</p>
        </ConfirmDialog>
      ) : null}
    </FormDialog>
  );
}
