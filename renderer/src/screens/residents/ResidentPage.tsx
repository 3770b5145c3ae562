import { useCallback, useEffect, useRef, useState } from 'react';
import { ResidentAppointments } from '../appointments/AppointmentsScreen';
import { Button, Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import type { AuditEntry } from '../../../../shared/contract/users';
import type { Facility } from '../../../../shared/contract/facility';
import type { CorrectableEntry, ResidentDetail } from '../../../../shared/contract/residents';
import { notAssessed } from '../../../../shared/domain/residents/clinical';
import { iddsiNumber } from '../../../../shared/domain/residents/vocabulary';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';
import { useDates } from '../../app/dates';
import { Notice } from '../../components/fields';
import { Pager } from '../../components/Pager';
import { errorText, useTranslation } from '../../i18n';
import { hasDraft } from '../../app/drafts';
import { useCan } from '../../app/session';
import { AllergySummary, assessed, NotAssessed } from './clinical-values';
import { EnteredInErrorDialog, useEntryLabel } from './EnteredInError';
import { EditResident, editDraftKey } from './EditResident';
import { StatusDialog, TransferDialog, type StatusAction } from './dialogs';
import { formatDate } from '../../../../shared/domain/date-display';
import { dobWithAge, placeText, residentName } from './format';
import { hrefOf } from './useSubRoute';
import { auditAction, auditChanges } from '../../../../shared/domain/privacy/audit-labels';
import { useAuditWords } from '../../app/audit-words';
import { WhoOpened } from '../admin/WhoOpened';

type Open = { kind: 'edit' } | { kind: 'transfer' } | { kind: 'status'; action: StatusAction } | { kind: 'inError'; entry: CorrectableEntry } | null;

function actionsFor(r: ResidentDetail): StatusAction[] {
  switch (r.status) {
    case 'active':
      return ['hospital', 'leave', 'discharge', 'deceased'];
    case 'hospital':
    case 'leave':
      return ['return', 'discharge', 'deceased'];
    case 'discharged':
      return ['readmit'];
    case 'deceased':
      return [];
  }
}

export function ResidentPage(p: { id: number; facility: Facility | null; canWrite: boolean; onChanged(): void; /** Emergency access: there is no census to go back to. */ hideCensusLink?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [r, setR] = useState<ResidentDetail | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  // An edit that was being typed when the station locked reopens as it was left.
  const [open, setOpen] = useState<Open>(() => (hasDraft(editDraftKey(p.id)) ? { kind: 'edit' } : null));
  const [notice, setNotice] = useState<string | null>(null);
  const [historyKey, setHistoryKey] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  // Bumped to reopen the edit form on a newer version of the record.
  const [editKey, setEditKey] = useState(0);
  const loaded = r !== null;
  // What a director of nursing or an administrator may mark entered in error, fetched again with each version.
  const canCorrect = useCan('residents.correct');
  const [correctable, setCorrectable] = useState<CorrectableEntry[]>([]);
  const entryLabel = useEntryLabel();
  const version = r?.version;
  useEffect(() => {
    if (!canCorrect || version === undefined) return;
    let live = true;
    void call('residents.correctable', { id: p.id }).then((res) => {
      if (live && res.ok) setCorrectable(res.value.entries);
    });
    return () => {
      live = false;
    };
  }, [canCorrect, p.id, version]);
  // Opening a resident moves focus to their name, so a screen reader starts there and Tab goes on
  // to the safety summary and the actions — not from wherever the census link was.
  useEffect(() => {
    if (loaded && open === null) heading.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the record first arrives
  }, [loaded]);

  useEffect(() => {
    let live = true;
    void call('residents.get', { id: p.id }).then((res) => {
      if (!live) return;
      if (res.ok) {
        setR(res.value);
        setError(null);
      } else setError(res.error);
    });
    return () => {
      live = false;
    };
  }, [p.id]);

  if (error) return <Notice tone="error">{errorText(error)}</Notice>;
  if (!r) return <p className="loading">{t('app.loading')}</p>;

  const done = (d: ResidentDetail, message: string) => {
    setR(d);
    setOpen(null);
    setNotice(message);
    setHistoryKey((k) => k + 1);
    p.onChanged();
  };
  const statusLine = t('residents.page.statusSince', { status: t(`residents.value.status.${r.status}`), date: formatDate(r.statusSince, lang) });
  const dash = t('residents.none');
  const onCensus = r.status === 'active' || r.status === 'hospital' || r.status === 'leave';
  // Every assessment (and the allergy history) still missing, named in one line under the summary.
  const missing = [...(r.allergies.state === 'not_recorded' ? [t('residents.col.allergies')] : []), ...notAssessed(r).map((f) => t(`residents.field.${f}`))];

  return (
    <article className="resident-page" aria-labelledby="resident-name">
      {p.hideCensusLink ? null : (
        <p>
          <a href={hrefOf({ view: 'census' })}>{t('residents.backToCensus')}</a>
        </p>
      )}
      <header className="resident-header">
        <h2 id="resident-name" ref={heading} tabIndex={-1}>
          {residentName(r)}
        </h2>
        <p className="resident-ident">
          <span>{placeText(r.location)}</span> · <span>{dobWithAge(r, lang)}</span> · <span>{t(`residents.value.sex.${r.sex}`)}</span> · <span>{r.recordNumber}</span>
        </p>
        <p className={`resident-status status-${r.status}`}>{statusLine}</p>
      </header>
      {notice ? <Notice tone="success">{notice}</Notice> : null}

      {/* The safety summary: first, large, and never behind a tab. */}
      <section className="safety-summary" aria-labelledby="safety-heading">
        <h3 id="safety-heading">{t('residents.page.summary')}</h3>
        <dl>
          <div className={`summary-item code-${r.codeStatus}`}>
            <dt>{t('residents.codeStatus')}</dt>
            <dd className="code-status-big">
              {t(`residents.value.codeStatus.${r.codeStatus}`)}
              {r.codeStatusForm ? <span className="sub"> · {t(`residents.value.codeStatusForm.${r.codeStatusForm}`)}</span> : null}
              {r.codeStatusDocumentedOn ? <span className="sub"> · {formatDate(r.codeStatusDocumentedOn, lang)}</span> : null}
            </dd>
          </div>
          <div className={`summary-item allergy-${r.allergies.state}${r.allergies.hasSevere ? ' allergy-has-severe' : ''}`}>
            <dt>{t('residents.col.allergies')}</dt>
            <dd>
              <AllergySummary allergies={r.allergies} reactions />
            </dd>
          </div>
          <div className="summary-item">
            <dt>{t('residents.col.diet')}</dt>
            <dd>
              {r.dietType === null && r.iddsiFood === null && r.iddsiDrink === null ? (
                <NotAssessed />
              ) : r.iddsiFood !== null && r.iddsiDrink !== null ? (
                <>
                  {assessed(r.dietType, (v) => t(`residents.value.dietType.${v}`))} · {t('residents.page.iddsiLevels', { food: iddsiNumber(r.iddsiFood), drink: iddsiNumber(r.iddsiDrink) })} ({t(`residents.value.iddsiFood.${r.iddsiFood}`)}, {t(`residents.value.iddsiDrink.${r.iddsiDrink}`)})
                </>
              ) : (
                <>
                  {assessed(r.dietType, (v) => t(`residents.value.dietType.${v}`))} · {t('residents.field.iddsiFood')}: {assessed(r.iddsiFood, (v) => t(`residents.value.iddsiFood.${v}`))} · {t('residents.field.iddsiDrink')}:{' '}
                  {assessed(r.iddsiDrink, (v) => t(`residents.value.iddsiDrink.${v}`))}
                </>
              )}
            </dd>
          </div>
          <div className="summary-item">
            <dt>{t('residents.col.mobility')}</dt>
            <dd>
              {r.transfer === null && r.aid === null ? <NotAssessed /> : <>{assessed(r.transfer, (v) => t(`residents.value.transfer.${v}`))} · {assessed(r.aid, (v) => t(`residents.value.aid.${v}`))}</>} · {t('residents.page.transport')}:{' '}
              {r.transportMode === null ? <NotAssessed>{t('residents.page.transportAsk')}</NotAssessed> : t(`residents.value.transportMode.${r.transportMode}`)}
            </dd>
          </div>
          <div className={`summary-item risk-${r.fallRisk ?? 'not_assessed'}`}>
            <dt>{t('residents.col.fallRisk')}</dt>
            <dd>{assessed(r.fallRisk, (v) => t(`residents.value.risk.${v}`))}</dd>
          </div>
          <div className={`summary-item risk-${r.wanderingRisk ?? 'not_assessed'}`}>
            <dt>{t('residents.col.wanderingRisk')}</dt>
            <dd>{assessed(r.wanderingRisk, (v) => t(`residents.value.risk.${v}`))}</dd>
          </div>
          <div className={`summary-item isolation-${r.isolation ?? 'not_assessed'}`}>
            <dt>{t('residents.col.isolation')}</dt>
            <dd>{assessed(r.isolation, (v) => t(`residents.value.isolation.${v}`))}</dd>
          </div>
        </dl>
        {missing.length > 0 ? (
          <p className="summary-missing">
            <NotAssessed>{t('residents.page.notAssessedYet', { fields: missing.join(', ') })}</NotAssessed>
          </p>
        ) : null}
      </section>

      <ResidentAppointments residentId={r.id} />

      {p.canWrite ? (
        <div className="toolbar resident-actions">
          <Button onPress={() => setOpen({ kind: 'edit' })}>{t('residents.page.edit')}</Button>
          {onCensus && r.location ? <Button onPress={() => setOpen({ kind: 'transfer' })}>{t('residents.page.transfer')}</Button> : null}
          {actionsFor(r).map((a) => (
            <Button key={a} onPress={() => setOpen({ kind: 'status', action: a })}>
              {t(`residents.page.${a}`)}
            </Button>
          ))}
        </div>
      ) : null}
      {canCorrect && correctable.length > 0 ? (
        <div className="toolbar resident-corrections">
          {correctable.map((e) => (
            <Button key={`${e.kind}${e.entryId}`} className="correction" onPress={() => setOpen({ kind: 'inError', entry: e })}>
              {entryLabel(e)}
            </Button>
          ))}
        </div>
      ) : null}

      <Tabs>
        <TabList aria-label={residentName(r)}>
          <Tab id="details">{t('residents.page.details')}</Tab>
          <Tab id="contacts">{t('residents.page.contacts')}</Tab>
          <Tab id="history">{t('residents.page.history')}</Tab>
        </TabList>
        <TabPanel id="details">
          <dl className="details">
            {(
              [
                ['legalGiven', r.legalGiven],
                ['legalFamily', r.legalFamily],
                ['preferredName', r.preferredName ?? dash],
                ['dateOfBirth', dobWithAge(r, lang)],
                ['recordNumber', r.recordNumber],
                ['admittedOn', formatDate(r.admittedOn, lang)],
                ['dietNote', r.dietNote ?? dash],
                ['bariatric', assessed(r.bariatric, (v) => (v ? t('residents.yes') : t('residents.no')))],
                ['hearingAids', r.hearingAids ?? dash],
                ['visionAids', r.visionAids ?? dash],
                ['language', r.language ?? dash],
                ['interpreterNeeded', r.interpreterNeeded ? t('residents.yes') : t('residents.no')],
                ['physicianName', [r.physicianName, r.physicianPhone].filter(Boolean).join(' · ') || dash],
                ['pharmacyName', [r.pharmacyName, r.pharmacyPhone].filter(Boolean).join(' · ') || dash],
              ] as const
            ).map(([k, v]) => (
              <div key={k}>
                <dt>{t(`residents.field.${k}`)}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </TabPanel>
        <TabPanel id="contacts">
          {r.contacts.length === 0 ? (
            <p className="empty">{t('residents.page.noContacts')}</p>
          ) : (
            <table className="data">
              <caption className="visually-hidden">{t('residents.page.contacts')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('residents.page.emergencyOrder')}</th>
                  <th scope="col">{t('residents.page.name')}</th>
                  <th scope="col">{t('residents.page.role')}</th>
                  <th scope="col">{t('residents.page.relationship')}</th>
                  <th scope="col">{t('residents.page.phone')}</th>
                  <th scope="col">{t('residents.page.altPhone')}</th>
                </tr>
              </thead>
              <tbody>
                {[...r.contacts]
                  .sort((a, b) => (a.emergencyOrder ?? 99) - (b.emergencyOrder ?? 99))
                  .map((c, i) => (
                    <tr key={i}>
                      <td>{c.emergencyOrder ?? dash}</td>
                      <th scope="row">{c.name}</th>
                      <td>{t(`residents.value.contactRole.${c.role}`)}</td>
                      <td>{c.relationship ?? dash}</td>
                      <td>{c.phone ?? dash}</td>
                      <td>{c.altPhone ?? dash}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
        </TabPanel>
        <TabPanel id="history">
          <History resident={r} refreshKey={historyKey} />
        </TabPanel>
      </Tabs>

      {open?.kind === 'edit' ? (
        <EditResident
          key={editKey}
          resident={r}
          onClose={() => setOpen(null)}
          onDone={(d) => done(d, t('residents.page.saved'))}
          // The newer version replaces the form: the person reviews it and makes their change again.
          onNewer={(d) => (setR(d), setEditKey((k) => k + 1), setHistoryKey((k) => k + 1))}
        />
      ) : null}
      {open?.kind === 'transfer' ? (
        <TransferDialog resident={r} facility={p.facility} onClose={() => setOpen(null)} onDone={(d) => done(d, t('residents.dialog.moved', { name: residentName(d), place: placeText(d.location) }))} />
      ) : null}
      {open?.kind === 'inError' ? (
        <EnteredInErrorDialog
          resident={r}
          entry={open.entry}
          facility={p.facility}
          onClose={() => setOpen(null)}
          onDone={(d) => done(d, t('residents.correct.done', { name: residentName(d), status: t(`residents.value.status.${d.status}`), date: formatDate(d.statusSince, lang) }))}
        />
      ) : null}
      {open?.kind === 'status' ? (
        <StatusDialog
          action={open.action}
          resident={r}
          facility={p.facility}
          onClose={() => setOpen(null)}
          onDone={(d) => done(d, t('residents.dialog.statusChanged', { name: residentName(d), status: t(`residents.value.status.${d.status}`), date: formatDate(d.statusSince, lang) }))}
        />
      ) : null}
    </article>
  );
}

const HISTORY_PAGE = 20;

function History(p: { resident: ResidentDetail; refreshKey: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const r = p.resident;
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ rows: AuditEntry[]; total: number }>({ rows: [], total: 0 });
  const load = useCallback(async () => {
    const res = await call('residents.history', { id: r.id, offset, limit: HISTORY_PAGE });
    if (res.ok) setPage(res.value);
  }, [r.id, offset]);
  useEffect(() => {
    void load();
  }, [load, p.refreshKey]);
  const { dateTime } = useDates();
  // The same words as Admin → Audit log: "Transferred … to Skilled 1, room 112-A", never method names or JSON.
  const words = useAuditWords();
  const canAudit = useCan('audit.read');
  const open = t('residents.page.open');
  return (
    <div className="history">
      <h3>{t('residents.page.statusHistory')}</h3>
      <table className="data">
        <caption className="visually-hidden">{t('residents.page.statusHistory')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('residents.status')}</th>
            <th scope="col">{t('residents.page.from')}</th>
            <th scope="col">{t('residents.page.to')}</th>
            <th scope="col">{t('residents.field.bedId')}</th>
            <th scope="col">{t('residents.field.note')}</th>
          </tr>
        </thead>
        <tbody>
          {r.periods.map((s) => (
            <tr key={s.id} className={s.enteredInError ? 'entered-in-error' : undefined}>
              <th scope="row">{t(`residents.value.status.${s.status}`)}</th>
              <td>{formatDate(s.from, lang)}</td>
              <td>{s.to ? formatDate(s.to, lang) : s.enteredInError ? t('residents.none') : open}</td>
              <td>{s.bed ?? t('residents.none')}</td>
              <td>
                {s.note ?? ''}
                <InErrorNote mark={s.enteredInError} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('residents.page.bedHistory')}</h3>
      <table className="data">
        <caption className="visually-hidden">{t('residents.page.bedHistory')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('residents.field.bedId')}</th>
            <th scope="col">{t('residents.page.from')}</th>
            <th scope="col">{t('residents.page.to')}</th>
            <th scope="col">{t('residents.field.note')}</th>
          </tr>
        </thead>
        <tbody>
          {r.beds.map((b) => (
            <tr key={b.id} className={b.enteredInError ? 'entered-in-error' : undefined}>
              <th scope="row">{b.place}</th>
              <td>
                {formatDate(b.from, lang)} ({t(`residents.page.reason.${b.reason}`)})
              </td>
              <td>{b.to ? formatDate(b.to, lang) : b.enteredInError ? t('residents.none') : open}</td>
              <td>
                {b.note ?? ''}
                <InErrorNote mark={b.enteredInError} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('residents.page.changes')}</h3>
      <table className="data">
        <caption className="visually-hidden">{t('residents.page.changes')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.auditWhen')}</th>
            <th scope="col">{t('admin.auditWho')}</th>
            <th scope="col">{t('admin.auditWhat')}</th>
            <th scope="col">{t('admin.auditChange')}</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.map((a) => (
            <tr key={a.id}>
              <td>{dateTime(a.at)}</td>
              <td>{a.userName ?? t('admin.system')}</td>
              <th scope="row">{auditAction(a, words)}</th>
              <td className="change">
                <ul>
                  {auditChanges(a, words).map((c) => (
                    <li key={c}>{c}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager offset={offset} limit={HISTORY_PAGE} total={page.total} onChange={setOffset} />
      {canAudit ? <WhoOpened residentId={r.id} refreshKey={p.refreshKey} /> : null}
    </div>
  );
}

/**
 * The mark on a history row entered in error: in words (struck-through text alone would be lost on a
 * screen reader and on a black-and-white printout), with who, when and why.
 */
function InErrorNote({ mark }: { mark: ResidentDetail['periods'][number]['enteredInError'] }) {
  const { t } = useTranslation();
  const { dateTime } = useDates();
  if (!mark) return null;
  return <span className="in-error-note">{t('residents.page.enteredInErrorBy', { by: mark.by ?? t('admin.system'), at: dateTime(mark.at), reason: mark.reason })}</span>;
}
