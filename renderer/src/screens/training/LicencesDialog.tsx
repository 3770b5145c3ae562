import { useEffect, useState } from 'react';
import { useDates } from '../../app/dates';
import { Button } from 'react-aria-components';
import { DateField } from '../../components/DateField';
import type { CredentialType, Staff, StaffCredential } from '../../../../shared/contract/training';
import { CREDENTIAL_VALIDITY, US_STATES, credentialRecord } from '../../../../shared/domain/training/credentials';
import { validityStatus } from '../../../../shared/domain/training/status';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';
import { useCan, useSession } from '../../app/session';
import { SelectInput, TextInput } from '../../components/fields';
import { FormDialog } from '../../components/FormDialog';
import { fieldText, useTranslation } from '../../i18n';
import { StatusText, VoidableListDialog, useVoidableRows } from './common';

/**
 * Licences and certifications (RN/LPN licence, nurse aide registry, driver's licence, food handler card…):
 * entry, correction and void. Their status comes from the same rule as courses, with their own expiry.
 */

function issuerText(c: Pick<StaffCredential, 'issuingState' | 'issuingBody'>): string {
  return [c.issuingState, c.issuingBody].filter(Boolean).join(' · ');
}

/** Record (or correct) one licence. "Verified by" is whoever is signed in, never typed. */
export function CredentialDialog(p: { existing?: StaffCredential; staffId?: number; onClose(): void; onDone(c: StaffCredential, staffName: string): void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const e = p.existing;
  const [staff, setStaff] = useState<Staff[]>([]);
  const [types, setTypes] = useState<CredentialType[]>([]);
  const [staffId, setStaffId] = useState(String(e?.staffId ?? p.staffId ?? ''));
  const [typeId, setTypeId] = useState(String(e?.typeId ?? ''));
  const [number, setNumber] = useState(e?.number ?? '');
  const [issuingState, setIssuingState] = useState(e?.issuingState ?? '');
  const [issuingBody, setIssuingBody] = useState(e?.issuingBody ?? '');
  const [issuedOn, setIssuedOn] = useState(e?.issuedOn ?? '');
  const [expiresOn, setExpiresOn] = useState(e?.expiresOn ?? '');
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    void call('training.listStaff', { limit: 500 }).then((r) => (r.ok ? setStaff(r.value.rows) : setError(r.error)));
    void call('training.listCredentialTypes', { includeInactive: false }).then((r) => (r.ok ? setTypes(r.value.rows) : setError(r.error)));
  }, []);

  const labels = {
    staffId: t('training.licences.staff'),
    typeId: t('training.licences.type'),
    number: t('training.licences.number'),
    issuingState: t('training.licences.issuingState'),
    issuingBody: t('training.licences.issuingBody'),
    issuedOn: t('training.licences.issuedOn'),
    expiresOn: t('training.licences.expiresOn'),
  };
  const errorOf = (path: string) => {
    const f = error?.fields?.find((x) => x.path === path);
    return f ? fieldText(f) : undefined;
  };
  const bodyFirst = types.find((x) => String(x.id) === typeId)?.issuedByState === false;
  const stateOptions: { value: string; label: string }[] = [{ value: '', label: t('training.licences.noState') }, ...US_STATES.map((s) => ({ value: s, label: s }))];
  const stateSelect = <SelectInput label={labels.issuingState} name="issuingState" value={issuingState} onChange={setIssuingState} error={errorOf('issuingState')} options={stateOptions} />;

  return (
    <FormDialog
      title={e ? t('training.licences.editTitle') : t('training.licences.record')}
      submitLabel={t('training.licences.save')}
      error={error}
      labels={labels}
      onClose={p.onClose}
      onSubmit={async () => {
        const local = [...(staffId === '' ? [{ path: 'staffId', code: 'required' }] : []), ...(typeId === '' ? [{ path: 'typeId', code: 'required' }] : [])];
        if (local.length > 0) return setError({ code: 'validation', message: 'error.validation', fields: local });
        const input = { staffId: Number(staffId), typeId: Number(typeId), number, issuingState: issuingState === '' ? null : issuingState, issuingBody, issuedOn, expiresOn };
        const r = e ? await call('training.updateCredential', { id: e.id, expectedVersion: e.version, ...input }) : await call('training.createCredential', input);
        if (r.ok) p.onDone(r.value, staff.find((s) => s.id === r.value.staffId)?.name ?? '');
        else setError(r.error);
      }}
    >
      <SelectInput
        label={labels.staffId}
        name="staffId"
        value={staffId}
        onChange={setStaffId}
        error={errorOf('staffId')}
        options={[{ value: '', label: t('training.licences.chooseStaff') }, ...staff.map((s) => ({ value: String(s.id), label: `${s.name} (${s.employeeId})` }))]}
      />
      <SelectInput
        label={labels.typeId}
        name="typeId"
        value={typeId}
        onChange={setTypeId}
        error={errorOf('typeId')}
        options={[{ value: '', label: t('training.licences.chooseType') }, ...types.map((x) => ({ value: String(x.id), label: x.name }))]}
      />
      <TextInput label={labels.number} name="number" value={number} onChange={setNumber} required maxLength={40} error={errorOf('number')} />
      {/* A state-issued licence asks for the state first; a body-issued card (food handler) for the body. */}
      {bodyFirst ? null : stateSelect}
      <TextInput label={labels.issuingBody} name="issuingBody" value={issuingBody} onChange={setIssuingBody} maxLength={120} description={t('training.licences.issuingBodyHint')} error={errorOf('issuingBody')} />
      {bodyFirst ? stateSelect : null}
      <DateField label={labels.issuedOn} name="issuedOn" value={issuedOn} onChange={setIssuedOn} required error={errorOf('issuedOn')} />
      <DateField label={labels.expiresOn} name="expiresOn" value={expiresOn} onChange={setExpiresOn} required error={errorOf('expiresOn')} />
      <p className="description">{t('training.licences.expiresHint')}</p>
      <p className="description">{t('training.licences.verifiedBy', { name: user.displayName })}</p>
    </FormDialog>
  );
}

