import { useCallback, useRef } from 'react';

/**
 * For views whose inputs change faster than their answers come back (an as-of date typed digit by digit,
 * a filter flipped twice): only the answer to the latest request is shown. Answers can arrive out of order —
 * a loaded station, a busy server — and an older one must never overwrite a newer one on screen.
 *
 * `latest(request, show)` starts the request now and calls `show` with its answer only if no later request
 * was started through the same hook meanwhile.
 */
export function useLatest(): <T>(request: Promise<T>, show: (answer: T) => void) => void {
  const seq = useRef(0);
  return useCallback(<T,>(request: Promise<T>, show: (answer: T) => void) => {
    const mine = ++seq.current;
    void request.then((answer) => {
      if (mine === seq.current) show(answer);
    });
  }, []);
}
