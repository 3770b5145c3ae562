import { useCallback, useState } from 'react';

/**
 * Unsaved form contents, kept in memory only (never on disk: it is health information) so an idle
 * lock does not throw away what a nurse was typing. They belong to the person who typed them:
 * when someone else signs in at the station they are dropped unseen, and signing out on purpose
 * drops them too.
 */
const drafts = new Map<string, unknown>();
let owner: number | null = null;

/** At every sign-in: the same person finds their drafts; anyone else finds none. */
export function adoptDrafts(userId: number): void {
  if (owner !== userId) drafts.clear();
  owner = userId;
}

export function dropDrafts(): void {
  drafts.clear();
  owner = null;
}

export function hasDraft(key: string): boolean {
  return drafts.has(key);
}

/**
 * Form state that survives the form being unmounted by a lock. `dirty` says whether it differs
 * from what the form started with; `discard` forgets it (after saving, or when the person chooses
 * to throw it away).
 */
export function useDraft<T>(
  key: string,
  initial: () => T,
  /** What counts as the person's work; choices the form makes by itself (a first free bed) do not. */
  typed: (v: T) => unknown = (v) => v,
): { value: T; set(update: (v: T) => T): void; dirty: boolean; restored: boolean; discard(): void } {
  const [start] = useState(() => JSON.stringify(typed(initial())));
  const [restored] = useState(() => drafts.has(key));
  const [value, setValue] = useState<T>(() => (drafts.has(key) ? (drafts.get(key) as T) : initial()));
  const set = useCallback(
    (update: (v: T) => T) =>
      setValue((v) => {
        const next = update(v);
        if (JSON.stringify(typed(next)) === start) drafts.delete(key);
        else drafts.set(key, next);
        return next;
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `typed` is a pure projection; a new closure each render changes nothing
    [key, start],
  );
  const discard = useCallback(() => drafts.delete(key), [key]);
  return { value, set, dirty: JSON.stringify(typed(value)) !== start, restored, discard };
}
