import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CensusPreferences, CensusRow, CensusSort, ListInput } from '../../../../shared/contract/residents';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';

export const PAGE = 100;

export type CensusFilters = Pick<ListInput, 'query' | 'status' | 'unitId' | 'codeStatus' | 'fallRisk' | 'isolation'>;

/** What the census opens on: everyone on it, no filter, in door order. */
export const noFilters: CensusFilters = { query: '', status: 'census', unitId: null, codeStatus: null, fallRisk: null, isolation: null };

type PageAnswer = Awaited<ReturnType<typeof call<'residents.list'>>>;
type PreferencesAnswer = Awaited<ReturnType<typeof call<'preferences.get'>>>;
const pageInput = (filters: CensusFilters, sort: CensusSort, desc: boolean, page: number) => ({ ...filters, sort, desc, offset: page * PAGE, limit: PAGE });
let prefetched: { key: string; at: number; answer: Promise<PageAnswer>; value: PageAnswer | null } | null = null;
let prefetchedPreferences: { at: number; value: PreferencesAnswer | null } | null = null;

/**
 * Asks for the census's first page the moment someone goes to the census, before React builds it: the
 * route waits for the answer (briefly, see useResidentsRoute), so the census mounts with its first
 * rows and is laid out and painted once, whole — never an empty table first. Used once, by the census
 * that mounts next, if it asks for the same page within a few seconds; otherwise forgotten.
 *
 * The person's saved columns and sort are asked for at the same time, in parallel: the census mounts
 * with them, in the order the person chose, instead of painting the default columns and order and
 * then building itself a second time (and fetching again) when they arrive after the first frame.
 */
export function prefetchCensus(): Promise<unknown> {
  const input = pageInput(noFilters, 'location', false, 0);
  // The preferences are asked for first: main answers them in well under a millisecond, while the
  // page is being read, so the census waits for the page alone. Asked second, they waited behind the
  // page's query in main and added a round trip after it.
  const preferences = call('preferences.get', { key: 'census' });
  const answer = call('residents.list', input);
  const entry: NonNullable<typeof prefetched> = { key: JSON.stringify(input), at: Date.now(), answer, value: null };
  prefetched = entry;
  const prefs: NonNullable<typeof prefetchedPreferences> = { at: Date.now(), value: null };
  prefetchedPreferences = prefs;
  return Promise.all([
    answer.then((value) => {
      entry.value = value;
    }),
    preferences.then((value) => {
      prefs.value = value;
    }),
  ]);
}

/**
 * The census preferences asked for with the route change, taken (once) if they arrived within a few
 * seconds: the saved value, or null when the person has none. Undefined when there is nothing to
 * take (opened by a reload, or the answer is late or failed): the census asks for them itself.
 */
export function takePrefetchedPreferences(): CensusPreferences | null | undefined {
  const p = prefetchedPreferences;
  prefetchedPreferences = null;
  if (!p || p.value === null || !p.value.ok || Date.now() - p.at > 3000) return undefined;
  return p.value.value.census;
}

/** The prefetched answer for `input`, taken (once); `arrived`: only if it is already here. */
function takePrefetched(input: ReturnType<typeof pageInput>, arrived = false): NonNullable<typeof prefetched> | null {
  const p = prefetched;
  if (!p || p.key !== JSON.stringify(input) || Date.now() - p.at > 3000 || (arrived && p.value === null)) return null;
  prefetched = null;
  return p;
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
export function useCensusPages(filters: CensusFilters, sort: CensusSort, desc: boolean) {
  const key = JSON.stringify([filters, sort, desc]);
  const [state, setState] = useState<PagesState>(() => {
    // The first page, when it already arrived (prefetchCensus): in the very first render.
    const ready = takePrefetched(pageInput(filters, sort, desc, 0), true)?.value;
    if (ready?.ok) return { key, generation: 0, total: ready.value.total, pages: new Map([[0, ready.value.rows]]), error: null };
    return { key, generation: 0, total: null, pages: new Map(), error: null };
  });
  const requested = useRef(new Set<string>());
  const { generation } = state;

  const load = useCallback(
    (page: number) => {
      const id = `${generation}:${key}#${page}`;
      if (requested.current.has(id)) return;
      requested.current.add(id);
      const input = pageInput(filters, sort, desc, page);
      // A prefetched first page still on its way is waited for, not asked for twice.
      void ((page === 0 ? takePrefetched(input)?.answer : undefined) ?? call('residents.list', input)).then((r) => {
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
  // Asked for at commit, not after the first paint: the census's first rows arrive a frame sooner.
  // Not at all when they came with the first render.
  const hasFirst = state.pages.has(0);
  useLayoutEffect(() => {
    if (!hasFirst) load(0);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- per combination (load changes with it), not when page 0 arrives
  }, [load]);
  const { pages } = state;
  const rowAt = useCallback((i: number): CensusRow | undefined => pages.get(Math.floor(i / PAGE))?.[i % PAGE], [pages]);
  const reload = useCallback(() => setState((s) => ({ key: s.key, generation: s.generation + 1, total: null, pages: new Map(), error: null })), []);
  // Another station changed a resident: the pages on screen are fetched again and swapped in as they
  // arrive, so the census never blanks or jumps back to the top while a nurse reads it.
  const loaded = useRef<number[]>([]);
  useEffect(() => {
    loaded.current = [...pages.keys()];
  }, [pages]);
  const refresh = useCallback(() => {
    for (const page of loaded.current) {
      void call('residents.list', { ...filters, sort, desc, offset: page * PAGE, limit: PAGE }).then((r) => {
        if (!r.ok) return;
        setState((s) => {
          if (s.key !== key || s.generation !== generation) return s;
          const next = new Map(s.pages);
          next.set(page, r.value.rows);
          return { ...s, total: r.value.total, pages: next };
        });
      });
    }
  }, [key, generation, filters, sort, desc]);
  return { total: state.total, error: state.error, rowAt, load, pages, reload, refresh };
}

