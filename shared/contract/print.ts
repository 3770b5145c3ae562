import { z } from 'zod';
import { PaperSizeSchema, text } from './common';
import { method } from './method';

/**
 * Printable documents and who may print each. Printing is an export of protected health
 * information, so it goes through the dispatcher like any write: checked and audited.
 */
export const printableDocuments = {
  'users.list': 'users.read',
  'residents.census': 'residents.read',
  'training.matrix': 'training.read',
  'training.lapsing': 'training.read',
  'training.reminders': 'training.read',
  'training.signInSheet': 'training.read',
  'handoff.sheet': 'handoff.read',
  /** Every unit's sheet, each unit's appointment list of the day and every vehicle's manifest in one PDF, for when a station or the server is down. */
  'handoff.downtime': 'handoff.read',
  'transport.manifest': 'transport.read',
  /** A unit's (or the facility's) appointments of one day. */
  'appointments.dayList': 'appointments.read',
} as const;
export type PrintableDocument = keyof typeof printableDocuments;

export const PrintDestination = z.enum(['printer', 'pdf']);
export type PrintDestination = z.output<typeof PrintDestination>;

export const printContract = {
  /**
   * Authorises and records a print. In Electron, main then renders the page with printToPDF
   * and asks where to save it (filling `saved`/`file`); in a browser the renderer prints itself.
   */
  'print.pdf': method({
    input: z.strictObject({
      document: z.enum(Object.keys(printableDocuments) as [PrintableDocument, ...PrintableDocument[]]),
      suggestedName: text(100),
      landscape: z.boolean().default(true),
      /**
       * Where it goes inside Electron: 'printer' opens the system print dialog; 'pdf' renders a PDF
       * (printToPDF) and asks where to save it. A browser prints itself either way.
       */
      to: PrintDestination.default('pdf'),
    }),
    output: z.object({
      document: z.enum(Object.keys(printableDocuments) as [PrintableDocument, ...PrintableDocument[]]),
      pageSize: PaperSizeSchema,
      landscape: z.boolean(),
      suggestedName: z.string(),
      to: PrintDestination,
      saved: z.boolean(),
      file: z.string().nullable(),
    }),
    access: 'signed_in',
    write: true,
  }),
  /**
   * Main records how an authorised print ended: saved to a file, or cancelled at the dialog. Only
   * main can: `job` is the one-time token the dispatcher handed main (never the renderer) with
   * that print.pdf call, so an outcome cannot be forged for a document someone may not print, nor
   * recorded twice. Public because the token is the credential: the save dialog may outlast the
   * idle lock, and the outcome must still be recorded, for the person who printed.
   */
  'print.finished': method({
    input: z.strictObject({
      job: z.string().min(32).max(100),
      saved: z.boolean(),
    }),
    output: z.object({}),
    access: 'public',
    write: true,
  }),
};
