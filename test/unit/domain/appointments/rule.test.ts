import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatLocal, parseLocal } from '../../../../shared/domain/appointments/local-time';
import { formatRule, parseRule, ruleProblem, weekdays, type RecurrenceRule } from '../../../../shared/domain/appointments/rule';

/** An empty list, assignable to both byDay and byMonthDay. */
const none = fc.constant<never[]>([]);
const ruleArb: fc.Arbitrary<RecurrenceRule> = fc.oneof(
  fc.record({ freq: fc.constant('daily' as const), interval: fc.integer({ min: 1, max: 52 }), byDay: none, byMonthDay: none, bySetPos: fc.constant(null) }),
  fc.record({
    freq: fc.constant('weekly' as const),
    interval: fc.integer({ min: 1, max: 52 }),
    byDay: fc.uniqueArray(fc.constantFrom(...weekdays), { minLength: 1, maxLength: 7 }),
    byMonthDay: none,
    bySetPos: fc.constant(null),
  }),
  fc.record({
    freq: fc.constant('monthly' as const),
    interval: fc.integer({ min: 1, max: 52 }),
    byDay: none,
    byMonthDay: fc.uniqueArray(fc.oneof(fc.constant(-1), fc.integer({ min: 1, max: 31 })), { minLength: 1, maxLength: 5 }),
    bySetPos: fc.constant(null),
  }),
  fc.record({
    freq: fc.constant('monthly' as const),
    interval: fc.integer({ min: 1, max: 52 }),
    byDay: fc.constantFrom(...weekdays).map((d) => [d]),
    byMonthDay: none,
    bySetPos: fc.constantFrom(-1, 1, 2, 3, 4),
  }),
);

describe('recurrence rule text', () => {
  test('canonical text', () => {
    expect(formatRule({ freq: 'weekly', interval: 1, byDay: ['FR', 'MO', 'WE', 'MO'], byMonthDay: [], bySetPos: null })).toBe('FREQ=WEEKLY;BYDAY=MO,WE,FR');
    expect(formatRule({ freq: 'weekly', interval: 2, byDay: ['TU'], byMonthDay: [], bySetPos: null })).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;WKST=MO');
    expect(formatRule({ freq: 'monthly', interval: 1, byDay: [], byMonthDay: [-1, 15, 1], bySetPos: null })).toBe('FREQ=MONTHLY;BYMONTHDAY=1,15,-1');
    expect(formatRule({ freq: 'monthly', interval: 1, byDay: ['TU'], byMonthDay: [], bySetPos: 2 })).toBe('FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2');
  });

  test('every valid rule survives format → parse → format', () => {
    fc.assert(
      fc.property(ruleArb, (rule) => {
        expect(ruleProblem(rule)).toBeNull();
        const text = formatRule(rule);
        const back = parseRule(text);
        expect(back).not.toBeNull();
        expect(formatRule(back!)).toBe(text);
      }),
    );
  });

  test('anything outside the subset is refused on read', () => {
    for (const text of ['FREQ=HOURLY', 'FREQ=WEEKLY', 'FREQ=DAILY;COUNT=3', 'FREQ=DAILY;UNTIL=20270101T000000Z', 'FREQ=DAILY;BYHOUR=9', 'FREQ=DAILY;FREQ=DAILY', 'FREQ=MONTHLY;BYMONTHDAY=32', 'FREQ=WEEKLY;BYDAY=XX', 'FREQ=WEEKLY;BYDAY=MO;WKST=SU', '', 'garbage']) {
      expect(parseRule(text), text).toBeNull();
    }
  });
});

describe('local wall times', () => {
  test('strict parse, and format inverts it', () => {
    expect(parseLocal('2026-02-29T06:30')).toBeNull();
    expect(parseLocal('2028-02-29T06:30')).toBe(Date.UTC(2028, 1, 29, 6, 30));
    expect(parseLocal('2026-11-01T24:00')).toBeNull();
    expect(parseLocal('2026-11-01T06:30:15')).toBeNull();
    expect(parseLocal('2026-11-01T06:30:15', { seconds: true })).toBe(Date.UTC(2026, 10, 1, 6, 30, 15));
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2199, 11, 31) }), (t) => {
        const minute = t - (t % 60_000);
        expect(parseLocal(formatLocal(minute))).toBe(minute);
      }),
    );
  });
});
