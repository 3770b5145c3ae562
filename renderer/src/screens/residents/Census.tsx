import type { SortingState, VisibilityState } from '@tanstack/react-table';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Button } from 'react-aria-components';
import type { Facility } from '../../../../shared/contract/facility';
import type { CensusPreferences, StatusFilter } from '../../../../shared/contract/residents';
import { codeStatuses, riskLevels } from '../../../../shared/domain/residents/vocabulary';
import { useLiveRefresh } from '../../api/changes';
import { call } from '../../api/client';
import { Notice, SearchInput, SelectInput } from '../../components/fields';
import { errorText, useTranslation } from '../../i18n';
import { defaultColumns, optionalColumns, sortOf, useCensusColumns, type OptionalColumn } from './census-columns';
import { noFilters, takePrefetchedPreferences, useCensusPages, type CensusFilters } from './census-pages';
import { CensusGrid } from './CensusGrid';
import { word } from './words';


/** Saved census preferences as the census holds them (unknown columns dropped); null: the defaults. */
function preferencesView(saved: CensusPreferences | null): { columns: OptionalColumn[]; sorting: SortingState; saved: string } {
  if (!saved) return { columns: defaultColumns, sorting: [{ id: 'location', desc: false }], saved: JSON.stringify({ columns: defaultColumns, sort: 'location', desc: false }) };
  const columns = saved.columns.filter((c): c is OptionalColumn => (optionalColumns as readonly string[]).includes(c));
  const id = Object.entries(sortOf).find(([, s]) => s === saved.sort)?.[0] ?? 'location';
  return { columns, sorting: [{ id, desc: saved.desc }], saved: JSON.stringify({ columns, sort: saved.sort, desc: saved.desc }) };
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

/**
 * The census: a compact filter bar (labels beside their fields, one line at 1366 pixels in English)
 * over a table that fills the rest of the window — at 1366×768 at least 15 residents are in view.
 */
export function Census(p: { facility: Facility | null; refreshKey: number; onOpen(id: number): void }) {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<CensusFilters>(noFilters);
  // The saved columns and sort, when they came with the route change (prefetchCensus): the census
  // is built in the person's own shape in its first render, not rebuilt when they arrive.
  const [initial] = useState(() => {
    const saved = takePrefetchedPreferences();
    return saved === undefined ? null : preferencesView(saved);
  });
  const [sorting, setSorting] = useState<SortingState>(initial?.sorting ?? [{ id: 'location', desc: false }]);
  const [shown, setShown] = useState<OptionalColumn[]>(initial?.columns ?? defaultColumns);
  const [prefsLoaded, setPrefsLoaded] = useState(initial !== null);
  const [chooserOpen, setChooserOpen] = useState(false);
  const lastSaved = useRef<string | null>(initial?.saved ?? null);
  const query = useDebounced(filters.query, 150);
  const effective = useMemo(() => ({ ...filters, query }), [filters, query]);
  const sort = sortOf[sorting[0]?.id ?? 'location'] ?? 'location';
  const desc = sorting[0]?.desc ?? false;
  const data = useCensusPages(effective, sort, desc);
  // Admissions, moves and discharges at any station show here within a second, without a reload.
  useLiveRefresh(['resident', 'room'], data.refresh);
  const { reload } = data;
  const firstRefresh = useRef(p.refreshKey);
  useEffect(() => {
    if (firstRefresh.current !== p.refreshKey) reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload only when the parent says the census changed
  }, [p.refreshKey]);

  // Column choice and sort are the person's own and survive a restart (settings, scope user:<id>).
  useEffect(() => {
    if (initial !== null) return;
    void call('preferences.get', { key: 'census' }).then((r) => {
      const view = preferencesView(r.ok ? r.value.census : null);
      setShown(view.columns);
      setSorting(view.sorting);
      lastSaved.current = view.saved;
      setPrefsLoaded(true);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on mount, when the route did not bring them
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


  const units = p.facility?.units ?? noUnits;
  const loadedRows = useMemo(() => [...data.pages.values()].flat(), [data.pages]);
  const { columns, samples, texts, samplesKey } = useCensusColumns(
    units.map((u) => u.name),
    loadedRows,
  );
  const visibility: VisibilityState = Object.fromEntries(optionalColumns.map((c) => [c, shown.includes(c)]));
  const total = data.total ?? 0;
  const set = useCallback<SetFilter>((k, v) => setFilters((f) => ({ ...f, [k]: v })), []);
  const toggleChooser = useCallback(() => setChooserOpen((o) => !o), []);

  // Enter in the search opens the resident when the search finds exactly one — asked of main with
  // what is typed now, not what the debounced list showed a moment ago.
  const { onOpen } = p;
  const openSingleMatch = useCallback(
    (e: KeyboardEvent<HTMLInputElement>) => {
      if (e.key !== 'Enter' || filters.query.trim() === '') return;
      e.preventDefault();
      void call('residents.list', { ...filters, sort, desc, offset: 0, limit: 2 }).then((r) => {
        if (r.ok && r.value.rows.length === 1) onOpen(r.value.rows[0]!.id);
      });
    },
    [filters, sort, desc, onOpen],
  );

  return (
    <section aria-labelledby="census-heading" className="census">
      <h2 id="census-heading" className="visually-hidden">
        {t('residents.census')}
      </h2>
      <div className="toolbar census-filters" role="search">
        <CensusFilterFields language={i18n.language} filters={filters} set={set} units={units} chooserOpen={chooserOpen} toggleChooser={toggleChooser} onSearchKeyDown={openSingleMatch} />
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
      <CensusGrid
        total={total}
        rowAt={data.rowAt}
        pages={data.pages}
        load={data.load}
        columns={columns}
        samples={samples}
        texts={texts}
        sorting={sorting}
        onSortingChange={setSorting}
        visibility={visibility}
        label={t('residents.census')}
        samplesKey={samplesKey}
      />
    </section>
  );
}

type Unit = Facility['units'][number];
type SetFilter = <K extends keyof CensusFilters>(k: K, v: CensusFilters[K]) => void;
const noUnits: readonly Unit[] = [];
const anyFilter = '';

/**
 * The filter fields, memoised: the census re-renders when its rows arrive, a page loads or the total
 * changes, and none of that changes a field. Native controls (SearchInput, SelectInput) and option
 * words from the per-language cache: the bar is built on every arrival at the census.
 */
const CensusFilterFields = memo(function CensusFilterFields(p: {
  /** The words are the language's: a new language renders the bar again. */
  language: string;
  filters: CensusFilters;
  set: SetFilter;
  units: readonly Unit[];
  chooserOpen: boolean;
  toggleChooser(): void;
  onSearchKeyDown(e: KeyboardEvent<HTMLInputElement>): void;
}) {
  const { filters, set, units } = p;
  return (
    <>
      <SearchInput
        label={word('residents.search')}
        name="query"
        value={filters.query}
        onChange={(v) => set('query', v)}
        hint={word('residents.searchHint')}
        placeholder={word('residents.searchPlaceholder')}
        onKeyDown={p.onSearchKeyDown}
      />
      <SelectInput<StatusFilter>
        label={word('residents.status')}
        name="status"
        value={filters.status}
        onChange={(v) => set('status', v)}
        options={(['census', 'all', 'active', 'hospital', 'leave', 'discharged', 'deceased'] as const).map((s) => ({ value: s, label: word(`residents.statusFilter.${s}`) }))}
      />
      <SelectInput
        label={word('residents.unit')}
        name="unitId"
        value={filters.unitId === null ? anyFilter : String(filters.unitId)}
        onChange={(v) => set('unitId', v === anyFilter ? null : Number(v))}
        options={[{ value: anyFilter, label: word('residents.anyUnit') }, ...units.map((u) => ({ value: String(u.id), label: u.name }))]}
      />
      <SelectInput
        label={word('residents.codeStatus')}
        name="codeStatus"
        value={filters.codeStatus ?? anyFilter}
        onChange={(v) => set('codeStatus', v === anyFilter ? null : (v as CensusFilters['codeStatus']))}
        options={[{ value: anyFilter, label: word('residents.anyCodeStatus') }, ...codeStatuses.map((c) => ({ value: c, label: word(`residents.value.codeStatus.${c}`) }))]}
      />
      <SelectInput
        label={word('residents.fallRisk')}
        name="fallRisk"
        value={filters.fallRisk ?? anyFilter}
        onChange={(v) => set('fallRisk', v === anyFilter ? null : (v as CensusFilters['fallRisk']))}
        options={[
          { value: anyFilter, label: word('residents.anyFallRisk') },
          ...riskLevels.map((c) => ({ value: c, label: word(`residents.value.risk.${c}`) })),
          // Who still needs a fall-risk assessment.
          { value: 'not_assessed', label: word('residents.notAssessed') },
        ]}
      />
      <SelectInput
        label={word('residents.isolation')}
        name="isolation"
        value={filters.isolation ?? anyFilter}
        onChange={(v) => set('isolation', v === anyFilter ? null : (v as CensusFilters['isolation']))}
        options={[
          { value: anyFilter, label: word('residents.anyIsolation') },
          { value: 'any', label: word('residents.anyPrecaution') },
          ...(['contact', 'droplet', 'airborne'] as const).map((c) => ({ value: c, label: word(`residents.value.isolation.${c}`) })),
        ]}
      />
      <button type="button" onClick={p.toggleChooser} aria-expanded={p.chooserOpen} aria-controls="census-columns">
        {word('residents.chooseColumns')}
      </button>
    </>
  );
});
