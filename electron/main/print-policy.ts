import type { Policy } from '../../shared/policy/schema';

/**
 * How a job goes to paper under the administrator's policy, as Electron's webContents.print
 * options. Silent printing needs both keys: allowSilentPrinting and a defaultPrinter to send to;
 * otherwise the print dialog is shown, preselecting the default printer when there is one.
 * Today's print path saves PDFs (print.ts); the paper path uses this when it lands.
 */
export interface PaperPrintOptions {
  silent: boolean;
  deviceName?: string;
}

export function paperPrintOptions(policy: Pick<Policy, 'defaultPrinter' | 'allowSilentPrinting'>): PaperPrintOptions {
  const deviceName = policy.defaultPrinter;
  return { silent: policy.allowSilentPrinting === true && deviceName !== undefined, ...(deviceName !== undefined ? { deviceName } : {}) };
}
