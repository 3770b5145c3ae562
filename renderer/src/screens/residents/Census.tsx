import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type OnChangeFn, type SortingState, type VisibilityState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import type { Facility } from '../../../../shared/contract/facility';
import { type CensusPreferences, type CensusRow, type CensusSort, type ListInput, type StatusFilter } from '../../../../shared/contract/residents';
import { codeStatuses, riskLevels } from '../../../../shared/domain/residents/vocabulary';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';
import { Notice, SelectInput, TextInput } from '../../components/fields';
import { errorText, useTranslation } from '../../i18n';
import { allergyText, dobWithAge, formatDate, residentName, roomText } from './format';
import { hrefOf } from './useSubRoute';

const PAGE = 100;
const ROW_HEIGHT = 44;

/** Columns a person may hide; name, room, date of birth, code status and allergies always show. */
export const optionalColumns = ['status', 'recordNumber', 'unit', 'diet', 'mobility', 'fallRisk', 'wanderingRisk', 'isolation', 'language', 'admittedOn'] as const;
type OptionalColumn = (typeof optionalColumns)[number];
const defaultColumns: OptionalColumn[] = ['status', 'fallRisk', 'isolation'];

type Filters = Pick<ListInput, 'query' | 'status' | 'unitId' | 'codeStatus' | 'fallRisk' | 'isolation'>;
const noFilters: Filters = { query: '', status: 'census', unitId: null, codeStatus: null, fallRisk: null, isolation: null };

/** Column id → the server's sort key (columns without one are not sortable). */
const sortOf: Partial<Record<string, CensusSort>> = {
  location: 'location',
  name: 'name',
  dateOfBirth: 'dateOfBirth',
  codeStatus: 'codeStatus',
  status: 'status',
  fallRisk: 'fallRisk',
  recordNumber: 'recordNumber',
  admittedOn: 'admittedOn',
};

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

interface PagesState {
  key: string;
  /** Bumped by every reset (a new combination, a reload), so a late answer to an older request is dropped. */
  generation: number;
  total: number | null;
  pages: Map<number, CensusRow[]>;
  error: AppError | null;
}

/**
 * Pages of the census fetched as the window scrolls to them; the server sorts, filters and counts.
 *
 * A page is asked for at most once while its request is on the way, and the mark is removed when the
 * answer comes back. (The marks used to stay forever, keyed by filter combination: going back to a
 * combination already loaded — a search cleared, a unit filter undone, a sort clicked twice — reset
 * the pages while the mark still said page 0 was requested, so nothing was ever fetched again and the
 * census showed "Loading residents…" for good.)
 */
function useCensusPages(filters: Filters, sort: CensusSort, desc: boolean) {
  const key = JSON.stringify([filters, sort, desc]);
  const [state, setState] = useState<PagesState>({ key, generation: 0, total: null, pages: new Map(), error: null });
  const requested = useRef(new Set<string>());
  const { generation } = state;

  const load = useCallback(
    (page: number) => {
      const id = `${generation}:${key}#${page}`;
      if (requested.current.has(id)) return;
      requested.current.add(id);
      void call('residents.list', { ...filters, sort, desc, offset: page * PAGE, limit: PAGE }).then((r) => {
        requested.current.delete(id);
        setState((s) => {
          if (s.key !== key || s.generation !== generation) return s;
          if (!r.ok) return { ...s, error: r.error };
          const pages = new Map(s.pages);
          pages.set(page, r.value.rows);
          return { ...s, total: r.value.total, pages, error: null };
        });
      });
    },
    [key, generation, filters, sort, desc],
  );

  // A new combination starts empty (React's "adjust state while rendering" pattern: no extra paint).
  if (state.key !== key) setState({ key, generation: generation + 1, total: null, pages: new Map(), error: null });
  useEffect(() => load(0), [load]);
  const { pages } = state;
  const rowAt = useCallback((i: number): CensusRow | undefined => pages.get(Math.floor(i / PAGE))?.[i % PAGE], [pages]);
  const reload = useCallback(() => setState((s) => ({ key: s.key, generation: s.generation + 1, total: null, pages: new Map(), error: null })), []);
  return { total: state.total, error: state.error, rowAt, load, pages, reload };
}

