import { useEffect, useRef } from 'react';

/**
 * Typed work is never lost by leaving: while a form holds unsaved changes, a reload or closing the
 * window asks first (beforeunload; inside Electron main turns it into a dialog), and moving to
 * another address (Back, Alt+Left, a typed URL) is held and handed to the form to ask.
 */
type Ask = (proceed: () => void) => void;
const guards: Ask[] = [];
let passThrough = false;

// Capture at the window runs before the areas' own hashchange listeners, so they never see a
// move that the person has not agreed to yet.
window.addEventListener(
  'hashchange',
  (e) => {
    const ask = guards.at(-1);
    if (passThrough || !ask) {
      passThrough = false;
      return;
    }
    e.stopImmediatePropagation();
    const target = e.newURL;
    history.replaceState(history.state, '', e.oldURL);
    ask(() => {
      passThrough = true;
      window.location.href = target;
    });
  },
  { capture: true },
);

/**
 * The app's own moves (a link in the app, opening the record just admitted) go through here: they
 * are never held, even while a closing form has not yet let go of its guard.
 */
export function navigateTo(hash: string): void {
  if (window.location.hash === hash) return;
  passThrough = true;
  window.location.hash = hash;
}

const onBeforeUnload = (e: BeforeUnloadEvent) => {
  if (guards.length === 0) return;
  e.preventDefault();
  e.returnValue = ''; // still needed by Chromium for the prompt
};
window.addEventListener('beforeunload', onBeforeUnload);

/** While `active`, leaving the page asks first; `ask` shows the form's own "discard?" step. */
export function useLeaveGuard(active: boolean, ask: Ask): void {
  const latest = useRef(ask);
  useEffect(() => {
    latest.current = ask;
  });
  useEffect(() => {
    if (!active) return;
    const guard: Ask = (proceed) => latest.current(proceed);
    guards.push(guard);
    return () => {
      guards.splice(guards.indexOf(guard), 1);
    };
  }, [active]);
}
