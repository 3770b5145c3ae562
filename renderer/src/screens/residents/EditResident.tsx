import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { ContactInput, ResidentDetail } from '../../../../shared/contract/residents';
import {
  codeStatusForms,
  codeStatuses,
  contactRoles,
  dietTypes,
  iddsiDrinkLevels,
  iddsiFoodLevels,
  isolationPrecautions,
  mobilityAids,
  riskLevels,
  sexes,
  transferAssists,
  type CodeStatusForm,
} from '../../../../shared/domain/residents/vocabulary';
import type { AppError } from '../../../../shared/result';
import { residentTextMax } from '../../../../shared/domain/residents/text-limits';
import { call } from '../../api/client';
import { useDraft } from '../../app/drafts';
import { dateOfBirthBounds, useFacilityToday } from '../../app/facility';
import { useCan } from '../../app/session';
import { DateField } from '../../components/DateField';
import { CheckInput, Notice, SelectInput, TextInput } from '../../components/fields';
import { FormDialog } from '../../components/FormDialog';
import { fieldErrors, useTranslation } from '../../i18n';
import { AllergyFields, allergiesInput, allergyDraftOf, useFieldLabels, type AllergyDraft } from './dialogs';
import { residentName } from './format';

type Contact = { role: ContactInput['role']; name: string; relationship: string; phone: string; altPhone: string; emergencyOrder: string; note: string };

/** The edit form's draft for one resident, kept across an idle lock (see app/drafts). */
export const editDraftKey = (id: number) => `residents.edit.${id}`;

