import type { Queries } from '../queries';
import type { ChangeEvent, ChangeFeed } from './changes';
import type { EngineKind } from './types';

/** What a write may do besides its statements: say what it changed, heard by every station after commit. */
export interface WriteScope {
  publish(events: readonly ChangeEvent[]): void;
}

/**
 * The one data layer the dispatcher and handlers are written against, whichever engine is behind
 * it: the embedded SQLite file (one station) or the facility's PostgreSQL server (several).
 */
export interface Engine {
  readonly kind: EngineKind;
  /** Every query, bound to whatever handle is current when it runs. */
  readonly q: Queries;
  /** Runs reads. SQLite: under the connection's lock, so no half-done write is ever seen. */
  read<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Runs `fn` in one transaction: SQLite `BEGIN IMMEDIATE`, PostgreSQL `SERIALIZABLE`. On the
   * server a serialization failure or deadlock runs `fn` again (a bounded number of times), so
   * `fn` must do nothing but database work. Throwing rolls everything back.
   */
  write<T>(fn: (scope: WriteScope) => Promise<T>): Promise<T>;
  /** Changes committed by any station (this one included), as the engine hears of them. */
  readonly changes: ChangeFeed;
  /** Since when the server has been unreachable (ISO instant), or null. Always null on SQLite. */
  unavailableSince(): string | null;
  close(): Promise<void>;
}
