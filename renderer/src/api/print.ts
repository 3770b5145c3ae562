import type { PrintableDocument, PrintDestination } from '../../../shared/contract/print';
import type { AppError } from '../../../shared/result';
import { call } from './client';

/**
 * Prints what is on paper now: the print kit's mounted document (renderer/src/print; screens call
 * usePrinter, which calls this once the document is measured). Main authorises and audits every
 * print; inside Electron it also renders the PDF and asks where to save it, in a browser the page
 * prints itself. `landscape` only matters to a page without a CSS @page size: CSS decides the paper.
 */
export async function printDocument(document: PrintableDocument, suggestedName: string, landscape = true, to: PrintDestination = 'pdf'): Promise<AppError | null> {
  const r = await call('print.pdf', { document, suggestedName, landscape, to });
  if (!r.ok) return r.error;
  if (!window.caredesk) window.print();
  return null;
}