/** The whole record in one form; main validates it exactly as at admission and audits before/after. */
export function EditResident(p: { resident: ResidentDetail; onClose(): void; onDone(d: ResidentDetail): void; onNewer?(d: ResidentDetail): void }) {
  const [openedVersion] = useState(p.resident.version);
  const canClinical = useCan('residents.clinical');
  const { t } = useTranslation();
  const labels = useFieldLabels();
  const r = p.resident;
  const today = useFacilityToday();
  const draft = useDraft(editDraftKey(r.id), () => ({
    f: {
      legalGiven: r.legalGiven,
      legalFamily: r.legalFamily,
      preferredName: r.preferredName ?? '',
      dateOfBirth: r.dateOfBirth,
      sex: r.sex,
      recordNumber: r.recordNumber,
      codeStatus: r.codeStatus,
      codeStatusForm: (r.codeStatusForm ?? '') as CodeStatusForm | '',
      codeStatusDocumentedOn: r.codeStatusDocumentedOn ?? '',
      dietType: r.dietType,
      dietNote: r.dietNote ?? '',
      iddsiFood: r.iddsiFood,
      iddsiDrink: r.iddsiDrink,
      transfer: r.transfer,
      aid: r.aid,
      bariatric: r.bariatric,
      fallRisk: r.fallRisk,
      wanderingRisk: r.wanderingRisk,
      isolation: r.isolation,
      hearingAids: r.hearingAids ?? '',
      visionAids: r.visionAids ?? '',
      language: r.language ?? '',
      interpreterNeeded: r.interpreterNeeded,
      physicianName: r.physicianName ?? '',
      physicianPhone: r.physicianPhone ?? '',
      pharmacyName: r.pharmacyName ?? '',
      pharmacyPhone: r.pharmacyPhone ?? '',
    },
    allergy: { state: r.allergies.state, recordedOn: r.allergies.recordedOn ?? today, items: allergyDraftOf(r.allergyItems) } as AllergyDraft,
    contacts: r.contacts.map(
      (c): Contact => ({ role: c.role, name: c.name, relationship: c.relationship ?? '', phone: c.phone ?? '', altPhone: c.altPhone ?? '', emergencyOrder: c.emergencyOrder === null ? '' : String(c.emergencyOrder), note: c.note ?? '' }),
    ),
  }));
  const { f, allergy, contacts } = draft.value;
  type Fields = typeof f;
  const setContacts = (update: (cs: Contact[]) => Contact[]) => draft.set((d) => ({ ...d, contacts: update(d.contacts) }));
  const [error, setError] = useState<AppError | null>(null);
  const errors = fieldErrors(error);
  const set = <K extends keyof Fields>(k: K) => (v: Fields[K]) => draft.set((d) => ({ ...d, f: { ...d.f, [k]: v } }));
  // Keys built from a vocabulary group; every group/value pair exists in the catalog (typed there).
  const tk = t as unknown as (key: string) => string;
  const opts = <V extends string>(values: readonly V[], group: string) => values.map((v) => ({ value: v, label: tk(`residents.value.${group}.${v}`) }));
  // An assessment: "Not assessed" first and chosen until a nurse records a value — never a default.
  const assessment = <K extends 'dietType' | 'iddsiFood' | 'iddsiDrink' | 'transfer' | 'aid' | 'fallRisk' | 'wanderingRisk' | 'isolation'>(k: K, values: readonly NonNullable<Fields[K]>[], group: string) => (
    <SelectInput<NonNullable<Fields[K]> | ''>
      label={labels[k]!}
      name={k}
      value={(f[k] ?? '') as NonNullable<Fields[K]> | ''}
      onChange={(v) => set(k)((v === '' ? null : v) as Fields[K])}
      options={[{ value: '', label: t('residents.notAssessed') }, ...opts(values, group)]}
    />
  );
  const text = (k: 'legalGiven' | 'legalFamily' | 'preferredName' | 'recordNumber' | 'dietNote' | 'hearingAids' | 'visionAids' | 'language' | 'physicianName' | 'physicianPhone' | 'pharmacyName' | 'pharmacyPhone', required = false) => (
    <TextInput label={labels[k]!} name={k} value={f[k]} onChange={set(k)} required={required} maxLength={residentTextMax[k]} />
  );
  const setContact = (i: number, patch: Partial<Contact>) => setContacts((cs) => cs.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const contactMax = { name: residentTextMax.contactName, relationship: residentTextMax.contactRelationship, phone: residentTextMax.contactPhone };

  return (
    <FormDialog
      title={`${t('residents.page.edit')}: ${residentName(r)}`}
      submitLabel={t('residents.dialog.save')}
      error={error}
      labels={labels}
      dirty={draft.dirty}
      restored={draft.restored}
      onDiscard={draft.discard}
      onClose={p.onClose}
      onReviewNewer={async () => {
        const fresh = await call('residents.get', { id: r.id });
        if (!fresh.ok) return setError(fresh.error);
        draft.discard();
        p.onNewer?.(fresh.value);
      }}
      onSubmit={async () => {
        const res = await call('residents.update', {
          id: r.id,
          // The version this form was opened on, even if the page behind it refreshed since.
          expectedVersion: openedVersion,
          ...f,
          codeStatusForm: f.codeStatusForm === '' ? null : f.codeStatusForm,
          codeStatusDocumentedOn: f.codeStatusDocumentedOn === '' ? null : f.codeStatusDocumentedOn,
          allergies: allergiesInput(allergy),
          contacts: contacts.map((c) => ({ ...c, emergencyOrder: c.emergencyOrder === '' ? null : Number(c.emergencyOrder) })),
        });
        if (res.ok) {
          draft.discard();
          p.onDone(res.value);
        } else setError(res.error);
      }}
    >
      <fieldset>
        <legend>{t('residents.page.identity')}</legend>
        <div className="row">
          {text('legalGiven', true)}
          {text('legalFamily', true)}
          {text('preferredName')}
        </div>
        <div className="row">
          <DateField label={labels.dateOfBirth!} name="dateOfBirth" value={f.dateOfBirth} onChange={set('dateOfBirth')} bounds={dateOfBirthBounds(today)} required />
          <SelectInput label={labels.sex!} name="sex" value={f.sex} onChange={set('sex')} options={opts(sexes, 'sex')} />
          {text('recordNumber', true)}
        </div>
      </fieldset>
      {/* A disabled fieldset disables every control in it: clinical fields are read-only for non-nurses. */}
      <fieldset className="plain" disabled={!canClinical}>
        <legend className="visually-hidden">{t('residents.page.clinical')}</legend>
        {canClinical ? null : <Notice tone="info">{t('residents.clinicalReadOnly')}</Notice>}
        <fieldset>
          <legend>{t('residents.codeStatus')}</legend>
          <div className="row">
            <SelectInput label={labels.codeStatus!} name="codeStatus" value={f.codeStatus} onChange={set('codeStatus')} options={opts(codeStatuses, 'codeStatus')} />
            <SelectInput label={labels.codeStatusForm!} name="codeStatusForm" value={f.codeStatusForm} onChange={set('codeStatusForm')} options={[{ value: '', label: t('residents.value.codeStatusForm.none') }, ...opts(codeStatusForms, 'codeStatusForm')]} />
            <DateField label={labels.codeStatusDocumentedOn!} name="codeStatusDocumentedOn" value={f.codeStatusDocumentedOn} onChange={set('codeStatusDocumentedOn')} bounds={{ max: today }} />
          </div>
        </fieldset>
        <AllergyFields value={allergy} onChange={(a) => draft.set((d) => ({ ...d, allergy: a }))} errors={errors} />
        <fieldset>
          <legend>{t('residents.page.clinical')}</legend>
          <div className="row">
            {assessment('dietType', dietTypes, 'dietType')}
            {assessment('iddsiFood', iddsiFoodLevels, 'iddsiFood')}
            {assessment('iddsiDrink', iddsiDrinkLevels, 'iddsiDrink')}
          </div>
          {text('dietNote')}
          <div className="row">
            {assessment('transfer', transferAssists, 'transfer')}
            {assessment('aid', mobilityAids, 'aid')}
            {/* Yes / no / not assessed: an unticked box would claim "not bariatric" without anyone checking. */}
            <SelectInput<'' | 'yes' | 'no'>
              label={labels.bariatric!}
              name="bariatric"
              value={f.bariatric === null ? '' : f.bariatric ? 'yes' : 'no'}
              onChange={(v) => set('bariatric')(v === '' ? null : v === 'yes')}
              options={[
                { value: '', label: t('residents.notAssessed') },
                { value: 'yes', label: t('residents.yes') },
                { value: 'no', label: t('residents.no') },
              ]}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('residents.page.risks')}</legend>
          <div className="row">
            {assessment('fallRisk', riskLevels, 'risk')}
            {assessment('wanderingRisk', riskLevels, 'risk')}
            {assessment('isolation', isolationPrecautions, 'isolation')}
          </div>
        </fieldset>
      </fieldset>
      <fieldset>
        <legend>{t('residents.page.communication')}</legend>
        <div className="row">
          {text('hearingAids')}
          {text('visionAids')}
        </div>
        <div className="row">
          {text('language')}
          <CheckInput label={labels.interpreterNeeded!} name="interpreterNeeded" checked={f.interpreterNeeded} onChange={set('interpreterNeeded')} />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('residents.page.care')}</legend>
        <div className="row">
          {text('physicianName')}
          {text('physicianPhone')}
        </div>
        <div className="row">
          {text('pharmacyName')}
          {text('pharmacyPhone')}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('residents.page.contacts')}</legend>
        {contacts.map((c, i) => (
          <fieldset key={i}>
            <legend>{t('residents.page.contactN', { n: i + 1 })}</legend>
            <div className="row">
              <SelectInput label={t('residents.page.role')} name={`contacts.${i}.role`} value={c.role} onChange={(role) => setContact(i, { role })} options={opts(contactRoles, 'contactRole')} />
              <TextInput label={t('residents.page.name')} name={`contacts.${i}.name`} value={c.name} onChange={(name) => setContact(i, { name })} required maxLength={contactMax.name} />
              <TextInput label={t('residents.page.relationship')} name={`contacts.${i}.relationship`} value={c.relationship} onChange={(relationship) => setContact(i, { relationship })} maxLength={contactMax.relationship} />
            </div>
            <div className="row">
              <TextInput label={t('residents.page.phone')} name={`contacts.${i}.phone`} value={c.phone} onChange={(phone) => setContact(i, { phone })} maxLength={contactMax.phone} />
              <TextInput label={t('residents.page.altPhone')} name={`contacts.${i}.altPhone`} value={c.altPhone} onChange={(altPhone) => setContact(i, { altPhone })} maxLength={contactMax.phone} />
              <TextInput label={t('residents.page.emergencyOrder')} name={`contacts.${i}.emergencyOrder`} type="number" value={c.emergencyOrder} onChange={(emergencyOrder) => setContact(i, { emergencyOrder })} />
            </div>
            <Button onPress={() => setContacts((cs) => cs.filter((_, j) => j !== i))}>{t('residents.page.removeContact', { n: i + 1 })}</Button>
          </fieldset>
        ))}
        <Button onPress={() => setContacts((cs) => [...cs, { role: 'family', name: '', relationship: '', phone: '', altPhone: '', emergencyOrder: '', note: '' }])}>{t('residents.page.addContact')}</Button>
      </fieldset>
    </FormDialog>
  );
}
