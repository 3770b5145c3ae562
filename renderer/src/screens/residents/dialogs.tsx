import { useState } from 'react';
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
import { call } from '../../api/client';
import { SelectInput, TextInput } from '../../components/fields';
import { FormDialog } from '../../components/FormDialog';
import { fieldErrors, useTranslation } from '../../i18n';
import { BedPicker } from './BedPicker';
import { localToday, placeText, residentName } from './format';

/** Labels for the error summary, keyed by the contract's field paths. */
export function useFieldLabels(): Record<string, string> {
  const { t } = useTranslation();
  const keys = ['legalGiven', 'legalFamily', 'preferredName', 'dateOfBirth', 'sex', 'recordNumber', 'unitId', 'bedId', 'admittedOn', 'codeStatus', 'codeStatusForm', 'codeStatusDocumentedOn', 'allergies', 'dietType', 'dietNote', 'iddsiFood', 'iddsiDrink', 'transfer', 'aid', 'bariatric', 'fallRisk', 'wanderingRisk', 'isolation', 'hearingAids', 'visionAids', 'language', 'interpreterNeeded', 'physicianName', 'physicianPhone', 'pharmacyName', 'pharmacyPhone', 'contacts', 'date', 'note', 'status', 'id'] as const;
  const out: Record<string, string> = Object.fromEntries(keys.map((k) => [k, t(`residents.field.${k}`)]));
  out['allergies.recordedOn'] = t('residents.field.allergyRecordedOn');
  out['allergies.items'] = t('residents.field.allergyList');
  return out;
}

// Severity may be typed in the screen's language; stored values are always the English keys.
const SPANISH_SEVERITY: Record<string, AllergySeverity> = { leve: 'mild', moderada: 'moderate', moderado: 'moderate', grave: 'severe', severa: 'severe', severo: 'severe' };

/** "substance: reaction (severity)" per line, the same shape the CSV import reads. */
export function parseAllergyLines(text: string): { substance: string; reaction: string; severity: AllergySeverity }[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((line) => {
      const sev = /\(([^)]*)\)\s*$/.exec(line);
      const word = sev?.[1]?.trim().toLowerCase() ?? '';
      const severity: AllergySeverity = (allergySeverities as readonly string[]).includes(word) ? (word as AllergySeverity) : (SPANISH_SEVERITY[word] ?? 'unknown');
      const body = sev ? line.slice(0, sev.index).trim() : line;
      const colon = body.indexOf(':');
      return colon >= 0 ? { substance: body.slice(0, colon).trim(), reaction: body.slice(colon + 1).trim(), severity } : { substance: body, reaction: '', severity };
    });
}

export function allergyLines(items: ResidentDetail['allergyItems']): string {
  return items.map((i) => `${i.substance}${i.reaction ? `: ${i.reaction}` : ''}${i.severity !== 'unknown' ? ` (${i.severity})` : ''}`).join('\n');
}

export function AllergyFields(p: { state: AllergiesInput['state']; recordedOn: string; lines: string; onChange(v: { state?: AllergiesInput['state']; recordedOn?: string; lines?: string }): void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t('residents.field.allergies')}</legend>
      <SelectInput<AllergiesInput['state']>
        label={t('residents.field.allergyState')}
        name="allergies.state"
        value={p.state}
        onChange={(state) => p.onChange({ state })}
        options={(['not_recorded', 'nka', 'listed'] as const).map((s) => ({ value: s, label: t(`residents.value.allergyState.${s}`) }))}
        error={p.errors['allergies']}
      />
      {p.state === 'nka' ? <TextInput label={t('residents.field.allergyRecordedOn')} name="allergies.recordedOn" type="date" value={p.recordedOn} onChange={(recordedOn) => p.onChange({ recordedOn })} error={p.errors['allergies.recordedOn']} /> : null}
      {p.state === 'listed' ? (
        <div className="field">
          <label htmlFor="allergy-lines">{t('residents.field.allergyList')}</label>
          <textarea id="allergy-lines" rows={3} value={p.lines} onChange={(e) => p.onChange({ lines: e.target.value })} aria-invalid={p.errors['allergies.items'] ? true : undefined} />
          {p.errors['allergies.items'] ? <span className="field-error">{p.errors['allergies.items']}</span> : null}
        </div>
      ) : null}
    </fieldset>
  );
}

