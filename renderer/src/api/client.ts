import type { InputOf, MethodName, OutputOf } from '../../../shared/contract';
import type { RecoveryInput, RecoveryMethod, RecoveryOutput } from '../../../shared/contract/startup-recovery';
import type { Result } from '../../../shared/result';
import { reportUnavailable } from './changes';

type Invoke = (method: string, input: unknown) => Promise<unknown>;

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in the browser harness. */
    caredesk?: { invoke: Invoke; onChanges?: (listener: (events: unknown) => void) => () => void };
  }
}

const offline = { ok: false, error: { code: 'internal', message: 'error.offline' } } as const;

/**
 * Picks the transport once: the preload's bridge inside Electron, or the loopback harness
 * (which stamps a per-run token into the page) when the renderer runs in a plain browser.
 */
function pickTransport(): Invoke {
  const bridge = window.caredesk;
  if (bridge) return (m, i) => bridge.invoke(m, i);
  const token = document.querySelector<HTMLMetaElement>('meta[name="caredesk-harness-token"]')?.content;
  if (token) {
    return async (method, input) => {
      const res = await fetch('./__invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-caredesk-token': token },
        body: JSON.stringify({ method, input }),
      });
      return res.ok ? res.json() : offline;
    };
  }
  return async () => offline;
}

const transport = pickTransport();
const unauthenticatedListeners = new Set<() => void>();

/** Lets the app shell return to sign-in when any call finds the session gone (idle lock, deactivation). */
export function onSessionLost(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/** The typed api: one object argument, a Result back, types inferred from the contract. */
export async function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<Result<OutputOf<M>>> {
  let result: Result<OutputOf<M>>;
  try {
    result = (await transport(method, input)) as Result<OutputOf<M>>;
  } catch {
    result = offline;
  }
  if (!result.ok && result.error.code === 'unauthenticated' && method !== 'auth.signIn') {
    unauthenticatedListeners.forEach((l) => l());
  }
  // The server gone: the banner says so at once (the dialog keeps what the person typed).
  if (!result.ok && result.error.code === 'unavailable' && typeof result.error.params?.since === 'string' && result.error.message === 'error.serverUnavailable') {
    reportUnavailable(result.error.params.since);
  }
  return result;
}

/**
 * The start-up recovery screen's calls (shared/contract/startup-recovery): the same transport,
 * answered by main's recovery service while the database cannot be opened.
 */
export async function callRecovery<M extends RecoveryMethod>(method: M, input: RecoveryInput<M>): Promise<Result<RecoveryOutput<M>>> {
  try {
    return (await transport(method, input)) as Result<RecoveryOutput<M>>;
  } catch {
    return offline;
  }
}
