import { z } from 'zod';
import { isIsoDate } from '../domain/dates';
import { permissions, roles } from '../domain/roles';

/** Database row ids are positive integers. */
export const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

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

/** A calendar date without a time zone, 'YYYY-MM-DD'. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'invalid_date' })
  .refine(isIsoDate, { error: 'invalid_date' });

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
