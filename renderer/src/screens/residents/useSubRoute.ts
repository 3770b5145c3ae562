import { useCallback, useEffect, useRef, useState } from 'react';
import { navigateTo } from '../../app/leave-guard';
import { prefetchCensus } from './census-pages';

export type ResidentsRoute = { view: 'census' } | { view: 'resident'; id: number } | { view: 'beds' } | { view: 'import' };

function read(): ResidentsRoute {
  const parts = window.location.hash.replace(/^#\/?/, '').split('/');
  if (parts[0] !== 'residents') return { view: 'census' };
  if (parts[1] === 'r' && /^\d+$/.test(parts[2] ?? '')) return { view: 'resident', id: Number(parts[2]) };
  if (parts[1] === 'beds') return { view: 'beds' };
  if (parts[1] === 'import') return { view: 'import' };
  return { view: 'census' };
}

export function hrefOf(r: ResidentsRoute): string {
  switch (r.view) {
    case 'census':
      return '#/residents';
    case 'resident':
      return `#/residents/r/${r.id}`;
    case 'beds':
      return '#/residents/beds';
    case 'import':
      return '#/residents/import';
  }
}

/** The place inside the residents area, in the hash after "#/residents", so reload and back keep it. */
/** How long going to the census waits for its first rows before showing it anyway ("Loading…"). */
const CENSUS_WAIT_MS = 250;

export function useResidentsRoute(): [ResidentsRoute, (r: ResidentsRoute) => void] {
  const [route, setRoute] = useState<ResidentsRoute>(read);
  // Where we are, or are about to be: going to the census first asks for its first page and shows the
  // census when it is here (or after CENSUS_WAIT_MS), so it appears whole in one frame.
  const current = useRef<ResidentsRoute['view']>(route.view);
  const arrive = useCallback((r: ResidentsRoute) => {
    const from = current.current;
    current.current = r.view;
    if (r.view !== 'census' || from === 'census') {
      if (r.view !== 'census') setRoute(r);
      return;
    }
    void Promise.race([prefetchCensus(), new Promise((done) => setTimeout(done, CENSUS_WAIT_MS))]).then(() => {
      if (current.current === 'census') setRoute(r);
    });
  }, []);
  useEffect(() => {
    const onHash = () => arrive(read());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [arrive]);
  const go = useCallback(
    (r: ResidentsRoute) => {
      navigateTo(hrefOf(r));
      arrive(r);
    },
    [arrive],
  );
  return [route, go];
}
