/** The one IPC channel between preload and main; both import it so the name is written once. */
export const INVOKE_CHANNEL = 'caredesk:invoke';

/** What the preload puts on window.caredesk. The renderer's client types it from shared/contract. */
export interface CareDeskBridge {
  invoke(method: string, input: unknown): Promise<unknown>;
}
