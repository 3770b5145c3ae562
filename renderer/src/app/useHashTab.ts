import { useCallback, useEffect, useState } from 'react';
import { navigateTo } from './leave-guard';

/**
 * The open tab of an area, kept in the address after the area ("#/training/lapsing"), so a reload,
 * Back and Forward return to the same tab rather than the first one.
 */
export function useHashTab<T extends string>(area: string, tabs: readonly T[], fallback: T): [T, (tab: T) => void] {
  const known = tabs.join('/'); // a new array each render must not mean a new listener each render
  const read = useCallback((): T => {
    const [first, second] = window.location.hash.replace(/^#\/?/, '').split('/');
    return first === area && known.split('/').includes(second ?? '') ? (second as T) : fallback;
  }, [area, known, fallback]);
  const [tab, setTab] = useState<T>(read);
  useEffect(() => {
    const onHash = () => setTab(read());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [read]);
  const choose = useCallback(
    (next: T) => {
      setTab(next);
      navigateTo(`#/${area}/${next}`);
    },
    [area],
  );
  return [tab, choose];
}
