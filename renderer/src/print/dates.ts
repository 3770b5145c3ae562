/**
 * Dates and times on paper, in the app's one date format: the month as a word ("Dec 2, 2026" /
 * "2 dic 2026"), which no reader can misread (DOMAIN.md, after NHS ISB 1503), and the facility's
 * time zone for every time.
 *
 * STAND-IN: the app-wide date display is being built on the residents branch. When it lands,
 * replace the two function bodies below with calls to it; every printed document formats through
 * these two functions, so nothing else changes.
 */

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(language: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}`;
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(language, { year: 'numeric', month: 'short', day: 'numeric', timeZone })));
  return f;
}

/** A calendar date ('YYYY-MM-DD') with the month as a word; UTC on both sides so no zone moves the day. */
export function displayDate(iso: string, language: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y); // years before 100 would otherwise be read as 19xx
  return dateFormat(language, 'UTC').format(date);
}

/** An instant as date and 24-hour time in the facility's zone: { date: "Mar 2, 2026", time: "08:00" }. */
export function displayDateTime(instant: Date, timeZone: string, language: string): { date: string; time: string } {
  const key = `${language}|${timeZone}`;
  let t = timeFormats.get(key);
  if (!t) timeFormats.set(key, (t = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone })));
  return { date: dateFormat(language, timeZone).format(instant), time: t.format(instant) };
}
