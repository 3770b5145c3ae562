import { useCallback, useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import type { Course, CredentialType } from '../../../../shared/contract/training';
import { STAFF_ROLES, type StaffRole } from '../../../../shared/domain/training/vocabulary';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';
import { useCan } from '../../app/session';
import { CheckInput, Notice, SelectInput, TextInput } from '../../components/fields';
import { FormDialog } from '../../components/FormDialog';
import { errorText, useTranslation } from '../../i18n';

/** The facility's course catalog. Editing a validity never rewrites a record: every status is recomputed. */
export function CoursesPanel() {
  const { t } = useTranslation();
  const canWrite = useCan('training.write');
  const [rows, setRows] = useState<Course[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ course?: Course } | null>(null);

  const load = useCallback(async () => {
    const r = await call('training.listCourses', { includeInactive: true });
    if (r.ok) setRows(r.value.rows);
    else setError(r.error);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const validityText = (c: Course) =>
    c.validity.kind === 'months' ? t('training.courses.validityMonths', { count: c.validity.months }) : t('training.courses.validityOnce', { count: c.validity.days });

  return (
    <section aria-labelledby="courses-heading">
      <h2 id="courses-heading">{t('training.tabs.courses')}</h2>
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      {canWrite ? (
        <div className="toolbar">
          <Button className="primary" onPress={() => setEditing({})}>
            {t('training.courses.add')}
          </Button>
        </div>
      ) : null}
      <table className="data">
        <caption className="visually-hidden">{t('training.tabs.courses')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('training.courses.name')}</th>
            <th scope="col">{t('training.courses.code')}</th>
            <th scope="col">{t('training.courses.validity')}</th>
            <th scope="col">{t('training.courses.appliesTo')}</th>
            <th scope="col">{t('training.courses.inServiceYes')}</th>
            <th scope="col">{t('training.courses.status')}</th>
            {canWrite ? <th scope="col">{t('training.courses.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.name}</th>
              <td>{c.code}</td>
              <td>{validityText(c)}</td>
              <td>{c.roles.map((r) => t(`training.roles.${r}`)).join(', ')}</td>
              <td>{c.countsAsInService ? '✓' : '—'}</td>
              <td>{c.active ? t('training.courses.active') : t('training.courses.inactive')}</td>
              {canWrite ? (
                <td>
                  <Button onPress={() => setEditing({ course: c })} aria-label={t('training.courses.editFor', { name: c.name })}>
                    {t('training.courses.edit')}
                  </Button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {editing ? (
        <CourseDialog
          existing={editing.course}
          onClose={() => setEditing(null)}
          onDone={(c) => {
            setNotice(editing.course ? t('training.courses.saved') : t('training.courses.created', { name: c.name }));
            setEditing(null);
            void load();
          }}
        />
      ) : null}
      <CredentialTypesSection />
    </section>
  );
}

/** Licence and certification types: required of roles like courses; each credential states its own expiry. */
function CredentialTypesSection() {
  const { t } = useTranslation();
  const canWrite = useCan('training.write');
  const [rows, setRows] = useState<CredentialType[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ type?: CredentialType } | null>(null);
  const load = useCallback(async () => {
    const r = await call('training.listCredentialTypes', { includeInactive: true });
    if (r.ok) setRows(r.value.rows);
    else setError(r.error);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section aria-labelledby="credential-types-heading">
      <h3 id="credential-types-heading">{t('training.licences.types')}</h3>
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      {canWrite ? (
        <div className="toolbar">
          <Button onPress={() => setEditing({})}>{t('training.licences.addType')}</Button>
        </div>
      ) : null}
      <table className="data">
        <caption className="visually-hidden">{t('training.licences.types')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('training.licences.typeName')}</th>
            <th scope="col">{t('training.licences.typeCode')}</th>
            <th scope="col">{t('training.licences.issuedBy')}</th>
            <th scope="col">{t('training.licences.requiredOf')}</th>
            <th scope="col">{t('training.courses.status')}</th>
            {canWrite ? <th scope="col">{t('training.courses.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((x) => (
            <tr key={x.id}>
              <th scope="row">{x.name}</th>
              <td>{x.code}</td>
              <td>{x.issuedByState ? t('training.licences.issuedByStateYes') : t('training.licences.issuedByStateNo')}</td>
              <td>{x.roles.length > 0 ? x.roles.map((r) => t(`training.roles.${r}`)).join(', ') : t('training.licences.nobody')}</td>
              <td>{x.active ? t('training.courses.active') : t('training.courses.inactive')}</td>
              {canWrite ? (
                <td>
                  <Button onPress={() => setEditing({ type: x })} aria-label={t('training.licences.editTypeFor', { name: x.name })}>
                    {t('training.courses.edit')}
                  </Button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {editing ? (
        <CredentialTypeDialog
          existing={editing.type}
          onClose={() => setEditing(null)}
          onDone={(x) => {
            setNotice(editing.type ? t('training.licences.typeSaved') : t('training.licences.typeCreated', { name: x.name }));
            setEditing(null);
            void load();
          }}
        />
      ) : null}
    </section>
  );
}

function CredentialTypeDialog(p: { existing: CredentialType | undefined; onClose(): void; onDone(x: CredentialType): void }) {
  const { t } = useTranslation();
  const e = p.existing;
  const [code, setCode] = useState(e?.code ?? '');
  const [name, setName] = useState(e?.name ?? '');
  const [issuedByState, setIssuedByState] = useState(e?.issuedByState ?? true);
  const [roles, setRoles] = useState<Set<StaffRole>>(new Set(e?.roles ?? []));
  const [active, setActive] = useState(e?.active ?? true);
  const [error, setError] = useState<AppError | null>(null);
  const labels = { code: t('training.licences.typeCode'), name: t('training.licences.typeName'), roles: t('training.licences.requiredOf') };
  return (
    <FormDialog
      title={e ? t('training.licences.editTypeFor', { name: e.name }) : t('training.licences.addType')}
      submitLabel={t('admin.save')}
      error={error}
      labels={labels}
      onClose={p.onClose}
      onSubmit={async () => {
        const body = { name, issuedByState, roles: STAFF_ROLES.filter((r) => roles.has(r)), active };
        const r = e ? await call('training.updateCredentialType', { id: e.id, expectedVersion: e.version, ...body }) : await call('training.createCredentialType', { code, ...body });
        if (r.ok) p.onDone(r.value);
        else setError(r.error);
      }}
    >
      {e ? null : <TextInput label={labels.code} name="code" value={code} onChange={setCode} description={t('training.courses.codeHint')} autoFocus required maxLength={40} />}
      <TextInput label={labels.name} name="name" value={name} onChange={setName} autoFocus={e !== undefined} required maxLength={120} />
      <CheckInput label={t('training.licences.issuedByState')} name="issuedByState" checked={issuedByState} onChange={setIssuedByState} />
      <fieldset className="checklist">
        <legend>{labels.roles}</legend>
        {STAFF_ROLES.map((r) => (
          <CheckInput
            key={r}
            name={`role-${r}`}
            label={t(`training.roles.${r}`)}
            checked={roles.has(r)}
            onChange={(on) =>
              setRoles((prev) => {
                const next = new Set(prev);
                if (on) next.add(r);
                else next.delete(r);
                return next;
              })
            }
          />
        ))}
      </fieldset>
      <CheckInput label={t('training.courses.active')} name="active" checked={active} onChange={setActive} />
    </FormDialog>
  );
}

function CourseDialog(p: { existing: Course | undefined; onClose(): void; onDone(c: Course): void }) {
  const { t } = useTranslation();
  const e = p.existing;
  const [code, setCode] = useState(e?.code ?? '');
  const [name, setName] = useState(e?.name ?? '');
  const [kind, setKind] = useState<'months' | 'once_within_days_of_hire'>(e?.validity.kind ?? 'months');
  const [amount, setAmount] = useState(String(e ? (e.validity.kind === 'months' ? e.validity.months : e.validity.days) : 12));
  const [roles, setRoles] = useState<Set<StaffRole>>(new Set(e?.roles ?? STAFF_ROLES));
  const [countsAsInService, setCountsAsInService] = useState(e?.countsAsInService ?? false);
  const [active, setActive] = useState(e?.active ?? true);
  const [error, setError] = useState<AppError | null>(null);
  const labels = {
    code: t('training.courses.code'),
    name: t('training.courses.name'),
    'validity.kind': t('training.courses.validityKind'),
    'validity.months': t('training.courses.months'),
    'validity.days': t('training.courses.days'),
    roles: t('training.courses.appliesTo'),
  };
  return (
    <FormDialog
      title={e ? t('training.courses.editFor', { name: e.name }) : t('training.courses.add')}
      submitLabel={t('admin.save')}
      error={error}
      labels={labels}
      onClose={p.onClose}
      onSubmit={async () => {
        const n = Number(amount);
        const validity = kind === 'months' ? { kind, months: n } : { kind, days: n };
        const body = { name, validity, roles: STAFF_ROLES.filter((r) => roles.has(r)), countsAsInService, active };
        const r = e ? await call('training.updateCourse', { id: e.id, ...body }) : await call('training.createCourse', { code, ...body });
        if (r.ok) p.onDone(r.value);
        else setError(r.error);
      }}
    >
      {e ? null : <TextInput label={labels.code} name="code" value={code} onChange={setCode} description={t('training.courses.codeHint')} autoFocus required maxLength={40} />}
      <TextInput label={labels.name} name="name" value={name} onChange={setName} autoFocus={e !== undefined} required maxLength={120} />
      <SelectInput
        label={labels['validity.kind']}
        name="validity.kind"
        value={kind}
        onChange={setKind}
        options={[
          { value: 'months', label: t('training.courses.kinds.months') },
          { value: 'once_within_days_of_hire', label: t('training.courses.kinds.once_within_days_of_hire') },
        ]}
      />
      <TextInput
        label={kind === 'months' ? labels['validity.months'] : labels['validity.days']}
        name={kind === 'months' ? 'validity.months' : 'validity.days'}
        type="number"
        value={amount}
        onChange={setAmount}
        required
      />
      <fieldset className="checklist">
        <legend>{labels.roles}</legend>
        {STAFF_ROLES.map((r) => (
          <CheckInput
            key={r}
            name={`role-${r}`}
            label={t(`training.roles.${r}`)}
            checked={roles.has(r)}
            onChange={(on) =>
              setRoles((prev) => {
                const next = new Set(prev);
                if (on) next.add(r);
                else next.delete(r);
                return next;
              })
            }
          />
        ))}
      </fieldset>
      <CheckInput label={t('training.courses.countsAsInService')} name="countsAsInService" checked={countsAsInService} onChange={setCountsAsInService} />
      <CheckInput label={t('training.courses.active')} name="active" checked={active} onChange={setActive} />
    </FormDialog>
  );
}
