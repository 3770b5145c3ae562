import { useEffect, useState, type ReactElement } from 'react';
import { Button } from 'react-aria-components';
import type { Facility } from '../../../../shared/contract/facility';
import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import type { ReminderGroup } from '../../../../shared/contract/training';
import { STAFF_ROLES, type StaffRole } from '../../../../shared/domain/training/vocabulary';
import { ok, type AppError, type Result } from '../../../../shared/result';
import { call } from '../../api/client';
import { useDates } from '../../app/dates';
import { useSession } from '../../app/session';
import { CheckInput, Notice, SelectInput } from '../../components/fields';
import { Pager } from '../../components/Pager';
import { errorText, useTranslation } from '../../i18n';
import { Nowrap, PrintDocument, PrintTable, VALUE_SLOT, displayDate, usePrinter, type PrintColumn } from '../../print';
import { AsOfField, StatusText, downloadText } from './common';
import type { PrintContext } from './prints';

const PAGE = 100;
const WINDOWS = ['30', '60', '90'] as const;

type Filters = Omit<ParsedInputOf<'training.reminders'>, 'offset' | 'limit'>;
type Person = ReminderGroup['people'][number];
type Item = Person['items'][number];

/** A manager choice as one select value: '' all, 'u:<id>' or 'u:' (no unit), 'r:<role>'. */
function managerOf(value: string): Filters['manager'] {
  if (value === '') return null;
  if (value.startsWith('u:')) return { by: 'unit', unitId: value === 'u:' ? null : Number(value.slice(2)) };
  return { by: 'role', role: value.slice(2) as StaffRole };
}

function useWords() {
  const { t, i18n } = useTranslation();
  const groupName = (g: ReminderGroup) => (g.by === 'role' && g.role ? t('training.reminders.roleGroup', { role: t(`training.roles.${g.role}`) }) : (g.unitName ?? t('training.filters.noUnit')));
  const days = (n: number | null) =>
    n === null ? t('training.lapsing.noDate') : n === 0 ? t('training.lapsing.today') : n > 0 ? t('training.lapsing.daysLeftValue', { count: n }) : t('training.lapsing.overdue', { count: -n });
  const date = (iso: string) => displayDate(iso, i18n.language);
  return { t, groupName, days, date };
}

/**
 * Reminders per manager: for each unit (or role), who lapses in the next 30/60/90 days and on what, courses
 * and licences alike. Printed, a manager's list starts on its own page, to be handed out.
 */