export function allergiesInput(state: AllergiesInput['state'], recordedOn: string, lines: string) {
  return state === 'nka' ? { state, recordedOn } : state === 'listed' ? { state, items: parseAllergyLines(lines) } : { state };
}

export function AdmitDialog(p: { facility: Facility | null; initial?: { unitId: number; bedId: number }; onClose(): void; onDone(d: ResidentDetail): void }) {
  const { t } = useTranslation();
  const labels = useFieldLabels();
  const [f, setF] = useState({ legalGiven: '', legalFamily: '', preferredName: '', dateOfBirth: '', sex: 'unknown' as Sex, recordNumber: '', admittedOn: localToday(p.facility?.timeZone), codeStatus: '' as CodeStatus | '' });
  const [unitId, setUnitId] = useState<number | null>(p.initial?.unitId ?? p.facility?.units.find((u) => u.active)?.id ?? null);
  const [bedId, setBedId] = useState<number | null>(p.initial?.bedId ?? null);
  const [allergy, setAllergy] = useState({ state: 'not_recorded' as AllergiesInput['state'], recordedOn: localToday(p.facility?.timeZone), lines: '' });
  const [error, setError] = useState<AppError | null>(null);
  const errors = fieldErrors(error);
  const set = <K extends keyof typeof f>(k: K) => (v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));
  return (
    <FormDialog
      title={t('residents.dialog.admitTitle')}
      submitLabel={t('residents.admit')}
      error={error}
      labels={labels}
      onClose={p.onClose}
      onSubmit={async () => {
        const r = await call('residents.admit', {
          ...f,
          preferredName: f.preferredName,
          codeStatus: f.codeStatus as CodeStatus,
          unitId: unitId ?? 0,
          bedId: bedId ?? 0,
          allergies: allergiesInput(allergy.state, allergy.recordedOn, allergy.lines),
        });
        if (r.ok) p.onDone(r.value);
        else setError(r.error);
      }}
    >
      <div className="row">
        <TextInput label={labels.legalGiven!} name="legalGiven" value={f.legalGiven} onChange={set('legalGiven')} autoFocus required error={errors['legalGiven']} />
        <TextInput label={labels.legalFamily!} name="legalFamily" value={f.legalFamily} onChange={set('legalFamily')} required error={errors['legalFamily']} />
        <TextInput label={labels.preferredName!} name="preferredName" value={f.preferredName} onChange={set('preferredName')} error={errors['preferredName']} />
      </div>
      <div className="row">
        <TextInput label={labels.dateOfBirth!} name="dateOfBirth" type="date" value={f.dateOfBirth} onChange={set('dateOfBirth')} required error={errors['dateOfBirth']} />
        <SelectInput<Sex> label={labels.sex!} name="sex" value={f.sex} onChange={set('sex')} options={sexes.map((s) => ({ value: s, label: t(`residents.value.sex.${s}`) }))} />
        <TextInput label={labels.recordNumber!} name="recordNumber" value={f.recordNumber} onChange={set('recordNumber')} required error={errors['recordNumber']} />
      </div>
      <BedPicker facility={p.facility} unitId={unitId} bedId={bedId} onChange={(u, b) => (setUnitId(u), setBedId(b))} unitError={errors['unitId']} bedError={errors['bedId']} />
      <div className="row">
        <TextInput label={labels.admittedOn!} name="admittedOn" type="date" value={f.admittedOn} onChange={set('admittedOn')} required error={errors['admittedOn']} />
        <SelectInput<CodeStatus | ''>
          label={labels.codeStatus!}
          name="codeStatus"
          value={f.codeStatus}
          onChange={set('codeStatus')}
          options={[{ value: '', label: '—' }, ...codeStatuses.map((c) => ({ value: c, label: t(`residents.value.codeStatus.${c}`) }))]}
          error={errors['codeStatus']}
        />
      </div>
      <AllergyFields {...allergy} onChange={(v) => setAllergy((a) => ({ ...a, ...v }))} errors={errors} />
    </FormDialog>
  );
}

