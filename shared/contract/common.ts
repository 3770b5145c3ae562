import { z } from 'zod';
import { IMPORT_DATE_FORMATS } from '../domain/csv/dates';
import { AS_OF_RANGE, isIsoDate } from '../domain/dates';
import { permissions, roles } from '../domain/roles';

/** Database row ids are positive integers. */
export const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * A record's row version. Outputs carry it; an update names the version it was edited from, and a
 * newer one saved meanwhile (at another station) refuses the update with who and when.
 */
export const Version = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * A cheap bound on what is even trimmed and checked: four times the limit. Text beyond it is
 * reported with the field's real limit — a person who pasted 5,000 characters into a 300-character
 * note must read "at most 300", not the size of this internal bound.
 */
const untrimmed = (max: number) =>
  z.string().check((ctx) => {
    if (ctx.value.length > max * 4) ctx.issues.push({ code: 'too_big', origin: 'string', maximum: max, inclusive: true, input: ctx.value });
  });

/** Trimmed single-line text with a hard cap, so nothing unbounded reaches the database. */
export const text = (max: number) =>
  untrimmed(max)
    .transform((s) => s.trim())
    .pipe(z.string().min(1).max(max));

export const optionalText = (max: number) =>
  untrimmed(max)
    .transform((s) => s.trim())
    .pipe(z.string().max(max))
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional()
    .transform((s) => s ?? null);

/** A calendar date without a time zone, 'YYYY-MM-DD'; one invalid_date per bad field (abort: no second check). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'invalid_date', abort: true })
  .refine(isIsoDate, { error: 'invalid_date', abort: true });

/**
 * The date a view is computed "as of" (matrix, lapsing, in-service, coverage, a shift's schedule): a real
 * date inside AS_OF_RANGE, refused by name otherwise, so every date the contract lets through computes.
 */
export const AsOfDate = IsoDate.refine((d) => !isIsoDate(d) || (d >= AS_OF_RANGE.min && d <= AS_OF_RANGE.max), {
  error: 'date_out_of_range',
  params: { min: AS_OF_RANGE.min, max: AS_OF_RANGE.max },
});

/** How an import reads day-month dates; null (the default) = detect it from the file. */
export const ImportDateFormatInput = z.enum(IMPORT_DATE_FORMATS).nullable().default(null);

/** How an import preview read the file's dates (shared/domain/csv/dates: DateReading). */
export const ImportDatesOut = z.object({
  format: z.enum(IMPORT_DATE_FORMATS),
  state: z.enum(['chosen', 'detected', 'unconfirmed']),
  candidates: z.array(z.enum(IMPORT_DATE_FORMATS)),
  example: z.object({ text: z.string(), readAs: IsoDate.nullable(), otherwise: IsoDate.nullable() }).nullable(),
});

/** An instant in UTC, ISO-8601 with 'Z'. */
export const IsoInstant = z.iso.datetime({ offset: false });

/** Wall-clock time 'HH:MM' (24 h). */
export const WallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'invalid_time' });

/** IANA time zone name, checked against the runtime's own list. */
export const TimeZone = z
  .string()
  .max(64)
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { error: 'invalid_time_zone' },
  );

export const RoleSchema = z.enum(roles);
export const PermissionSchema = z.enum(permissions);
export const LanguageSchema = z.enum(['en', 'es']);
export type Language = z.infer<typeof LanguageSchema>;
export const PaperSizeSchema = z.enum(['letter', 'a4']);

/** Server-side paging: no channel ships a whole table. */
export const Paging = {
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
};

export const Empty = z.strictObject({});

export const pageOf = <T extends z.ZodType>(row: T) => z.object({ rows: z.array(row), total: z.number().int() });

// Usernames are what people type at 06:30: letters, digits, dot, dash, underscore.
export const Username = text(64).pipe(z.string().regex(/^[\p{L}\p{N}._-]+$/u, { error: 'invalid_username' }));
