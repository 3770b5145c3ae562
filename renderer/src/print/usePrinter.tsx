import { useCallback, useRef, useState, type ReactElement, type ReactNode } from 'react';
import type { PrintableDocument, PrintDestination } from '../../../shared/contract/print';
import type { AppError, Result } from '../../../shared/result';
import { printDocument } from '../api/print';
import { PreparedContext, type PrepareResult } from './PrintDocument';

export interface PrintRequest {
  /** What main authorises and audits (shared/contract/print.ts). */
  document: PrintableDocument;
  /** File name offered in Electron's save dialog. */
  suggestedName: string;
  /** Inside Electron: the system print dialog ('printer') or a PDF file ('pdf', the default). */
  to?: PrintDestination;
  /**
   * Loads everything the printout needs (every row, not the screen's page) and returns the
   * document: a <PrintDocument> element. Called when the person presses Print.
   */
  render(): Promise<Result<ReactElement>>;
}

interface Job {
  id: number;
  element: ReactElement;
  prepared(result: PrepareResult): void;
}

/**
 * Printing from a screen: `print(request)` loads the data, mounts the document off screen, waits
 * until the kit has measured and adjusted it (fonts loaded, nothing too wide, no row split), then
 * prints: main's printToPDF inside Electron, the browser's own print elsewhere. Render `view`
 * anywhere in the screen; the document portals itself next to the app.
 */
export function usePrinter(): { print(request: PrintRequest): Promise<AppError | null>; view: ReactNode; busy: boolean } {
  const [job, setJob] = useState<Job | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = useRef(0);
  const running = useRef(false);

  const print = useCallback(async (request: PrintRequest): Promise<AppError | null> => {
    if (running.current) return null;
    running.current = true;
    setBusy(true);
    try {
      const loaded = await request.render();
      if (!loaded.ok) return loaded.error;
      const id = ++ids.current;
      const close = () => setJob((j) => (j?.id === id ? null : j));
      const result = await new Promise<PrepareResult>((prepared) => setJob({ id, element: loaded.value, prepared }));
      if (!result.ok) {
        close();
        return result.error;
      }
      // In a browser, print() returns before or after the dialog depending on the browser;
      // 'afterprint' is when the document may go. Inside Electron, main has the PDF when the call returns.
      const inBrowser = !window.caredesk;
      if (inBrowser) window.addEventListener('afterprint', close, { once: true });
      const error = await printDocument(request.document, request.suggestedName, result.orientation === 'landscape', request.to ?? 'pdf');
      if (!inBrowser || error) {
        window.removeEventListener('afterprint', close);
        close();
      }
      return error;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);

  const view = job ? (
    <PreparedContext.Provider key={job.id} value={job.prepared}>
      {job.element}
    </PreparedContext.Provider>
  ) : null;
  return { print, view, busy };
}
