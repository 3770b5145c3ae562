/** The IPC channels between preload and main; both import them so each name is written once. */
export const INVOKE_CHANNEL = 'caredesk:invoke';
/** main → renderer: what changed at any station (entity and id, never data), and the server's reachability. */
export const CHANGES_CHANNEL = 'caredesk:changes';

/** What the preload puts on window.caredesk. The renderer's client types it from shared/contract. */
export interface CareDeskBridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  /** Calls `listener` with each batch of change events; returns the unsubscribe function. */
  onChanges(listener: (events: unknown) => void): () => void;
}
