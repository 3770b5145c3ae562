import { describe, expect, test } from 'vitest';
import { toFieldIssues } from '../../../../electron/core/validation';
import { AppointmentInput, OutcomeInput, RecurrenceInput, SeriesEditInput, SeriesInput } from '../../../../shared/domain/appointments/schemas';

const base = { residentId: 7, type: 'dialysis', setting: 'external', startLocal: '2026-11-02T06:30', endLocal: '2026-11-02T10:30' };

function codes(schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, input: unknown) {
  const r = schema.safeParse(input);
  if (r.success) return [];
  return toFieldIssues(r.error as Parameters<typeof toFieldIssues>[0], input).map((i) => `${i.path}:${i.code}`);
}

describe('appointment input', () => {
  test('a minimal appointment parses with safe defaults', () => {
    expect(AppointmentInput.parse(base)).toEqual({
      ...base,
      providerId: null,
      providerName: null,
      locationName: null,
      address: null,
      phone: null,
      preparation: { items: [], note: null },
      escortNeeded: false,
      startFold: null,
      endFold: null,
      conflictOverride: null,
    });
  });

  test('strict: unknown fields, bad choices and malformed times are named', () => {
    expect(codes(AppointmentInput, { ...base, colour: 'red' })).toEqual(['colour:unknown_field']);
    expect(codes(AppointmentInput, { ...base, type: 'massage' })).toEqual(['type:invalid_choice']);
    expect(codes(AppointmentInput, { ...base, startLocal: '2026-02-30T06:30' })).toEqual(['startLocal:invalid_date_time']);
    expect(codes(AppointmentInput, { ...base, startLocal: '2026-11-02 06:30' })).toEqual(['startLocal:invalid_date_time']);
    expect(codes(AppointmentInput, { ...base, endLocal: '2026-11-02T24:00' })).toEqual(['endLocal:invalid_date_time']);
    expect(codes(AppointmentInput, { ...base, residentId: undefined })).toEqual(['residentId:required']);
  });

  test('text is trimmed and capped', () => {
    expect(codes(AppointmentInput, { ...base, providerName: 'x'.repeat(121) })).toEqual(['providerName:too_long']);
    expect(AppointmentInput.parse({ ...base, providerName: '  Dr. Ruiz  ', phone: '   ' }).providerName).toBe('Dr. Ruiz');
    expect(AppointmentInput.parse({ ...base, phone: '   ' }).phone).toBeNull();
  });

  test('preparation checklist items collapse to one each, in checklist order', () => {
    const parsed = AppointmentInput.parse({ ...base, preparation: { items: ['bring_films', 'npo_after_midnight', 'bring_films'], note: 'Films from St. Mary’s' } });
    expect(parsed.preparation).toEqual({ items: ['npo_after_midnight', 'bring_films'], note: 'Films from St. Mary’s' });
    expect(codes(AppointmentInput, { ...base, preparation: { items: ['bring_cake'] } })).toEqual(['preparation.items.0:invalid_choice']);
  });

  test('a telehealth visit cannot be external', () => {
    expect(codes(AppointmentInput, { ...base, type: 'telehealth', setting: 'external' })).toEqual(['setting:setting_not_allowed']);
    expect(codes(AppointmentInput, { ...base, type: 'telehealth', setting: 'in_house' })).toEqual([]);
  });

  test('a conflict override needs a reason', () => {
    expect(codes(AppointmentInput, { ...base, conflictOverride: { reason: '  ', acknowledged: [] } })).toEqual(['conflictOverride.reason:required']);
  });
});

describe('recurrence input', () => {
  const until = { kind: 'until', date: '2027-03-31' };
  test('rule shapes are checked with a code on the field to fix', () => {
    expect(codes(RecurrenceInput, { freq: 'weekly', end: until })).toEqual(['byDay:weekly_needs_days']);
    expect(codes(RecurrenceInput, { freq: 'daily', byDay: ['MO'], end: until })).toEqual(['byDay:days_only_weekly_or_monthly']);
    expect(codes(RecurrenceInput, { freq: 'weekly', byDay: ['MO'], byMonthDay: [1], end: until })).toEqual(['byMonthDay:month_days_only_monthly']);
    expect(codes(RecurrenceInput, { freq: 'monthly', end: until })).toEqual(['byMonthDay:monthly_needs_day']);
    expect(codes(RecurrenceInput, { freq: 'monthly', byDay: ['TU', 'TH'], bySetPos: 2, end: until })).toEqual(['byDay:set_pos_needs_one_weekday']);
    expect(codes(RecurrenceInput, { freq: 'monthly', byMonthDay: [0], end: until })).toEqual(['byMonthDay.0:invalid_choice']);
    expect(codes(RecurrenceInput, { freq: 'hourly', end: until })).toEqual(['freq:invalid_choice']);
    expect(codes(RecurrenceInput, { freq: 'daily', end: { kind: 'count', count: 0 } })).toEqual(['end.count:too_small']);
    expect(codes(RecurrenceInput, { freq: 'weekly', byDay: ['MO', 'WE', 'FR'], end: until })).toEqual([]);
  });

  test('a series input carries the rule; editing "following" needs its starting occurrence', () => {
    expect(codes(SeriesInput, { ...base, recurrence: { freq: 'weekly', byDay: ['MO'], end: until } })).toEqual([]);
    expect(codes(SeriesEditInput, { scope: 'following', startTime: '07:00' })).toEqual(['fromLocal:required']);
    expect(codes(SeriesEditInput, { scope: 'all', startTime: '7:00' })).toEqual(['startTime:invalid_time']);
  });
});

describe('outcome input', () => {
  test('new orders need a follow-up date, and a follow-up date needs new orders', () => {
    expect(codes(OutcomeInput, { newOrders: true })).toEqual(['followUpDue:follow_up_due_required']);
    expect(codes(OutcomeInput, { newOrders: false, followUpDue: '2026-11-10' })).toEqual(['followUpDue:follow_up_without_orders']);
    expect(codes(OutcomeInput, { newOrders: true, followUpDue: '2026-11-10', outcomeNote: 'Start iron 325 mg' })).toEqual([]);
  });
});
