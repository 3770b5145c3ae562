import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import type { AuditEntry } from '../../../../shared/contract/users';
import type { Facility } from '../../../../shared/contract/facility';
import type { ResidentDetail } from '../../../../shared/contract/residents';
import { iddsiNumber } from '../../../../shared/domain/residents/vocabulary';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';
import { useDates } from '../../app/dates';
import { Notice } from '../../components/fields';
import { Pager } from '../../components/Pager';
import { errorText, useTranslation } from '../../i18n';
import { hasDraft } from '../../app/drafts';
import { EditResident, editDraftKey } from './EditResident';
import { StatusDialog, TransferDialog, type StatusAction } from './dialogs';
import { formatDate } from '../../../../shared/domain/date-display';
import { allergyText, dobWithAge, placeText, residentName } from './format';
import { hrefOf } from './useSubRoute';
import { auditAction, auditChanges } from '../../../../shared/domain/privacy/audit-labels';
import { useAuditWords } from '../../app/audit-words';
import { useCan } from '../../app/session';
import { WhoOpened } from '../admin/WhoOpened';

type Open = { kind: 'edit' } | { kind: 'transfer' } | { kind: 'status'; action: StatusAction } | null;

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
  const loaded = r !== null;
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
          <div className={`summary-item allergy-${r.allergies.state}${r.allergies.hasSevere ? ' allergy-severe' : ''}`}>
            <dt>{t('residents.col.allergies')}</dt>
            <dd>
              {r.allergies.hasSevere ? <strong>{t('residents.allergy.severe')}: </strong> : null}
              {r.allergies.state === 'listed' ? r.allergyItems.map((a) => `${a.substance}${a.reaction ? ` — ${a.reaction}` : ''} (${t(`residents.value.severity.${a.severity}`)})`).join('; ') : allergyText(r.allergies)}
            </dd>
          </div>
          <div className="summary-item">
            <dt>{t('residents.col.diet')}</dt>
            <dd>
              {t(`residents.value.dietType.${r.dietType}`)} · {t('residents.page.iddsiLevels', { food: iddsiNumber(r.iddsiFood), drink: iddsiNumber(r.iddsiDrink) })} ({t(`residents.value.iddsiFood.${r.iddsiFood}`)}, {t(`residents.value.iddsiDrink.${r.iddsiDrink}`)})
            </dd>
          </div>
          <div className="summary-item">
            <dt>{t('residents.col.mobility')}</dt>
            <dd>
              {t(`residents.value.transfer.${r.transfer}`)} · {t(`residents.value.aid.${r.aid}`)} · {t('residents.page.transport')}: {t(`residents.value.transportMode.${r.transportMode}`)}
            </dd>
          </div>
          <div className={`summary-item risk-${r.fallRisk}`}>
            <dt>{t('residents.col.fallRisk')}</dt>
            <dd>{t(`residents.value.risk.${r.fallRisk}`)}</dd>
          </div>
          <div className={`summary-item risk-${r.wanderingRisk}`}>
            <dt>{t('residents.col.wanderingRisk')}</dt>
            <dd>{t(`residents.value.risk.${r.wanderingRisk}`)}</dd>
          </div>
          <div className={`summary-item isolation-${r.isolation}`}>
            <dt>{t('residents.col.isolation')}</dt>
            <dd>{t(`residents.value.isolation.${r.isolation}`)}</dd>
          </div>
        </dl>
      </section>

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
                ['bariatric', r.bariatric ? t('residents.yes') : t('residents.no')],
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

      {open?.kind === 'edit' ? <EditResident resident={r} onClose={() => setOpen(null)} onDone={(d) => done(d, t('residents.page.saved'))} /> : null}
      {open?.kind === 'transfer' ? (
        <TransferDialog resident={r} facility={p.facility} onClose={() => setOpen(null)} onDone={(d) => done(d, t('residents.dialog.moved', { name: residentName(d), place: placeText(d.location) }))} />
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
            <tr key={s.id}>
              <th scope="row">{t(`residents.value.status.${s.status}`)}</th>
              <td>{formatDate(s.from, lang)}</td>
              <td>{s.to ? formatDate(s.to, lang) : open}</td>
              <td>{s.bed ?? t('residents.none')}</td>
              <td>{s.note ?? ''}</td>
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
            <tr key={b.id}>
              <th scope="row">{b.place}</th>
              <td>
                {formatDate(b.from, lang)} ({t(`residents.page.reason.${b.reason}`)})
              </td>
              <td>{b.to ? formatDate(b.to, lang) : open}</td>
              <td>{b.note ?? ''}</td>
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
