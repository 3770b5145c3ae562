import { useCallback, useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import type { Facility } from '../../../../shared/contract/facility';
import type { Staff, TrainingRecord } from '../../../../shared/contract/training';
import type { User } from '../../../../shared/contract/users';
import type { StaffRole } from '../../../../shared/domain/training/vocabulary';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';
import { useDates } from '../../app/dates';
import { useCan } from '../../app/session';
import { useFacilityToday } from '../../app/facility';
import { DateField } from '../../components/DateField';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CheckInput, Notice, SelectInput, TextInput } from '../../components/fields';
import { FormDialog } from '../../components/FormDialog';
import { Pager } from '../../components/Pager';
import { errorText, fieldText, useTranslation } from '../../i18n';
import { VoidableListDialog, downloadBase64, facilityToday, fileToBase64, unitOptionsOf, useRoleOptions, useVoidableRows } from './common';
import { LicencesDialog } from './LicencesDialog';
import { RecordDialog } from './RecordDialog';

const PAGE = 50;

type Editing = { kind: 'create' } | { kind: 'edit'; staff: Staff } | { kind: 'records'; staff: Staff } | { kind: 'licences'; staff: Staff } | { kind: 'deactivate'; staff: Staff } | null;

export function StaffPanel({ facility }: { facility: Facility }) {
  const { t } = useTranslation();
  const { date } = useDates();
  const canWrite = useCan('training.write');
  const [query, setQuery] = useState('');
  const [unitId, setUnitId] = useState('');
  const [role, setRole] = useState<StaffRole | ''>('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ rows: Staff[]; total: number }>({ rows: [], total: 0 });
  const [error, setError] = useState<AppError | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await call('training.listStaff', { offset, limit: PAGE, query, unitId: unitId === '' ? null : Number(unitId), role: role === '' ? null : role, includeInactive });
    if (r.ok) setPage(r.value);
    setError(r.ok ? null : r.error);
  }, [offset, query, unitId, role, includeInactive]);
  useEffect(() => {
    void load();
  }, [load]);

  const roleOptions = useRoleOptions(true);
  return (
    <section aria-labelledby="staff-heading">
      <h2 id="staff-heading">{t('training.tabs.staff')}</h2>
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      <div className="toolbar">
        <TextInput label={t('training.staffEditor.search')} name="query" type="search" value={query} onChange={(v) => (setQuery(v), setOffset(0))} />
        <SelectInput label={t('training.filters.unit')} name="unitId" value={unitId} onChange={(v) => (setUnitId(v), setOffset(0))} options={unitOptionsOf(facility, t('training.filters.allUnits'))} />
        <SelectInput label={t('training.filters.role')} name="role" value={role} onChange={(v) => (setRole(v), setOffset(0))} options={roleOptions} />
        <CheckInput label={t('training.staffEditor.showInactive')} name="includeInactive" checked={includeInactive} onChange={(v) => (setIncludeInactive(v), setOffset(0))} />
        {canWrite ? (
          <Button className="primary" onPress={() => setEditing({ kind: 'create' })}>
            {t('training.staffEditor.add')}
          </Button>
        ) : null}
      </div>
      <table className="data">
        <caption className="visually-hidden">{t('training.tabs.staff')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('training.staffEditor.name')}</th>
            <th scope="col">{t('training.staffEditor.employeeId')}</th>
            <th scope="col">{t('training.staffEditor.role')}</th>
            <th scope="col">{t('training.staffEditor.unit')}</th>
            <th scope="col">{t('training.staffEditor.hireDate')}</th>
            <th scope="col">{t('training.staffEditor.status')}</th>
            <th scope="col">{t('training.staffEditor.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.length === 0 ? (
            <tr>
              <td colSpan={7}>{t('training.staffEditor.none')}</td>
            </tr>
          ) : null}
          {page.rows.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                {s.name}
                {s.userName ? <span className="cell-date">{s.userName}</span> : null}
              </th>
              <td>{s.employeeId}</td>
              <td>{t(`training.roles.${s.role}`)}</td>
              <td>{s.unitName ?? t('training.staffEditor.noUnit')}</td>
              <td>{date(s.hireDate)}</td>
              <td>{s.active ? t('training.staffEditor.active') : t('training.staffEditor.inactive')}</td>
              <td className="row-actions">
                <Button onPress={() => setEditing({ kind: 'records', staff: s })} aria-label={t('training.staffEditor.recordsFor', { name: s.name })}>
                  {t('training.staffEditor.records')}
                </Button>
                <Button onPress={() => setEditing({ kind: 'licences', staff: s })} aria-label={t('training.licences.for', { name: s.name })}>
                  {t('training.licences.button')}
                </Button>
                {canWrite ? (
                  <>
                    <Button onPress={() => setEditing({ kind: 'edit', staff: s })} aria-label={t('training.staffEditor.editFor', { name: s.name })}>
                      {t('training.staffEditor.edit')}
                    </Button>
                    <Button
                      aria-label={t(s.active ? 'training.staffEditor.deactivateFor' : 'training.staffEditor.reactivateFor', { name: s.name })}
                      onPress={async () => {
                        // Deactivating is confirmed in a step that names the person; reactivating undoes it.
                        if (s.active) return setEditing({ kind: 'deactivate', staff: s });
                        const r = await call('training.setStaffActive', { id: s.id, active: true });
                        if (!r.ok) return setError(r.error);
                        setNotice(t('training.staffEditor.saved'));
                        void load();
                      }}
                    >
                      {s.active ? t('training.staffEditor.deactivate') : t('training.staffEditor.reactivate')}
                    </Button>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager offset={offset} limit={PAGE} total={page.total} onChange={setOffset} />
      {editing?.kind === 'create' || editing?.kind === 'edit' ? (
        <StaffDialog
          facility={facility}
          existing={editing.kind === 'edit' ? editing.staff : undefined}
          onClose={() => setEditing(null)}
          onDone={(s) => {
            setEditing(null);
            setNotice(editing.kind === 'create' ? t('training.staffEditor.created', { name: s.name }) : t('training.staffEditor.saved'));
            void load();
          }}
        />
      ) : null}
      {editing?.kind === 'records' ? <RecordsDialog staff={editing.staff} onClose={() => setEditing(null)} /> : null}
      {editing?.kind === 'deactivate' ? (
        <ConfirmDialog
          title={t('training.staffEditor.confirmDeactivate.title', { name: editing.staff.name })}
          confirmLabel={t('training.staffEditor.confirmDeactivate.confirm', { name: editing.staff.name })}
          danger
          onCancel={() => setEditing(null)}
          onConfirm={async () => {
            const r = await call('training.setStaffActive', { id: editing.staff.id, active: false });
            if (!r.ok) return r.error;
            setEditing(null);
            setNotice(t('training.staffEditor.saved'));
            void load();
            return null;
          }}
        >
          <p className="confirm-who">
            <strong>{editing.staff.name}</strong> · {t(`training.roles.${editing.staff.role}`)} · {t('training.staffEditor.confirmDeactivate.employee', { employeeId: editing.staff.employeeId })} ·{' '}
            {editing.staff.unitName ?? t('training.staffEditor.noUnit')}
          </p>
          <p>{t('training.staffEditor.confirmDeactivate.effect', { name: editing.staff.name })}</p>
        </ConfirmDialog>
      ) : null}
      {editing?.kind === 'licences' ? <LicencesDialog staff={editing.staff} today={facilityToday(facility.timeZone)} onClose={() => setEditing(null)} /> : null}
    </section>
  );
}

function StaffDialog(p: { facility: Facility; existing: Staff | undefined; onClose(): void; onDone(s: Staff): void }) {
  const { t } = useTranslation();
  const today = useFacilityToday();
  const canListUsers = useCan('users.read');
  const e = p.existing;
  const [name, setName] = useState(e?.name ?? '');
  const [role, setRole] = useState<StaffRole | ''>(e?.role ?? 'cna');
  const [employeeId, setEmployeeId] = useState(e?.employeeId ?? '');
  const [hireDate, setHireDate] = useState(e?.hireDate ?? '');
  const [unitId, setUnitId] = useState(e?.unitId === null || e === undefined ? '' : String(e.unitId));
  const [userId, setUserId] = useState(e?.userId === null || e === undefined ? '' : String(e.userId));
  const [users, setUsers] = useState<User[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const roleChoices = useRoleOptions(false);
  useEffect(() => {
    if (canListUsers) void call('users.list', { limit: 500 }).then((r) => (r.ok ? setUsers(r.value.rows) : undefined));
  }, [canListUsers]);
  const labels = {
    name: t('training.staffEditor.name'),
    role: t('training.staffEditor.role'),
    employeeId: t('training.staffEditor.employeeId'),
    hireDate: t('training.staffEditor.hireDate'),
    unitId: t('training.staffEditor.unit'),
    userId: t('training.staffEditor.linkedUser'),
  };
  const errorOf = (path: string) => {
    const f = error?.fields?.find((x) => x.path === path);
    return f ? fieldText(f) : undefined;
  };
  return (
    <FormDialog
      title={e ? t('training.staffEditor.editFor', { name: e.name }) : t('training.staffEditor.add')}
      submitLabel={t('admin.save')}
      error={error}
      labels={labels}
      onClose={p.onClose}
      onSubmit={async () => {
        const input = {
          name,
          role: (role || 'cna') as StaffRole,
          employeeId,
          hireDate,
          unitId: unitId === '' ? null : Number(unitId),
          userId: userId === '' ? null : Number(userId),
        };
        const r = e ? await call('training.updateStaff', { id: e.id, expectedVersion: e.version, ...input }) : await call('training.createStaff', input);
        if (r.ok) p.onDone(r.value);
        else setError(r.error);
      }}
    >
      <TextInput label={labels.name} name="name" value={name} onChange={setName} autoFocus required maxLength={120} />
      <SelectInput label={labels.role} name="role" value={role} onChange={setRole} options={roleChoices} error={errorOf('role')} required />
      <TextInput label={labels.employeeId} name="employeeId" value={employeeId} onChange={setEmployeeId} required maxLength={40} />
      <DateField label={labels.hireDate} name="hireDate" value={hireDate} onChange={setHireDate} bounds={{ max: today }} required />
      <SelectInput label={labels.unitId} name="unitId" value={unitId} onChange={setUnitId} options={unitOptionsOf(p.facility, t('training.staffEditor.noUnit'))} error={errorOf('unitId')} />
      {canListUsers ? (
        <SelectInput
          label={labels.userId}
          name="userId"
          value={userId}
          onChange={setUserId}
          error={errorOf('userId')}
          options={[{ value: '', label: t('training.staffEditor.noUser') }, ...users.map((u) => ({ value: String(u.id), label: `${u.displayName} (${u.username})` }))]}
        />
      ) : null}
    </FormDialog>
  );
}

/** One person's records: correct, void (kept, never deleted), attach and open certificate scans. */
function RecordsDialog({ staff, onClose }: { staff: Staff; onClose(): void }) {
  const { t } = useTranslation();
  const { date, dateTime } = useDates();
  const canWrite = useCan('training.write');
  const { rows, error, setError, includeVoided, setIncludeVoided, load } = useVoidableRows((v) => call('training.listRecords', { staffId: staff.id, includeVoided: v, limit: 200 }), staff.id);
  const [notice, setNotice] = useState<string | null>(null);
  const [action, setAction] = useState<{ kind: 'edit' | 'void' | 'attach' | 'add'; record?: TrainingRecord } | null>(null);

  if (action?.kind === 'add' || action?.kind === 'edit') {
    return (
      <RecordDialog
        staffId={staff.id}
        existing={action.record}
        onClose={() => setAction(null)}
        onDone={(r) => {
          setAction(null);
          setNotice(t('training.record.saved', { name: staff.name, course: r.courseName, date: date(r.completedOn) }));
          void load();
        }}
      />
    );
  }
  if (action?.kind === 'void' && action.record) {
    return <VoidDialog record={action.record} onClose={() => setAction(null)} onDone={() => (setAction(null), setNotice(t('training.record.voided')), void load())} />;
  }
  if (action?.kind === 'attach' && action.record) {
    return (
      <AttachDialog
        record={action.record}
        onClose={() => setAction(null)}
        onDone={(file) => (setAction(null), setNotice(t('training.record.attached', { file })), void load())}
      />
    );
  }
  const columns = ['course', 'completedOn', 'expiresOn', 'hours', 'provider', 'certificateNumber', 'source', 'actions'].map((k) => t(`training.record.${k}`));
  return (
    <VoidableListDialog
      title={t('training.record.records', { name: staff.name })}
      notice={notice}
      error={error}
      showVoidedLabel={t('training.record.showVoided')}
      includeVoided={includeVoided}
      onIncludeVoided={setIncludeVoided}
      addLabel={t('training.record.title')}
      onAdd={canWrite ? () => setAction({ kind: 'add' }) : null}
      columns={columns}
      emptyText={t('training.record.noRecords')}
      isEmpty={rows !== null && rows.length === 0}
      onClose={onClose}
    >
      {(rows ?? []).map((r) => (
        <tr key={r.id} className={r.voidedAt ? 'voided' : undefined}>
          <th scope="row">
            {r.courseName}
            {r.voidedAt ? <span className="cell-date">{t('training.record.voidedOn', { date: dateTime(r.voidedAt), reason: r.voidReason })}</span> : null}
          </th>
          <td>{date(r.completedOn)}</td>
          <td>{r.expiresOn ? date(r.expiresOn) : t('training.record.never')}</td>
          <td>{r.hours ?? ''}</td>
          <td>{r.provider ?? ''}</td>
          <td>{r.certificateNumber ?? ''}</td>
          <td>
            {t(`training.record.sources.${r.source}`)}
            {r.verifiedByName ? <span className="cell-date">{r.verifiedByName}</span> : null}
          </td>
          <td className="row-actions">
            {r.certificates.map((c) => (
              <Button
                key={c.id}
                aria-label={t('training.record.open', { file: c.fileName })}
                onPress={async () => {
                  const got = await call('training.getCertificate', { id: c.id });
                  if (got.ok) downloadBase64(got.value.fileName, got.value.dataBase64, got.value.mimeType);
                  else setError(got.error);
                }}
              >
                {c.fileName}
              </Button>
            ))}
            {canWrite && !r.voidedAt ? (
              <>
                {/* Attendance at a session is voided, never edited alone (the server refuses it too). */}
                {r.sessionId === null ? (
                  <Button onPress={() => setAction({ kind: 'edit', record: r })} aria-label={`${t('training.staffEditor.edit')} ${r.courseName} ${date(r.completedOn)}`}>
                    {t('training.staffEditor.edit')}
                  </Button>
                ) : null}
                <Button onPress={() => setAction({ kind: 'attach', record: r })} aria-label={t('training.record.attachFor', { course: r.courseName, date: date(r.completedOn) })}>
                  {t('training.record.attach')}
                </Button>
                <Button onPress={() => setAction({ kind: 'void', record: r })} aria-label={t('training.record.voidFor', { course: r.courseName, date: date(r.completedOn) })}>
                  {t('training.record.void')}
                </Button>
              </>
            ) : null}
          </td>
        </tr>
      ))}
    </VoidableListDialog>
  );
}

function VoidDialog(p: { record: TrainingRecord; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const { date } = useDates();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const labels = { reason: t('training.record.voidReason') };
  return (
    <FormDialog
      title={t('training.record.voidFor', { course: p.record.courseName, date: date(p.record.completedOn) })}
      submitLabel={t('training.record.voidConfirm')}
      error={error}
      labels={labels}
      onClose={p.onClose}
      onSubmit={async () => {
        const r = await call('training.voidRecord', { id: p.record.id, reason });
        if (r.ok) p.onDone();
        else setError(r.error);
      }}
    >
      <TextInput label={labels.reason} name="reason" value={reason} onChange={setReason} autoFocus required maxLength={200} />
    </FormDialog>
  );
}

function AttachDialog(p: { record: TrainingRecord; onClose(): void; onDone(fileName: string): void }) {
  const { t } = useTranslation();
  const { date } = useDates();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const labels = { file: t('training.record.fileLabel') };
  const problem = error?.fields?.find((f) => f.path === 'file');
  return (
    <FormDialog
      title={t('training.record.attachFor', { course: p.record.courseName, date: date(p.record.completedOn) })}
      submitLabel={t('training.record.attach')}
      error={error}
      labels={labels}
      onClose={p.onClose}
      onSubmit={async () => {
        if (!file) return setError({ code: 'validation', message: 'error.validation', fields: [{ path: 'file', code: 'required' }] });
        const dataBase64 = await fileToBase64(file);
        const r = await call('training.attachCertificate', { recordId: p.record.id, fileName: file.name, mimeType: file.type, dataBase64 });
        if (r.ok) p.onDone(r.value.fileName);
        else setError(r.error);
      }}
    >
      <div className="field">
        <label htmlFor="certificate-file">{labels.file}</label>
        <input
          id="certificate-file"
          type="file"
          accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"
          aria-describedby="certificate-hint"
          aria-invalid={problem ? true : undefined}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <span id="certificate-hint" className="description">
          {t('training.record.certificateHint')}
        </span>
        {problem ? <span className="field-error">{fieldText(problem)}</span> : null}
      </div>
    </FormDialog>
  );
}