export function Census(p: { facility: Facility | null; onAdmit(): void; canWrite: boolean; refreshKey: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'location', desc: false }]);
  const [shown, setShown] = useState<OptionalColumn[]>(defaultColumns);
  const [prefsLoaded, setPrefsLoaded] = useState(false);
  const [chooserOpen, setChooserOpen] = useState(false);
  const lastSaved = useRef<string | null>(null);
  const query = useDebounced(filters.query, 150);
  const effective = useMemo(() => ({ ...filters, query }), [filters, query]);
  const sort = sortOf[sorting[0]?.id ?? 'location'] ?? 'location';
  const desc = sorting[0]?.desc ?? false;
  const data = useCensusPages(effective, sort, desc);
  const { reload } = data;
  const firstRefresh = useRef(p.refreshKey);
  useEffect(() => {
    if (firstRefresh.current !== p.refreshKey) reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload only when the parent says the census changed
  }, [p.refreshKey]);

  // Column choice and sort are the person's own and survive a restart (settings, scope user:<id>).
  useEffect(() => {
    void call('preferences.get', { key: 'census' }).then((r) => {
      const saved = r.ok ? r.value.census : null;
      if (saved) {
        const columns = saved.columns.filter((c): c is OptionalColumn => (optionalColumns as readonly string[]).includes(c));
        setShown(columns);
        const id = Object.entries(sortOf).find(([, s]) => s === saved.sort)?.[0] ?? 'location';
        setSorting([{ id, desc: saved.desc }]);
        lastSaved.current = JSON.stringify({ columns, sort: saved.sort, desc: saved.desc });
      } else lastSaved.current = JSON.stringify({ columns: defaultColumns, sort: 'location', desc: false });
      setPrefsLoaded(true);
    });
  }, []);
  useEffect(() => {
    if (!prefsLoaded) return;
    const value: CensusPreferences = { columns: shown, sort, desc };
    // Only a real change is saved (and audited), not every visit to the census.
    if (JSON.stringify(value) === lastSaved.current) return;
    const h = setTimeout(() => {
      lastSaved.current = JSON.stringify(value);
      void call('preferences.set', { key: 'census', value });
    }, 300);
    return () => clearTimeout(h);
  }, [prefsLoaded, shown, sort, desc]);

  const columns = useMemo<ColumnDef<CensusRow | undefined>[]>(() => {
    const dash = t('residents.none');
    const cols: ColumnDef<CensusRow | undefined>[] = [
      { id: 'location', header: t('residents.col.location'), cell: (c) => (c.row.original ? roomText(c.row.original.location) : '') },
      {
        id: 'name',
        header: t('residents.col.name'),
        cell: (c) => {
          const r = c.row.original;
          return r ? <a href={hrefOf({ view: 'resident', id: r.id })}>{residentName(r)}</a> : <span className="placeholder">{t('residents.loading')}</span>;
        },
      },
      { id: 'dateOfBirth', header: t('residents.col.dateOfBirth'), cell: (c) => (c.row.original ? dobWithAge(c.row.original, lang) : '') },
      {
        id: 'codeStatus',
        header: t('residents.col.codeStatus'),
        cell: (c) => (c.row.original ? <span className={`code-status code-${c.row.original.codeStatus}`}>{t(`residents.value.codeStatus.${c.row.original.codeStatus}`)}</span> : ''),
      },
      {
        id: 'allergies',
        header: t('residents.col.allergies'),
        cell: (c) => {
          const a = c.row.original?.allergies;
          if (!a) return '';
          return <span className={`allergy allergy-${a.state}${a.hasSevere ? ' allergy-severe' : ''}`}>{allergyText(a)}</span>;
        },
      },
      { id: 'status', header: t('residents.col.status'), cell: (c) => (c.row.original ? t(`residents.value.status.${c.row.original.status}`) : '') },
      { id: 'recordNumber', header: t('residents.col.recordNumber'), cell: (c) => c.row.original?.recordNumber ?? '' },
      { id: 'unit', header: t('residents.col.unit'), cell: (c) => c.row.original?.location?.unitName ?? (c.row.original ? dash : '') },
      {
        id: 'diet',
        header: t('residents.col.diet'),
        cell: (c) => {
          const r = c.row.original;
          return r ? `${t(`residents.value.dietType.${r.dietType}`)} · ${t(`residents.value.iddsiFood.${r.iddsiFood}`)} · ${t(`residents.value.iddsiDrink.${r.iddsiDrink}`)}` : '';
        },
      },
      {
        id: 'mobility',
        header: t('residents.col.mobility'),
        cell: (c) => (c.row.original ? `${t(`residents.value.transfer.${c.row.original.transfer}`)} · ${t(`residents.value.aid.${c.row.original.aid}`)}` : ''),
      },
      { id: 'fallRisk', header: t('residents.col.fallRisk'), cell: (c) => (c.row.original ? t(`residents.value.risk.${c.row.original.fallRisk}`) : '') },
      { id: 'wanderingRisk', header: t('residents.col.wanderingRisk'), cell: (c) => (c.row.original ? t(`residents.value.risk.${c.row.original.wanderingRisk}`) : '') },
      { id: 'isolation', header: t('residents.col.isolation'), cell: (c) => (c.row.original ? t(`residents.value.isolation.${c.row.original.isolation}`) : '') },
      {
        id: 'language',
        header: t('residents.col.language'),
        cell: (c) => (c.row.original ? `${c.row.original.language ?? dash}${c.row.original.interpreterNeeded ? ` · ${t('residents.field.interpreterNeeded')}` : ''}` : ''),
      },
      { id: 'admittedOn', header: t('residents.col.admittedOn'), cell: (c) => (c.row.original ? formatDate(c.row.original.statusSince, lang) : '') },
    ];
    // The table only sorts columns with an accessor; the server does the actual sorting (manualSorting).
    return cols.map((col) => ({ ...col, accessorFn: (row: CensusRow | undefined) => row?.id ?? 0, sortDescFirst: false, enableSorting: sortOf[col.id ?? ''] !== undefined }));
  }, [t, lang]);

  const visibility: VisibilityState = Object.fromEntries(optionalColumns.map((c) => [c, shown.includes(c)]));
  const total = data.total ?? 0;
  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setFilters((f) => ({ ...f, [k]: v }));
  const units = p.facility?.units ?? [];
  const anyFilter = '';

  return (
    <section aria-labelledby="census-heading" className="census">
      <h2 id="census-heading">{t('residents.census')}</h2>
      <div className="toolbar census-filters" role="search">
        <TextInput label={t('residents.search')} name="query" type="search" value={filters.query} onChange={(v) => set('query', v)} description={t('residents.searchHint')} />
        <SelectInput<StatusFilter>
          label={t('residents.status')}
          name="status"
          value={filters.status}
          onChange={(v) => set('status', v)}
          options={(['census', 'all', 'active', 'hospital', 'leave', 'discharged', 'deceased'] as const).map((s) => ({ value: s, label: t(`residents.statusFilter.${s}`) }))}
        />
        <SelectInput
          label={t('residents.unit')}
          name="unitId"
          value={filters.unitId === null ? anyFilter : String(filters.unitId)}
          onChange={(v) => set('unitId', v === anyFilter ? null : Number(v))}
          options={[{ value: anyFilter, label: t('residents.anyUnit') }, ...units.map((u) => ({ value: String(u.id), label: u.name }))]}
        />
        <SelectInput
          label={t('residents.codeStatus')}
          name="codeStatus"
          value={filters.codeStatus ?? anyFilter}
          onChange={(v) => set('codeStatus', v === anyFilter ? null : (v as Filters['codeStatus']))}
          options={[{ value: anyFilter, label: t('residents.anyCodeStatus') }, ...codeStatuses.map((c) => ({ value: c, label: t(`residents.value.codeStatus.${c}`) }))]}
        />
        <SelectInput
          label={t('residents.fallRisk')}
          name="fallRisk"
          value={filters.fallRisk ?? anyFilter}
          onChange={(v) => set('fallRisk', v === anyFilter ? null : (v as Filters['fallRisk']))}
          options={[{ value: anyFilter, label: t('residents.anyFallRisk') }, ...riskLevels.map((c) => ({ value: c, label: t(`residents.value.risk.${c}`) }))]}
        />
        <SelectInput
          label={t('residents.isolation')}
          name="isolation"
          value={filters.isolation ?? anyFilter}
          onChange={(v) => set('isolation', v === anyFilter ? null : (v as Filters['isolation']))}
          options={[
            { value: anyFilter, label: t('residents.anyIsolation') },
            { value: 'any', label: t('residents.anyPrecaution') },
            ...(['contact', 'droplet', 'airborne'] as const).map((c) => ({ value: c, label: t(`residents.value.isolation.${c}`) })),
          ]}
        />
      </div>
      <div className="toolbar">
        <Button onPress={() => setChooserOpen((o) => !o)} aria-expanded={chooserOpen} aria-controls="census-columns">
          {t('residents.chooseColumns')}
        </Button>
        {p.canWrite ? (
          <Button className="primary" onPress={p.onAdmit}>
            {t('residents.admit')}
          </Button>
        ) : null}
        <span className="census-total" role="status">
          {data.total === null ? t('residents.loading') : t('residents.total', { count: total })}
        </span>
      </div>
      {chooserOpen ? (
        <fieldset id="census-columns" className="column-chooser">
          <legend>{t('residents.columns')}</legend>
          <p className="description">{t('residents.alwaysShown')}</p>
          {optionalColumns.map((c) => (
            <label key={c} className="inline-check">
              <input type="checkbox" checked={shown.includes(c)} onChange={(e) => setShown((s) => (e.target.checked ? optionalColumns.filter((x) => x === c || s.includes(x)) : s.filter((x) => x !== c)))} />
              {t(`residents.col.${c}`)}
            </label>
          ))}
        </fieldset>
      ) : null}
      {data.error ? <Notice tone="error">{errorText(data.error)}</Notice> : null}
      {data.total === 0 ? (
        <div>
          <p className="empty">{t('residents.noneMatch')}</p>
          {filters.status === 'census' && query.trim() !== '' ? (
            <Button className="link" onPress={() => set('status', 'all')}>
              {t('residents.noneOnCensusSearchAll')}
            </Button>
          ) : null}
        </div>
      ) : null}
      <CensusGrid total={total} rowAt={data.rowAt} pages={data.pages} load={data.load} columns={columns} sorting={sorting} onSortingChange={setSorting} visibility={visibility} label={t('residents.census')} />
    </section>
  );
}


