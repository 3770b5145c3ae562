/**
 * The recurrence rules a care coordinator can make, as data and as an RRULE body.
 *
 * Deliberately a subset of RFC 5545: daily, weekly and monthly rules at one time of day (taken
 * from the series' DTSTART). No HOURLY/MINUTELY (no appointment recurs within a day, and the
 * resolver's "one wall time per day" reasoning would not hold), no BYHOUR/BYMINUTE (one time of
 * day keeps duration, DST shifting and "this and following" simple), and no COUNT or UNTIL in the
 * stored body: the end is the series' own `untilLocal` column, so a split only moves that column
 * and never rewrites the rule.
 */

export const ruleFrequencies = ['daily', 'weekly', 'monthly'] as const;
export type RuleFrequency = (typeof ruleFrequencies)[number];

export const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof weekdays)[number];

export const RULE_MAX_INTERVAL = 52;

export interface RecurrenceRule {
  freq: RuleFrequency;
  /** Every n days / weeks / months. */
  interval: number;
  /** Weekly: the days. Monthly with `bySetPos`: the one weekday ("2nd Tuesday"). Empty otherwise. */
  byDay: Weekday[];
  /** Monthly: days of the month, 1–31 or -1 for the last day. Empty otherwise. */
  byMonthDay: number[];
  /** Monthly: which of the month's `byDay` weekdays: 1–4, or -1 for the last. */
  bySetPos: number | null;
}

export type RuleProblem =
  | 'weekly_needs_days'
  | 'days_only_weekly_or_monthly'
  | 'month_days_only_monthly'
  | 'monthly_needs_day'
  | 'set_pos_needs_one_weekday'
  | 'invalid_rule';

/** Shape rules a structured rule must follow (value ranges are the schema's job). */
export function ruleProblem(rule: RecurrenceRule): RuleProblem | null {
  if (rule.interval < 1 || rule.interval > RULE_MAX_INTERVAL || !Number.isInteger(rule.interval)) return 'invalid_rule';
  if (rule.freq === 'daily') {
    if (rule.byDay.length > 0) return 'days_only_weekly_or_monthly';
    if (rule.byMonthDay.length > 0) return 'month_days_only_monthly';
    if (rule.bySetPos !== null) return 'invalid_rule';
    return null;
  }
  if (rule.freq === 'weekly') {
    if (rule.byMonthDay.length > 0) return 'month_days_only_monthly';
    if (rule.byDay.length === 0) return 'weekly_needs_days';
    if (rule.bySetPos !== null) return 'invalid_rule';
    return null;
  }
  // Monthly: either days of the month, or "the nth weekday".
  if (rule.bySetPos !== null) {
    if (rule.byDay.length !== 1 || rule.byMonthDay.length > 0) return 'set_pos_needs_one_weekday';
    return null;
  }
  if (rule.byDay.length > 0) return 'set_pos_needs_one_weekday';
  if (rule.byMonthDay.length === 0) return 'monthly_needs_day';
  return null;
}

const sortDays = (days: readonly Weekday[]) => [...new Set(days)].sort((a, b) => weekdays.indexOf(a) - weekdays.indexOf(b));
// Positive days ascending, then -1 (last day) at the end: the order a person reads them in.
const sortMonthDays = (days: readonly number[]) => [...new Set(days)].sort((a, b) => (a < 0 ? 100 - a : a) - (b < 0 ? 100 - b : b));

/** The RRULE body ('FREQ=WEEKLY;BYDAY=MO,WE,FR'), in one canonical order so equal rules are equal strings. */
export function formatRule(rule: RecurrenceRule): string {
  const parts = [`FREQ=${rule.freq.toUpperCase()}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.byDay.length > 0) parts.push(`BYDAY=${sortDays(rule.byDay).join(',')}`);
  if (rule.byMonthDay.length > 0) parts.push(`BYMONTHDAY=${sortMonthDays(rule.byMonthDay).join(',')}`);
  if (rule.bySetPos !== null) parts.push(`BYSETPOS=${rule.bySetPos}`);
  // WKST=MO is the RFC default; writing it keeps INTERVAL=2 weekly rules unambiguous for any reader.
  if (rule.freq === 'weekly' && rule.interval > 1) parts.push('WKST=MO');
  return parts.join(';');
}

const INT = /^-?\d{1,3}$/;

/** Reads a stored RRULE body back; null for anything outside the subset above. */
export function parseRule(body: string): RecurrenceRule | null {
  const rule: RecurrenceRule = { freq: 'daily', interval: 1, byDay: [], byMonthDay: [], bySetPos: null };
  let freq: RuleFrequency | null = null;
  const seen = new Set<string>();
  for (const part of body.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    const key = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (seen.has(key)) return null;
    seen.add(key);
    switch (key) {
      case 'FREQ': {
        const f = value.toLowerCase();
        if (!(ruleFrequencies as readonly string[]).includes(f)) return null;
        freq = f as RuleFrequency;
        break;
      }
      case 'INTERVAL':
        if (!INT.test(value)) return null;
        rule.interval = Number(value);
        break;
      case 'BYDAY': {
        const days = value.split(',');
        if (!days.every((d) => (weekdays as readonly string[]).includes(d))) return null;
        rule.byDay = days as Weekday[];
        break;
      }
      case 'BYMONTHDAY': {
        const days = value.split(',');
        if (!days.every((d) => INT.test(d))) return null;
        rule.byMonthDay = days.map(Number);
        if (!rule.byMonthDay.every((d) => d === -1 || (d >= 1 && d <= 31))) return null;
        break;
      }
      case 'BYSETPOS':
        if (!INT.test(value)) return null;
        rule.bySetPos = Number(value);
        if (!(rule.bySetPos === -1 || (rule.bySetPos >= 1 && rule.bySetPos <= 4))) return null;
        break;
      case 'WKST':
        if (value !== 'MO') return null;
        break;
      default:
        return null;
    }
  }
  if (freq === null) return null;
  rule.freq = freq;
  return ruleProblem(rule) === null ? rule : null;
}
