/**
 * What changed, as the other stations (and this one's other windows) hear it: an entity and its
 * id, never the row — the payload travels through PostgreSQL's NOTIFY (under 8000 bytes) and to
 * renderers, so it carries no health information. Listeners refetch what they show.
 */
export interface ChangeEvent {
  /** The audited entity: 'resident', 'staff', 'training_record', 'user', 'facility', … */
  entity: string;
  /** null: many rows of this entity changed (an import); refetch all of it. */
  id: string | null;
  /**
   * 'unavailable': the facility server cannot be reached (entity '*');
   * 'reconnected': it can again, and events may have been missed: refetch everything.
   */
  kind?: 'change' | 'unavailable' | 'reconnected';
  /** With 'unavailable': since when (ISO instant). */
  since?: string;
}

export type ChangeListener = (events: readonly ChangeEvent[]) => void;

export class ChangeFeed {
  private listeners = new Set<ChangeListener>();

  subscribe(fn: ChangeListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  publish(events: readonly ChangeEvent[]): void {
    if (events.length === 0) return;
    for (const fn of this.listeners) {
      try {
        fn(events);
      } catch {
        // A listener's failure (a closed window) must not stop the others hearing.
      }
    }
  }
}

/** Folds repeats and caps the list: many rows of one entity become one "refetch all" event. */
export function foldChanges(events: readonly ChangeEvent[], perEntityLimit = 50): ChangeEvent[] {
  const byEntity = new Map<string, Set<string | null>>();
  for (const e of events) {
    let ids = byEntity.get(e.entity);
    if (!ids) byEntity.set(e.entity, (ids = new Set()));
    ids.add(e.id);
  }
  const out: ChangeEvent[] = [];
  for (const [entity, ids] of byEntity) {
    if (ids.has(null) || ids.size > perEntityLimit) out.push({ entity, id: null });
    else for (const id of ids) out.push({ entity, id });
  }
  return out;
}
