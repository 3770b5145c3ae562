import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { methodNames } from '../../../../shared/contract';
import type { AuditVerdict } from '../../../../shared/contract/privacy';
import type { AuditEntry, User } from '../../../../shared/contract/users';
import { auditAction, auditChanges, methodLabel } from '../../../../shared/domain/privacy/audit-labels';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';
import { useAuditWords } from '../../app/audit-words';
import { useDates } from '../../app/dates';
import { DateField } from '../../components/DateField';
import { Notice, SelectInput, TextInput } from '../../components/fields';
import { Pager } from '../../components/Pager';
import { errorText, useTranslation } from '../../i18n';
import { downloadText } from '../training/common';

const PAGE = 50;
type Kind = '' | 'change' | 'access' | 'denied';

interface Filters {
  userId: string;
  residentId: number | null;
  residentName: string;
  from: string;
  to: string;
  action: string;
  kind: Kind;
}
const NO_FILTERS: Filters = { userId: '', residentId: null, residentName: '', from: '', to: '', action: '', kind: '' };

/** Filters as the contract takes them: only those set, dates only when they are dates. */
function asInput(f: Filters) {
  const isDate = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d);
  return {
    ...(f.userId ? { userId: Number(f.userId) } : {}),
    ...(f.residentId !== null ? { residentId: f.residentId } : {}),
    ...(isDate(f.from) ? { from: f.from } : {}),
    ...(isDate(f.to) ? { to: f.to } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
  };
}

/**
 * Admin → Audit log: who did what, when, in words (shared/domain/privacy/audit-labels), in the
 * facility's time; filtered by person, resident, dates, action and kind on the server, a page at
 * a time; exported as CSV; and the trail's hash chain verified on demand (the newest entries are
 * checked whenever the panel opens).
 */