/**
 * The table body is its own component so a scroll frame re-renders only the rows in the window, and
 * the table model is built from those rows alone (not one entry per census row): with 5,000 residents
 * that is the difference between a few and a few hundred milliseconds of work per fetched page.
 */
function CensusGrid(p: {
  total: number;
  rowAt(i: number): CensusRow | undefined;
  pages: Map<number, CensusRow[]>;
  load(page: number): void;
  columns: ColumnDef<CensusRow | undefined>[];
  sorting: SortingState;
  onSortingChange: OnChangeFn<SortingState>;
  visibility: VisibilityState;
  label: string;
}) {
  const { total, rowAt, pages, load } = p;
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- virtualizer and table are re-read every render by design; nothing here is memoised by the compiler
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 6 });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    for (let page = Math.floor(firstIndex / PAGE); page <= Math.floor(lastIndex / PAGE); page++) if (!pages.has(page)) load(page);
  }, [firstIndex, lastIndex, pages, load]);
  // Rows not fetched yet are undefined and render as "Loading…".
  const windowRows = items.map((v) => rowAt(v.index));

  const table = useReactTable<CensusRow | undefined>({
    data: windowRows,
    columns: p.columns,
    state: { sorting: p.sorting, columnVisibility: p.visibility },
    onSortingChange: p.onSortingChange,
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    getCoreRowModel: getCoreRowModel(),
    rowCount: total,
  });
  const rows = table.getRowModel().rows;
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must take focus so it scrolls by keyboard (WCAG 2.1.1, axe scrollable-region-focusable)
    <div ref={scroller} className="census-scroller" tabIndex={0} role="region" aria-label={p.label}>
      <table className="data census-table" aria-rowcount={total + 1}>
        <caption className="visually-hidden">{p.label}</caption>
        <thead>
          <tr aria-rowindex={1}>
            {headers.map((h) => {
              const sorted = h.column.getIsSorted();
              const label = flexRender(h.column.columnDef.header, h.getContext());
              return (
                <th key={h.id} scope="col" className={`col-${h.id}`} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : h.column.getCanSort() ? 'none' : undefined}>
                  {h.column.getCanSort() ? (
                    <button type="button" className="sort" onClick={h.column.getToggleSortingHandler()}>
                      {label}
                      <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                    </button>
                  ) : (
                    label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 ? (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={headers.length} style={{ height: padTop }} />
            </tr>
          ) : null}
          {items.map((v, i) => {
            const row = rows[i];
            if (!row) return null;
            const r = row.original;
            return (
              <tr key={v.index} aria-rowindex={v.index + 2} style={{ height: ROW_HEIGHT }} className={r ? `status-${r.status}` : 'loading-row'}>
                {row.getVisibleCells().map((cell) => {
                  const content = flexRender(cell.column.columnDef.cell, cell.getContext());
                  return cell.column.id === 'name' ? (
                    <th key={cell.id} scope="row" className="col-name">
                      {content}
                    </th>
                  ) : (
                    <td key={cell.id} className={`col-${cell.column.id}`}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            );
          })}
          {padBottom > 0 ? (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={headers.length} style={{ height: padBottom }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
