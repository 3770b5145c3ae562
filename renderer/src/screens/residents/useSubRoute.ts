import { useCallback, useEffect, useState } from 'react';
import { navigateTo } from '../../app/leave-guard';

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
export function useResidentsRoute(): [ResidentsRoute, (r: ResidentsRoute) => void] {
  const [route, setRoute] = useState<ResidentsRoute>(read);
  useEffect(() => {
    const onHash = () => setRoute(read());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = useCallback((r: ResidentsRoute) => {
    navigateTo(hrefOf(r));
    setRoute(r);
  }, []);
  return [route, go];
}
