import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { Connection } from '../core/dispatcher';
import { err, type Result } from '../../shared/result';
import { CHANGES_CHANNEL, INVOKE_CHANNEL } from '../preload/channel';
import type { OutputOf } from '../../shared/contract';
import { printToPdf, printToPrinter } from './print';
import { isAppUrl } from './url-policy';

async function printAuthorised(contents: WebContents, connection: Connection, job: OutputOf<'print.pdf'>, token: string | null): Promise<Result<unknown>> {
  let saved = false;
  try {
    const pageSize = job.pageSize === 'a4' ? 'A4' : 'Letter';
    if (job.to === 'printer') {
      const sent = await printToPrinter(contents, { pageSize, landscape: job.landscape });
      saved = sent.printed;
      return { ok: true, value: { ...job, saved: sent.printed, file: null } };
    }
    const done = await printToPdf(contents, { pageSize, landscape: job.landscape, suggestedName: job.suggestedName });
    saved = done.saved;
    return { ok: true, value: { ...job, saved: done.saved, file: done.saved ? done.file : null } };
  } catch {
    return err('internal', 'error.internal');
  } finally {
    // The audit trail says how it ended, named by the print's one-time token: recorded even when
    // the save dialog outlasted the idle lock, and only ever once.
    if (token !== null) await connection.invoke('print.finished', { job: token, saved }).catch(() => undefined);
  }
}

/**
 * Only our window's top frame, showing our own origin, may call. A frame that navigated away,
 * an iframe, or another webContents is refused before the dispatcher sees the call.
 */
function isTrustedSender(event: IpcMainInvokeEvent, ourWindow: WebContents | null): boolean {
  const frame = event.senderFrame;
  if (frame === null || ourWindow === null || ourWindow.isDestroyed()) return false;
  if (event.sender !== ourWindow) return false;
  const main = ourWindow.mainFrame;
  if (frame.parent !== null || frame.processId !== main.processId || frame.frameToken !== main.frameToken) return false;
  return isAppUrl(frame.url);
}

/** What answers the window's calls: the dispatcher, or the start-up recovery service until the database opens. */
export interface Served {
  connect(): Connection;
}

/**
 * The one IPC entry point. Each webContents gets its own connection (its own login session),
 * made on first use and closed when the webContents goes away — or when what serves has changed
 * (the recovery screen opened the database: the reloaded window talks to the dispatcher).
 */
export function registerIpc(served: () => Served, ourWindow: () => WebContents | null): void {
  const connections = new Map<number, { conn: Connection; from: Served; unsubscribe: () => void }>();

  function connectionFor(contents: WebContents): Connection {
    // The id is read now: after 'destroyed' the webContents can no longer be asked for it.
    const id = contents.id;
    const existing = connections.get(id);
    const now = served();
    if (existing?.from === now) return existing.conn;
    if (existing) {
      existing.unsubscribe();
      void existing.conn.close();
    } else {
      contents.once('destroyed', () => {
        const gone = connections.get(id);
        gone?.unsubscribe();
        void gone?.conn.close();
        connections.delete(id);
      });
    }
    const conn = now.connect();
    // Other stations' changes reach the window, so its census and lists refresh without a reload.
    const unsubscribe = conn.subscribe((events) => {
      if (!contents.isDestroyed()) contents.send(CHANGES_CHANNEL, events);
    });
    connections.set(id, { conn, from: now, unsubscribe });
    return conn;
  }

  ipcMain.handle(INVOKE_CHANNEL, async (event, method: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event, ourWindow())) return err('forbidden', 'error.forbidden');
    const connection = connectionFor(event.sender);
    // The print's one-time token comes back to main alone, beside the renderer's answer.
    let token: string | null = null;
    const result = await connection.invoke(method, input, { printJob: (t) => (token = t) });
    // The dispatcher has authorised, validated and audited the print; rendering it is Electron's part.
    if (method === 'print.pdf' && result.ok) return printAuthorised(event.sender, connection, result.value as OutputOf<'print.pdf'>, token);
    return result;
  });
}
