import { useEffect, useRef, useState } from 'react';

/**
 * What changed at any station (entity and id, never data) and whether the facility server can be
 * reached, as main pushes it: over IPC inside Electron, as server-sent events from the harness.
 * Screens refetch what they show; nobody polls whole tables.
 */
export interface ChangeEvent {
  entity: string;
  id: string | null;
  kind?: 'change' | 'unavailable' | 'reconnected';
  since?: string;
}

type Listener = (events: readonly ChangeEvent[]) => void;

const listeners = new Set<Listener>();
let started = false;

function dispatch(events: unknown): void {
  if (!Array.isArray(events)) return;
  const list = events.filter((e): e is ChangeEvent => typeof e === 'object' && e !== null && typeof (e as ChangeEvent).entity === 'string');
  if (list.length === 0) return;
  for (const l of listeners) l(list);
}

function start(): void {
  if (started) return;
  started = true;
  const bridge = window.caredesk;
  if (bridge?.onChanges) {
    bridge.onChanges(dispatch);
    return;
  }
  const token = document.querySelector<HTMLMetaElement>('meta[name="caredesk-harness-token"]')?.content;
  if (!token || typeof EventSource === 'undefined') return;
  // EventSource reconnects by itself; a 'reconnected' from main follows any gap on the server side.
  const source = new EventSource(`./__events?token=${encodeURIComponent(token)}`);
  source.onmessage = (m: MessageEvent<string>) => {
    try {
      dispatch(JSON.parse(m.data));
    } catch {
      // Not ours.
    }
  };
}

export function onChanges(listener: Listener): () => void {
  start();
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Lets any failed call report the server gone (a call can find out before the change feed does). */
export function reportUnavailable(since: string): void {
  dispatch([{ entity: '*', id: null, kind: 'unavailable', since }]);
}

/**
 * Calls `refetch` when another station (or this one) changes one of `entities`, and after the
 * server comes back (events may have been missed). Changes arriving together refetch once.
 */
export function useLiveRefresh(entities: readonly string[], refetch: () => void, delayMs = 120): void {
  const latest = useRef(refetch);
  useEffect(() => {
    latest.current = refetch;
  });
  const key = entities.join('|');
  useEffect(() => {
    const wanted = new Set(key.split('|'));
    let timer: number | null = null;
    const off = onChanges((events) => {
      if (!events.some((e) => e.kind === 'reconnected' || (e.kind !== 'unavailable' && wanted.has(e.entity)))) return;
      if (timer !== null) window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        timer = null;
        latest.current();
      }, delayMs);
    });
    return () => {
      off();
      if (timer !== null) window.clearTimeout(timer);
    };
  }, [key, delayMs]);
}

/** Since when the facility server has been unreachable (ISO instant), or null while it answers. */
export function useServerUnavailable(): string | null {
  const [since, setSince] = useState<string | null>(null);
  useEffect(
    () =>
      onChanges((events) => {
        for (const e of events) {
          if (e.kind === 'unavailable') setSince((s) => s ?? e.since ?? new Date().toISOString());
          if (e.kind === 'reconnected') setSince(null);
        }
      }),
    [],
  );
  return since;
}
