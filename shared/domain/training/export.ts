/**
 * The compliance matrix as CSV for spreadsheets: one row per staff member, two columns per course
 * (status word, then the date that matters: expiry, due date or completion). RFC 4180 quoting, CRLF,
 * a BOM so Excel reads UTF-8 names correctly, and a leading apostrophe on text that a spreadsheet
 * would otherwise run as a formula.
 */
import { trainingCatalogs, type TrainingLanguage } from '../../i18n/training';
import type { ComplianceResult } from './status';
import type { StaffRole } from './vocabulary';

export interface MatrixCsvInput {
  language: TrainingLanguage;
  asOf: string;
  courses: readonly { name: string }[];
  rows: readonly { name: string; employeeId: string; role: StaffRole; unitName: string | null; cells: readonly ComplianceResult[] }[];
}

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function matrixCsv(input: MatrixCsvInput): string {
  const m = trainingCatalogs[input.language];
  const header = [m.matrix.staff, m.matrix.employeeId, m.filters.role, m.filters.unit, m.filters.asOf];
  for (const c of input.courses) header.push(c.name, `${c.name}: ${m.record.expiresOn}`);
  const lines = [header.map(csvCell).join(',')];
  for (const r of input.rows) {
    const cells = [r.name, r.employeeId, m.roles[r.role], r.unitName ?? '', input.asOf];
    for (const c of r.cells) cells.push(m.status[c.status], c.expiresOn ?? c.dueOn ?? c.completedOn ?? '');
    lines.push(cells.map(csvCell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