export function RemindersPanel({ facility, today }: { facility: Facility; today: string }) {
  const { t, groupName, days } = useWords();
  const { date } = useDates();
  const { user } = useSession();
  const [asOf, setAsOf] = useState(today);
  const [within, setWithin] = useState<(typeof WINDOWS)[number]>('30');
  const [by, setBy] = useState<'unit' | 'role'>('unit');
  const [manager, setManager] = useState('');
  const [includeLapsed, setIncludeLapsed] = useState(false);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<OutputOf<'training.reminders'> | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const printer = usePrinter();

  const filters: Filters = { asOf, withinDays: Number(within) as 30 | 60 | 90, by, manager: managerOf(manager), includeLapsed };
  const key = JSON.stringify(filters);
  useEffect(() => {
    const f = JSON.parse(key) as Filters;
    void call('training.reminders', { ...f, offset, limit: PAGE }).then((r) => (r.ok ? (setPage(r.value), setError(null)) : setError(r.error)));
  }, [key, offset]);

  const managerOptions =
    by === 'unit'
      ? [{ value: '', label: t('training.reminders.allManagers') }, ...facility.units.map((u) => ({ value: `u:${u.id}`, label: u.name })), { value: 'u:', label: t('training.filters.noUnit') }]
      : [{ value: '', label: t('training.reminders.allManagers') }, ...STAFF_ROLES.map((r) => ({ value: `r:${r}`, label: t(`training.roles.${r}`) }))];

  return (
    <section aria-labelledby="reminders-heading">
      <h2 id="reminders-heading" className="screen-only">
        {t('training.tabs.reminders')}
      </h2>
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      <div className="toolbar">
        <AsOfField value={asOf} onDate={(d) => (setAsOf(d), setOffset(0))} />
        <SelectInput label={t('training.reminders.within')} name="withinDays" value={within} onChange={(v) => (setWithin(v), setOffset(0))} options={WINDOWS.map((w) => ({ value: w, label: t('training.filters.windowDays', { days: w }) }))} />
        <SelectInput
          label={t('training.reminders.groupBy')}
          name="by"
          value={by}
          onChange={(v) => (setBy(v), setManager(''), setOffset(0))}
          options={[
            { value: 'unit', label: t('training.reminders.byUnit') },
            { value: 'role', label: t('training.reminders.byRole') },
          ]}
        />
        <SelectInput label={t('training.reminders.manager')} name="manager" value={manager} onChange={(v) => (setManager(v), setOffset(0))} options={managerOptions} />
        <CheckInput label={t('training.reminders.includeLapsed')} name="includeLapsed" checked={includeLapsed} onChange={(v) => (setIncludeLapsed(v), setOffset(0))} />
      </div>
      <div className="toolbar">
        <Button
          isDisabled={printer.busy}
          onPress={async () =>
            setError(
              await printer.print({
                document: 'training.reminders',
                suggestedName: `${t('training.reminders.title')} ${asOf}`,
                render: () => loadRemindersPrint(filters, { facility, printedBy: user.displayName }),
              }),
            )
          }
        >
          {t('training.reminders.print')}
        </Button>
        <Button
          onPress={async () => {
            const r = await call('training.remindersCsv', filters);
            if (!r.ok) return setError(r.error);
            downloadText(r.value.fileName, r.value.csv, 'text/csv;charset=utf-8');
            setNotice(t('training.reminders.exported', { rows: r.value.rows, file: r.value.fileName }));
          }}
        >
          {t('training.reminders.exportCsv')}
        </Button>
        {printer.busy ? <span role="status">{t('print.preparing')}</span> : null}
      </div>
      {printer.view}
      {page === null ? (
        <p>{t('app.loading')}</p>
      ) : (
        <>
          <p>
            {t('training.reminders.caption', { date: date(asOf) })}: {t('training.reminders.peopleTotal', { people: page.people, items: page.items })}
          </p>
          {page.groups.length === 0 ? <p className="empty">{t('training.reminders.none')}</p> : null}
          {page.groups.map((g) => {
            const name = groupName(g);
            return (
              <table key={`${g.by}:${g.unitId ?? ''}:${g.role ?? ''}`} className="data reminders">
                <caption>{t('training.reminders.groupPeople', { manager: name, count: g.people.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('training.matrix.staff')}</th>
                    <th scope="col">{t('training.reminders.whatLapses')}</th>
                    <th scope="col">{t('training.reminders.firstLapse')}</th>
                  </tr>
                </thead>
                <tbody>
                  {g.people.map((p) => (
                    <tr key={p.staffId}>
                      <th scope="row">
                        {p.name}
                        <span className="cell-date">
                          {p.employeeId} · {t(`training.roles.${p.role}`)} · {p.unitName ?? t('training.filters.noUnit')}
                        </span>
                      </th>
                      <td>
                        <ul className="plain">
                          {p.items.map((i) => (
                            <li key={`${i.kind}:${i.id}`}>
                              {i.name}: <StatusText status={i.status} /> {i.lapsesOn ? `${date(i.lapsesOn)} (${days(i.daysLeft)})` : t('training.reminders.lapsedUndated')}
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td>{p.firstLapse ?? t('training.lapsing.noDate')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          })}
          {page.people > PAGE ? <Pager offset={offset} limit={PAGE} total={page.people} onChange={setOffset} /> : null}
        </>
      )}
    </section>
  );
}

const groupKey = (g: ReminderGroup) => `${g.by}:${g.unitId ?? ''}:${g.role ?? ''}`;

/** Every person the filters select, page by page; a group cut by a page joins up again. */
export async function loadRemindersPrint(filters: Filters, ctx: PrintContext): Promise<Result<ReactElement>> {
  const groups: ReminderGroup[] = [];
  let people = 0;
  for (let offset = 0; ; offset += 500) {
    const page = await call('training.reminders', { ...filters, offset, limit: 500 });
    if (!page.ok) return page;
    for (const g of page.value.groups) {
      const last = groups.at(-1);
      if (last && groupKey(last) === groupKey(g)) last.people.push(...g.people);
      else groups.push({ ...g, people: [...g.people] });
      people += g.people.length;
    }
    if (page.value.groups.length === 0 || people >= page.value.people) break;
  }
  return ok(<RemindersPrint groups={groups} filters={filters} ctx={ctx} />);
}

function RemindersPrint({ groups, filters, ctx }: { groups: ReminderGroup[]; filters: Filters; ctx: PrintContext }) {
  const { t, groupName, days, date } = useWords();
  const { facility } = ctx;
  const context = [
    t('training.reminders.header', {
      facility: facility.name,
      date: date(filters.asOf),
      days: filters.withinDays,
      by: filters.by === 'unit' ? t('training.reminders.perUnit') : t('training.reminders.perRole'),
    }),
    filters.includeLapsed ? t('training.print.includesLapsed') : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const itemLine = (i: Item) =>
    i.lapsesOn === null ? (
      t('training.reminders.itemLine', { name: i.name, status: t(`training.status.${i.status}`), when: t('training.reminders.lapsedUndated') })
    ) : (
      // The date stays whole on its line; the words around it may wrap.
      <Nowrap
        text={t('training.reminders.itemLine', { name: i.name, status: t(`training.status.${i.status}`), when: t('training.reminders.lapsesOnDay', { date: VALUE_SLOT, days: days(i.daysLeft) }) })}
        value={date(i.lapsesOn)}
      />
    );
  const columns: PrintColumn<Person>[] = [
    {
      key: 'staff',
      label: t('training.matrix.staff'),
      width: 26,
      rowHeader: true,
      cell: (p) => (
        <>
          {p.name}
          <span className="cd-sub">
            {p.employeeId} · {t(`training.roles.${p.role}`)}
          </span>
        </>
      ),
    },
    {
      key: 'items',
      label: t('training.reminders.whatLapses'),
      width: 50,
      cell: (p) =>
        p.items.map((i) => (
          <span key={`${i.kind}:${i.id}`} className={i.status === 'expired' || i.status === 'missing' ? 'cd-sub cd-strong' : 'cd-sub'}>
            {itemLine(i)}
          </span>
        )),
    },
    { key: 'reminded', label: t('training.reminders.reminded'), width: 20, cell: () => '' },
  ];
  return (
    <PrintDocument
      paper={facility.paperSize}
      orientation="portrait"
      notice="staff"
      title={t('training.reminders.title')}
      context={context}
      printedBy={ctx.printedBy}
      timeZone={facility.timeZone}
    >
      {groups.length === 0 ? <p>{t('training.reminders.none')}</p> : null}
      {groups.map((g, n) => (
        <PrintTable
          key={groupKey(g)}
          id={`reminders-${n}`}
          // Each manager's list on its own sheets, to be handed to them.
          breakBefore={n > 0}
          caption={t('training.reminders.groupPeople', { manager: groupName(g), count: g.people.length })}
          columns={columns}
          rows={g.people}
          rowKey={(p) => String(p.staffId)}
          rowLabel={(p) => `${p.name} (${p.employeeId})`}
        />
      ))}
    </PrintDocument>
  );
}
