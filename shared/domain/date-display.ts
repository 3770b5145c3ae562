/**
 * How every date and time is shown, on screen and on paper: the month as a word ("Dec 2, 2026",
 * "2 dic 2026"), which no reader can take for another day — 02/12 is February to one nurse and
 * December to the next (the NHS date-display standard, ISB 1503, for the same reason). One function
 * for calendar dates and one for instants, so no screen invents a third format.
 *
 * Pure: Intl is part of the language, not of the DOM or Node, so main, the renderer and the tests
 * format the same way.
 */

// Building an Intl.DateTimeFormat costs far more than using one; the census formats thousands of dates.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = make()));
  return f;
}

/**
 * A calendar date ('YYYY-MM-DD') in the reader's language: "Dec 2, 2026" / "2 dic 2026". UTC on both
 * sides, so no time zone can move the day. Text that is not a date comes back unchanged rather
 * than as "Invalid Date": a display must never hide what is stored.
 */
export function formatDate(iso: string, language: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const f = formatter(`d|${language}`, () => new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }));
  const date = new Date(Date.UTC(2000, Number(m[2]) - 1, Number(m[3])));
  date.setUTCFullYear(Number(m[1])); // years before 100 would otherwise be read as 19xx
  return f.format(date);
}

/** An instant (UTC ISO string) as the facility's wall clock: "Dec 2, 2026, 14:05" / "2 dic 2026, 14:05". */
export function formatDateTime(instant: string, language: string, timeZone: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  const f = formatter(`dt|${language}|${timeZone}`, () =>
    new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }),
  );
  return f.format(date);
}

/**
 * An instant as a clock time in the language's own style ("2:05 PM" / "14:05"), in `timeZone`
 * (the runtime's zone when undefined). The driver's manifest and the trip board print one per
 * trip: a formatter built per call cost more than the rest of the row.
 */
export function formatClock(instant: string, language: string, timeZone: string | undefined): string {
  const f = formatter(`c|${language}|${timeZone ?? ''}`, () => new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit', ...(timeZone ? { timeZone } : {}) }));
  return f.format(new Date(instant));
}
