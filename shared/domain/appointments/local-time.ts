/**
 * Local wall-clock date-times ("06:30 on Monday, facility time") as strings and as *wall
 * milliseconds*: the number Date.UTC would give for the same fields, i.e. the wall time read as if
 * it were UTC. Wall milliseconds sort like wall times and need no zone; they are what the
 * recurrence library returns in floating mode and what the resolver turns into instants.
 * Nothing here reads the host's zone (Date.UTC and getUTC* only).
 */

/** 'YYYY-MM-DDTHH:mm': what a person types and what a series stores. */
export type LocalDateTime = string;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Strict parse of 'YYYY-MM-DDTHH:mm' (or with ':ss' when `seconds` is allowed) to wall ms;
 * null for anything else, including 24:00 and calendar days that do not exist.
 */
export function parseLocal(text: string, opts: { seconds?: boolean } = {}): number | null {
  const m = LOCAL.exec(text);
  if (m === null) return null;
  if (m[6] !== undefined && opts.seconds !== true) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const d = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  d.setUTCFullYear(year);
  return d.getTime();
}

/** Like parseLocal for values that were validated already: a bad one is a bug, so it throws. */
export function requireLocal(text: string, opts: { seconds?: boolean } = {}): number {
  const ms = parseLocal(text, opts);
  if (ms === null) throw new RangeError(`Not a local date-time: ${JSON.stringify(text)}`);
  return ms;
}

export function isLocalDateTime(value: unknown): value is LocalDateTime {
  return typeof value === 'string' && parseLocal(value) !== null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Wall ms → 'YYYY-MM-DDTHH:mm' (or with ':ss'). Formatting is for keys and display, never in hot loops. */
export function formatLocal(wallMs: number, opts: { seconds?: boolean } = {}): LocalDateTime {
  const d = new Date(wallMs);
  const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return opts.seconds === true ? `${base}:${pad(d.getUTCSeconds())}` : base;
}

/** The calendar date of a wall time, 'YYYY-MM-DD'. */
export function localDateOf(wallMs: number): string {
  return formatLocal(wallMs).slice(0, 10);
}

/** 'HH:mm' of a wall time. */
export function localTimeOf(wallMs: number): string {
  return formatLocal(wallMs).slice(11, 16);
}

/** iCalendar / RRULE basic form 'YYYYMMDDTHHMMSS' of a wall time. */
export function compactLocal(wallMs: number): string {
  const d = new Date(wallMs);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

/** Milliseconds since local midnight. */
export function timeOfDayMs(wallMs: number): number {
  return ((wallMs % DAY_MS) + DAY_MS) % DAY_MS;
}

/** An instant in epoch ms → ISO-8601 UTC with 'Z', as the contract carries instants. */
export function isoInstant(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
