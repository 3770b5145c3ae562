/**
 * The compliance matrix as CSV for spreadsheets: one row per staff member, two columns per course
 * (status word, then the date that matters: expiry, due date or completion), written by csv/write.
 */
import { toCsv } from '../csv/write';
import { trainingCatalogs, type TrainingLanguage } from '../../i18n/training';
import type { ComplianceResult } from './status';
import type { StaffRole } from './vocabulary';

export interface MatrixCsvInput {
  language: TrainingLanguage;
  asOf: string;
  courses: readonly { name: string }[];
  rows: readonly { name: string; employeeId: string; role: StaffRole; unitName: string | null; cells: readonly ComplianceResult[] }[];
}

export function matrixCsv(input: MatrixCsvInput): string {
  const m = trainingCatalogs[input.language];
  const header = [m.matrix.staff, m.matrix.employeeId, m.filters.role, m.filters.unit, m.filters.asOf];
  for (const c of input.courses) header.push(c.name, `${c.name}: ${m.record.expiresOn}`);
  const lines = [header];
  for (const r of input.rows) {
    const cells = [r.name, r.employeeId, m.roles[r.role], r.unitName ?? '', input.asOf];
    for (const c of r.cells) cells.push(m.status[c.status], c.expiresOn ?? c.dueOn ?? c.completedOn ?? '');
    lines.push(cells);
  }
  return toCsv(lines);
}