export function AuditPanel() {
  const { t } = useTranslation();
  const { dateTime } = useDates();
  const words = useAuditWords();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ rows: AuditEntry[]; total: number } | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [people, setPeople] = useState<User[]>([]);
  const [residentQuery, setResidentQuery] = useState('');
  const [residentMatches, setResidentMatches] = useState<{ id: number; name: string }[] | null>(null);
  const [verdict, setVerdict] = useState<{ scope: 'tail' | 'full'; v: AuditVerdict } | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    void call('users.list', { limit: 500, includeInactive: true }).then((r) => (r.ok ? setPeople(r.value.rows) : undefined));
    // The quick check: the newest entries, every time the log is opened.
    void call('audit.verify', { scope: 'tail' }).then((r) => (r.ok ? setVerdict({ scope: 'tail', v: r.value }) : undefined));
  }, []);

  const load = useCallback(async () => {
    const r = await call('audit.list', { ...asInput(applied), offset, limit: PAGE });
    if (r.ok) {
      setPage(r.value);
      setError(null);
    } else setError(r.error);
  }, [applied, offset]);
  useEffect(() => {
    void load();
  }, [load]);

  const actions = useMemo(() => methodNames.map((m) => ({ value: m as string, label: methodLabel(m, words) })).sort((a, b) => a.label.localeCompare(b.label)), [words]);

  function show(e: FormEvent) {
    e.preventDefault();
    setOffset(0);
    setApplied(draft);
  }

  async function findResident() {
    const r = await call('residents.list', { query: residentQuery, status: 'all', limit: 10 });
    if (r.ok) setResidentMatches(r.value.rows.map((x) => ({ id: x.id, name: `${x.legalFamily}, ${x.legalGiven}` })));
    else setError(r.error);
  }

  async function exportCsv() {
    const r = await call('audit.export', asInput(applied));
    if (!r.ok) return setError(r.error);
    downloadText(r.value.fileName, r.value.csv, 'text/csv;charset=utf-8');
    setNotice(r.value.truncated ? t('privacy.viewer.exportTruncated', { count: r.value.rows }) : t('privacy.viewer.exported', { count: r.value.rows, file: r.value.fileName }));
  }

  async function verify() {
    setVerifying(true);
    const r = await call('audit.verify', { scope: 'full' });
    setVerifying(false);
    if (r.ok) setVerdict({ scope: 'full', v: r.value });
    else setError(r.error);
  }

  const verdictText = (() => {
    if (!verdict) return null;
    const { v, scope } = verdict;
    if (v.broken) return <Notice tone="error">{t(scope === 'full' ? 'privacy.viewer.broken' : 'privacy.viewer.brokenTail', { id: v.broken.id, reason: t(`privacy.viewer.reasons.${v.broken.reason}`) })}</Notice>;
    if (scope === 'tail') return null;
    return <Notice tone="success">{t('privacy.viewer.intact', { checked: v.checked, id: v.tail?.id ?? 0 })}</Notice>;
  })();

  return (
    <section aria-labelledby="audit-heading" className="audit-viewer">
      <h2 id="audit-heading">{t('admin.auditTab')}</h2>
      {verdictText}
      <form className="filter-bar" onSubmit={show} aria-label={t('privacy.viewer.filters')}>
        <SelectInput label={t('privacy.viewer.person')} name="userId" value={draft.userId} onChange={(v) => setDraft({ ...draft, userId: v })} options={[{ value: '', label: t('privacy.viewer.anyone') }, ...people.map((u) => ({ value: String(u.id), label: u.displayName }))]} />
        {draft.residentId !== null ? (
          <div className="field">
            <span className="label">{t('privacy.viewer.resident')}</span>
            <span>
              {draft.residentName}{' '}
              <Button className="link" onPress={() => setDraft({ ...draft, residentId: null, residentName: '' })}>
                {t('privacy.viewer.clearResident')}
              </Button>
            </span>
          </div>
        ) : (
          <div className="field resident-filter">
            <TextInput
              label={t('privacy.viewer.residentSearch')}
              name="residentQuery"
              type="search"
              value={residentQuery}
              onChange={setResidentQuery}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void findResident();
                }
              }}
            />
            {residentMatches?.map((m) => (
              <Button
                key={m.id}
                className="link"
                onPress={() => {
                  setDraft({ ...draft, residentId: m.id, residentName: m.name });
                  setResidentMatches(null);
                }}
              >
                {m.name}
              </Button>
            ))}
          </div>
        )}
        <DateField label={t('privacy.viewer.from')} name="from" value={draft.from} onChange={(v) => setDraft({ ...draft, from: v })} compact />
        <DateField label={t('privacy.viewer.to')} name="to" value={draft.to} onChange={(v) => setDraft({ ...draft, to: v })} compact />
        <SelectInput label={t('privacy.viewer.action')} name="action" value={draft.action} onChange={(v) => setDraft({ ...draft, action: v })} options={[{ value: '', label: t('privacy.viewer.anyAction') }, ...actions]} />
        <SelectInput<Kind>
          label={t('privacy.viewer.kind')}
          name="kind"
          value={draft.kind}
          onChange={(v) => setDraft({ ...draft, kind: v })}
          options={[
            { value: '', label: t('privacy.viewer.anyKind') },
            { value: 'change', label: t('privacy.viewer.kinds.change') },
            { value: 'access', label: t('privacy.viewer.kinds.access') },
            { value: 'denied', label: t('privacy.viewer.kinds.denied') },
          ]}
        />
        <div className="actions">
          <Button type="submit" className="primary">
            {t('privacy.viewer.apply')}
          </Button>
          <Button
            onPress={() => {
              setDraft(NO_FILTERS);
              setApplied(NO_FILTERS);
              setOffset(0);
            }}
          >
            {t('privacy.viewer.reset')}
          </Button>
          <Button onPress={() => void exportCsv()}>{t('privacy.viewer.export')}</Button>
          <Button onPress={() => void verify()} isDisabled={verifying}>
            {verifying ? t('privacy.viewer.verifying') : t('privacy.viewer.verify')}
          </Button>
        </div>
      </form>
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      {page && page.rows.length === 0 ? <p className="empty">{t('privacy.viewer.none')}</p> : null}
      {page && page.rows.length > 0 ? (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('admin.auditWhen')}</th>
              <th scope="col">{t('admin.auditWho')}</th>
              <th scope="col">{t('privacy.viewer.station')}</th>
              <th scope="col">{t('admin.auditWhat')}</th>
              <th scope="col">{t('admin.auditChange')}</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((r) => (
              <tr key={r.id} className={`audit-${r.kind}`}>
                <td>{dateTime(r.at)}</td>
                <td>{r.userName ?? t('admin.system')}</td>
                <td>{r.station ?? ''}</td>
                <th scope="row">{auditAction(r, words)}</th>
                <td className="change">
                  <ul>
                    {auditChanges(r, words).map((c) => (
                      <li key={c}>{c}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Pager offset={offset} limit={PAGE} total={page?.total ?? 0} onChange={setOffset} />
    </section>
  );
}
