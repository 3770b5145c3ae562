import { useCallback, useEffect, useState } from 'react';
import { navigateTo } from './leave-guard';

/** The area shown, kept in the URL hash so reload and back/forward keep the place. */
export function useHashRoute<A extends string>(areas: readonly A[], fallback: A): [A, (a: A) => void] {
  const read = useCallback((): A => {
    const h = window.location.hash.replace(/^#\/?/, '').split('/')[0] as A;
    return areas.includes(h) ? h : fallback;
  }, [areas, fallback]);
  const [area, setArea] = useState<A>(read);
  useEffect(() => {
    const onHash = () => setArea(read());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [read]);
  const go = useCallback((a: A) => {
    navigateTo(`#/${a}`);
    setArea(a);
  }, []);
  return [area, go];
}