function VoidCredentialDialog(p: { credential: StaffCredential; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const labels = { reason: t('training.licences.voidReason') };
  return (
    <FormDialog
      title={t('training.licences.voidFor', { type: p.credential.typeName, number: p.credential.number })}
      submitLabel={t('training.licences.voidConfirm')}
      error={error}
      labels={labels}
      onClose={p.onClose}
      onSubmit={async () => {
        const r = await call('training.voidCredential', { id: p.credential.id, reason });
        if (r.ok) p.onDone();
        else setError(r.error);
      }}
    >
      <TextInput label={labels.reason} name="reason" value={reason} onChange={setReason} autoFocus required maxLength={200} />
    </FormDialog>
  );
}

/** One person's licences: the status each reads today, edit and void (kept, never deleted). */
export function LicencesDialog({ staff, today, onClose }: { staff: Staff; today: string; onClose(): void }) {
  const { t } = useTranslation();
  const { date } = useDates();
  const canWrite = useCan('training.write');
  const { rows, error, includeVoided, setIncludeVoided, load } = useVoidableRows((v) => call('training.listCredentials', { staffId: staff.id, includeVoided: v, limit: 200 }), staff.id);
  const [notice, setNotice] = useState<string | null>(null);
  const [action, setAction] = useState<{ kind: 'add' | 'edit' | 'void'; credential?: StaffCredential } | null>(null);

  if (action?.kind === 'add' || action?.kind === 'edit') {
    return (
      <CredentialDialog
        staffId={staff.id}
        existing={action.credential}
        onClose={() => setAction(null)}
        onDone={(c) => {
          setAction(null);
          setNotice(t('training.licences.saved', { type: c.typeName, name: staff.name }));
          void load();
        }}
      />
    );
  }
  if (action?.kind === 'void' && action.credential) {
    return <VoidCredentialDialog credential={action.credential} onClose={() => setAction(null)} onDone={() => (setAction(null), setNotice(t('training.licences.voided')), void load())} />;
  }
  const columns = ['type', 'number', 'issuedBy', 'issuedOn', 'expiresOn', 'statusToday', 'verifiedByCol', 'actions'].map((k) => t(`training.licences.${k}`));
  return (
    <VoidableListDialog
      title={t('training.licences.for', { name: staff.name })}
      notice={notice}
      error={error}
      showVoidedLabel={t('training.licences.showVoided')}
      includeVoided={includeVoided}
      onIncludeVoided={setIncludeVoided}
      addLabel={t('training.licences.record')}
      onAdd={canWrite ? () => setAction({ kind: 'add' }) : null}
      columns={columns}
      emptyText={t('training.licences.none')}
      isEmpty={rows !== null && rows.length === 0}
      onClose={onClose}
    >
      {(rows ?? []).map((c) => {
        const status = validityStatus(CREDENTIAL_VALIDITY, null, [credentialRecord(c)], today, 30).status;
        const names = { type: c.typeName, number: c.number };
        return (
          <tr key={c.id} className={c.voidedAt ? 'voided' : undefined}>
            <th scope="row">
              {c.typeName}
              {c.voidedAt ? <span className="cell-date">{t('training.licences.voidedOn', { date: c.voidedAt.slice(0, 10), reason: c.voidReason })}</span> : null}
            </th>
            <td>{c.number}</td>
            <td>{issuerText(c)}</td>
            <td>{date(c.issuedOn)}</td>
            <td>{date(c.expiresOn)}</td>
            <td>{c.voidedAt ? null : <StatusText status={status} />}</td>
            <td>{c.verifiedByName ?? ''}</td>
            <td className="row-actions">
              {canWrite && !c.voidedAt ? (
                <>
                  <Button onPress={() => setAction({ kind: 'edit', credential: c })} aria-label={t('training.licences.editFor', names)}>
                    {t('training.staffEditor.edit')}
                  </Button>
                  <Button onPress={() => setAction({ kind: 'void', credential: c })} aria-label={t('training.licences.voidFor', names)}>
                    {t('training.licences.void')}
                  </Button>
                </>
              ) : null}
            </td>
          </tr>
        );
      })}
    </VoidableListDialog>
  );
}
