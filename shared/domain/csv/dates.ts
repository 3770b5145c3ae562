/**
 * Dates in imported files, never read by guessing.
 *
 * `03/04/2026` is 4 March in a US export and 3 April in a European one, and nothing in the cell says
 * which. So the order of day and month is a choice the file is read with (`ImportDateFormat`):
 * - it is detected from the file only when every date in it agrees — the dates allow exactly one order
 *   (a `13/02/2026` anywhere rules out month-first for the whole file);
 * - otherwise (every date fits both orders, or the dates contradict each other) the person chooses, and
 *   until they do an import can be previewed — with the reading stated — but not written.
 *
 * Year-first dates (`2026-03-04`, also `2026/3/4` and `2026.3.4`) cannot be misread, so they are read the
 * same under every choice and never make a file ambiguous. Day-month dates need a four-digit year
 * (`3/4/26` could be 1926 or 2026) and may use `/`, `.` or `-` between their parts.
 */
import { daysInMonth, formatIsoDate } from '../dates';

export const IMPORT_DATE_FORMATS = ['ymd', 'mdy', 'dmy'] as const;
export type ImportDateFormat = (typeof IMPORT_DATE_FORMATS)[number];

export function isImportDateFormat(value: unknown): value is ImportDateFormat {
  return typeof value === 'string' && (IMPORT_DATE_FORMATS as readonly string[]).includes(value);
}

const YEAR_FIRST = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const DAY_MONTH = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/;

function iso(year: number, month: number, day: number): string | null {
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return formatIsoDate({ year, month, day });
}

/** How one cell reads: year-first (same under every format) or the two day-month readings. */
export type DateCellReading =
  | { kind: 'year_first'; iso: string | null }
  | { kind: 'day_month'; mdy: string | null; dmy: string | null }
  | { kind: 'other' };

export function readDateCell(text: string): DateCellReading {
  const y = YEAR_FIRST.exec(text);
  if (y !== null) return { kind: 'year_first', iso: iso(Number(y[1]), Number(y[3]), Number(y[4])) };
  const d = DAY_MONTH.exec(text);
  if (d === null) return { kind: 'other' };
  const a = Number(d[1]);
  const b = Number(d[3]);
  const year = Number(d[4]);
  return { kind: 'day_month', mdy: iso(year, a, b), dmy: iso(year, b, a) };
}

/** The ISO date a (trimmed) cell stands for under `format`; null when it is not a real date in it. */
export function parseDateAs(text: string, format: ImportDateFormat): string | null {
  const r = readDateCell(text);
  if (r.kind === 'year_first') return r.iso;
  if (r.kind === 'other' || format === 'ymd') return null;
  return format === 'mdy' ? r.mdy : r.dmy;
}

export interface DateFormatDetection {
  /** The format every date in the file agrees on; null when the file does not decide it. */
  format: ImportDateFormat | null;
  /** Formats under which every readable date in the file is a real date; empty when they contradict. */
  candidates: ImportDateFormat[];
  /**
   * The cell the preview shows as "read as …": the first that reads differently by format, else the first
   * day-month date, else the first date at all.
   */
  example: string | null;
}

/**
 * Decides the format from the date cells of a file (trimmed; blanks and repeats are fine). Cells that are
 * no date under any format do not vote: they are row errors whichever format is used.
 */
export function detectDateFormat(cells: Iterable<string>): DateFormatDetection {
  let mdyOk = true;
  let dmyOk = true;
  let dayMonth = false;
  // Only a cell whose two readings differ makes the order matter: 04/04/2026 is the same day either way.
  let differs = false;
  let firstAny: string | null = null;
  let firstDayMonth: string | null = null;
  let firstDiffering: string | null = null;
  const seen = new Set<string>();
  for (const text of cells) {
    if (text === '' || seen.has(text)) continue;
    seen.add(text);
    const r = readDateCell(text);
    if (r.kind === 'other') continue;
    if (r.kind === 'year_first') {
      if (r.iso !== null) firstAny ??= text;
      continue;
    }
    if (r.mdy === null && r.dmy === null) continue;
    firstAny ??= text;
    firstDayMonth ??= text;
    dayMonth = true;
    if (r.mdy === null) mdyOk = false;
    if (r.dmy === null) dmyOk = false;
    if (r.mdy !== null && r.dmy !== null && r.mdy !== r.dmy) {
      differs = true;
      firstDiffering ??= text;
    }
  }
  const example = firstDiffering ?? firstDayMonth ?? firstAny;
  if (!dayMonth) return { format: 'ymd', candidates: [...IMPORT_DATE_FORMATS], example };
  const candidates: ImportDateFormat[] = [];
  if (mdyOk) candidates.push('mdy');
  if (dmyOk) candidates.push('dmy');
  if (candidates.length === 1) return { format: candidates[0]!, candidates, example };
  // Both orders fit and no date reads differently (only days like 04/04): either reads the file alike.
  if (candidates.length === 2 && !differs) return { format: 'mdy', candidates, example };
  return { format: null, candidates, example };
}

/** How a file's dates are being read in a preview or a commit. */
export interface DateReading {
  /** The format the rows were read with. */
  format: ImportDateFormat;
  /**
   * chosen: the person picked it; detected: every date in the file agrees on it; unconfirmed: the file
   * does not decide it and nobody has chosen yet — the preview shows this reading, a commit is refused.
   */
  state: 'chosen' | 'detected' | 'unconfirmed';
  /** Formats that read every date in the file. */
  candidates: ImportDateFormat[];
  /** One date of the file as written and as read (ISO), with its reading under the other order if that differs. */
  example: { text: string; readAs: string | null; otherwise: string | null } | null;
}

/**
 * The reading to use: the person's choice when there is one, else the detected format. When neither
 * exists the rows are still read — month first, the order of the US exports these files mostly come
 * from — so the preview can state exactly what would be written, but the state says it is unconfirmed.
 */
export function resolveDateReading(detection: DateFormatDetection, chosen: ImportDateFormat | null): DateReading {
  const format = chosen ?? detection.format ?? 'mdy';
  const state = chosen !== null ? 'chosen' : detection.format !== null ? 'detected' : 'unconfirmed';
  let example: DateReading['example'] = null;
  if (detection.example !== null) {
    const text = detection.example;
    const readAs = parseDateAs(text, format);
    const other = format === 'mdy' ? 'dmy' : format === 'dmy' ? 'mdy' : null;
    const alt = other === null ? null : parseDateAs(text, other);
    example = { text, readAs, otherwise: alt !== null && alt !== readAs ? alt : null };
  }
  return { format, state, candidates: detection.candidates, example };
}