export function TransferDialog(p: { resident: ResidentDetail; facility: Facility | null; onClose(): void; onDone(d: ResidentDetail): void }) {
  const { t } = useTranslation();
  const labels = useFieldLabels();
  const [unitId, setUnitId] = useState<number | null>(p.resident.location?.unitId ?? null);
  const [bedId, setBedId] = useState<number | null>(null);
  const [date, setDate] = useState(localToday(p.facility?.timeZone));
  const [note, setNote] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const errors = fieldErrors(error);
  return (
    <FormDialog
      title={t('residents.dialog.transferTitle', { name: residentName(p.resident) })}
      submitLabel={t('residents.page.transfer')}
      error={error}
      labels={{ ...labels, bedId: t('residents.dialog.newBed') }}
      onClose={p.onClose}
      onSubmit={async () => {
        const r = await call('residents.transfer', { id: p.resident.id, bedId: bedId ?? 0, date, note });
        if (r.ok) p.onDone(r.value);
        else setError(r.error);
      }}
    >
      <p>{placeText(p.resident.location)}</p>
      <BedPicker facility={p.facility} unitId={unitId} bedId={bedId} onChange={(u, b) => (setUnitId(u), setBedId(b))} bedError={errors['bedId']} bedLabel={t('residents.dialog.newBed')} />
      <TextInput label={labels.date!} name="date" type="date" value={date} onChange={setDate} required error={errors['date']} autoFocus />
      <TextInput label={labels.note!} name="note" value={note} onChange={setNote} error={errors['note']} />
    </FormDialog>
  );
}

export type StatusAction = 'hospital' | 'leave' | 'return' | 'discharge' | 'readmit' | 'deceased';
const targetOf: Record<StatusAction, ResidentStatus> = { hospital: 'hospital', leave: 'leave', return: 'active', discharge: 'discharged', readmit: 'active', deceased: 'deceased' };

export function StatusDialog(p: { action: StatusAction; resident: ResidentDetail; facility: Facility | null; onClose(): void; onDone(d: ResidentDetail): void }) {
  const { t } = useTranslation();
  const labels = useFieldLabels();
  const [date, setDate] = useState(localToday(p.facility?.timeZone));
  const [note, setNote] = useState('');
  const [unitId, setUnitId] = useState<number | null>(p.facility?.units.find((u) => u.active)?.id ?? null);
  const [bedId, setBedId] = useState<number | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const errors = fieldErrors(error);
  const actionLabel = t(`residents.page.${p.action}`);
  return (
    <FormDialog
      title={t('residents.dialog.statusTitle', { action: actionLabel, name: residentName(p.resident) })}
      submitLabel={actionLabel}
      error={error}
      labels={labels}
      onClose={p.onClose}
      onSubmit={async () => {
        const r = await call('residents.changeStatus', { id: p.resident.id, status: targetOf[p.action], date, note, bedId: p.action === 'readmit' ? bedId : null });
        if (r.ok) p.onDone(r.value);
        else setError(r.error);
      }}
    >
      <TextInput label={labels.date!} name="date" type="date" value={date} onChange={setDate} required error={errors['date'] ?? errors['status']} autoFocus />
      {p.action === 'readmit' ? <BedPicker facility={p.facility} unitId={unitId} bedId={bedId} onChange={(u, b) => (setUnitId(u), setBedId(b))} bedError={errors['bedId']} /> : null}
      <TextInput label={labels.note!} name="note" value={note} onChange={setNote} error={errors['note']} />
    </FormDialog>
  );
}

