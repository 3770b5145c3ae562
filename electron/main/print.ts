import fs from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, type SaveDialogOptions, type WebContents } from 'electron';
import { safePdfName } from './file-names';

export interface PrintToPdfOptions {
  pageSize: 'Letter' | 'A4';
  /** Wide tables (handoff sheet, training matrix) print landscape; letters and lists portrait. */
  landscape: boolean;
  /** Shown in the save dialog; reduced to a bare, safe file name. */
  suggestedName?: string;
}

export type PrintToPdfResult = { saved: true; file: string } | { saved: false };

/**
 * Renders the current page to PDF, then asks where to save it. The PDF is made first so it
 * shows exactly what was on screen when the person chose Print, not after the dialog closed.
 */
export async function printToPdf(contents: WebContents, options: PrintToPdfOptions): Promise<PrintToPdfResult> {
  const pdf = await contents.printToPDF({
    // The document's CSS @page size decides the paper (the facility's setting, the document's
    // orientation). Without this, Chromium takes the paper from the options and scales the CSS
    // layout to fit it, shrinking the text without a word (PRINTING.md, "Paper"); the renderer's
    // print kit has already loaded the fonts and measured the layout at that size.
    preferCSSPageSize: true,
    // Only used for a page with no @page size of its own.
    landscape: options.landscape,
    pageSize: options.pageSize,
    // Backgrounds vanish on paper without it; printed documents do not rely on them, screens printed whole may.
    printBackground: true,
    // Headings, tables and reading order survive into the PDF for screen readers.
    generateTaggedPDF: true,
  });
  const dialogOptions: SaveDialogOptions = {
    defaultPath: path.join(app.getPath('documents'), safePdfName(options.suggestedName)),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const owner = BrowserWindow.fromWebContents(contents);
  const choice = owner ? await dialog.showSaveDialog(owner, dialogOptions) : await dialog.showSaveDialog(dialogOptions);
  if (choice.canceled || !choice.filePath) return { saved: false };
  await fs.writeFile(choice.filePath, pdf);
  return { saved: true, file: choice.filePath };
}

/**
 * Sends the current page to the system print dialog. The document's CSS @page size is the
 * facility's paper; `pageSize` and `landscape` say the same to the dialog, so a printer loaded with
 * that paper prints it unscaled. Resolves with whether it was sent (false: cancelled or failed).
 */
export function printToPrinter(contents: WebContents, options: Pick<PrintToPdfOptions, 'pageSize' | 'landscape'>): Promise<{ printed: boolean }> {
  return new Promise((resolve) => {
    contents.print({ silent: false, printBackground: true, landscape: options.landscape, pageSize: options.pageSize }, (success) => resolve({ printed: success }));
  });
}
