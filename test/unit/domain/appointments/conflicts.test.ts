import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  acceptOverride,
  checkConflicts,
  conflictIssues,
  conflictKeys,
  overlaps,
  type ResidentSchedule,
  type ScheduledAppointment,
} from '../../../../shared/domain/appointments/conflicts';
import { cancelOccurrence } from '../../../../shared/domain/appointments/recurrence';
import type { StatusPeriod } from '../../../../shared/domain/residents/timeline';
import { describeInHostZones } from './host-zones';
import { ms, series } from './fixtures';

const NY = 'America/New_York';
const active: StatusPeriod[] = [{ status: 'active', from: '2020-01-01', to: null }];
const dialysis = series({ dtstartLocal: '2026-10-19T06:30', rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR', untilLocal: '2027-04-30T23:59:59', durationMinutes: 240 });
const appt = (id: number, start: string, end: string, status: ScheduledAppointment['status'] = 'scheduled'): ScheduledAppointment => ({ id, start: ms(start), end: ms(end), status });
const one = (start: string, end: string) => [{ start: ms(start), end: ms(end) }];
const check = (candidates: { start: number; end: number }[], schedule: ResidentSchedule, periods = active, exclude = {}) => checkConflicts(candidates, schedule, { timeZone: NY, periods, exclude });

describeInHostZones('conflicts', () => {
  test('back-to-back is not a clash; one minute of overlap is', () => {
    const schedule = { appointments: [appt(1, '2026-11-03T15:00:00Z', '2026-11-03T16:00:00Z')], series: [] };
    expect(check(one('2026-11-03T16:00:00Z', '2026-11-03T17:00:00Z'), schedule).conflicts).toEqual([]);
    expect(check(one('2026-11-03T14:00:00Z', '2026-11-03T15:00:00Z'), schedule).conflicts).toEqual([]);
    const r = check(one('2026-11-03T15:59:00Z', '2026-11-03T17:00:00Z'), schedule);
    expect(r.conflicts.map((c) => [c.key, c.code])).toEqual([['appointment:1', 'overlaps_appointment']]);
    // Containing and contained both clash.
    expect(check(one('2026-11-03T14:00:00Z', '2026-11-03T18:00:00Z'), schedule).conflicts).toHaveLength(1);
    expect(check(one('2026-11-03T15:10:00Z', '2026-11-03T15:20:00Z'), schedule).conflicts).toHaveLength(1);
  });

  test('series occurrences count, across the DST change, and name their occurrence', () => {
    const schedule = { appointments: [], series: [{ id: 9, series: dialysis }] };
    // Monday 2026-11-02, the first Monday after the change: dialysis is 06:30–10:30 EST = 11:30–15:30Z.
    const r = check(one('2026-11-02T15:00:00Z', '2026-11-02T16:00:00Z'), schedule);
    expect(r.conflicts.map((c) => [c.key, c.code, c.with])).toEqual([
      ['series:9', 'overlaps_series', { kind: 'occurrence', seriesId: 9, originalLocal: '2026-11-02T06:30', start: ms('2026-11-02T11:30:00Z'), end: ms('2026-11-02T15:30:00Z') }],
    ]);
    // 10:30 local is its end: back-to-back.
    expect(check(one('2026-11-02T15:30:00Z', '2026-11-02T16:00:00Z'), schedule).conflicts).toEqual([]);
    // The previous Monday (EDT) it ended at 14:30Z: the same UTC hour that clashes on Nov 2 is free there.
    expect(check(one('2026-10-26T14:30:00Z', '2026-10-26T15:30:00Z'), schedule).conflicts).toEqual([]);
    expect(check(one('2026-11-02T14:30:00Z', '2026-11-02T15:30:00Z'), schedule).conflicts).toHaveLength(1);
    expect(check(one('2026-10-26T14:29:00Z', '2026-10-26T15:00:00Z'), schedule).conflicts).toHaveLength(1);
  });

  test('cancelled and no-show do not occupy time; completed does; the edited item is not its own clash', () => {
    const cancelled = cancelOccurrence(dialysis, '2026-11-02T06:30');
    if (!cancelled.ok) throw new Error(cancelled.reason);
    const schedule = {
      appointments: [appt(1, '2026-11-02T16:00:00Z', '2026-11-02T17:00:00Z', 'cancelled'), appt(2, '2026-11-02T17:00:00Z', '2026-11-02T18:00:00Z', 'completed')],
      series: [{ id: 9, series: cancelled.value }],
    };
    expect(check(one('2026-11-02T12:00:00Z', '2026-11-02T16:30:00Z'), schedule).conflicts).toEqual([]);
    expect(check(one('2026-11-02T17:30:00Z', '2026-11-02T18:30:00Z'), schedule).conflicts.map((c) => c.key)).toEqual(['appointment:2']);
    expect(check(one('2026-11-02T17:30:00Z', '2026-11-02T18:30:00Z'), schedule, active, { appointmentId: 2 }).conflicts).toEqual([]);
    const s2 = { appointments: [], series: [{ id: 9, series: dialysis }] };
    expect(check(one('2026-11-02T12:00:00Z', '2026-11-02T13:00:00Z'), s2, active, { occurrence: { seriesId: 9, originalLocal: '2026-11-02T06:30' } }).conflicts).toEqual([]);
    expect(check(one('2026-11-02T12:00:00Z', '2026-11-02T13:00:00Z'), s2, active, { seriesId: 9 }).conflicts).toEqual([]);
  });

  test('a busy interval that started the day before still clashes', () => {
    const overnight = series({ dtstartLocal: '2026-11-01T22:00', rrule: 'FREQ=DAILY', untilLocal: '2026-11-10T23:59:59', durationMinutes: 600 });
    const r = check(one('2026-11-04T12:00:00Z', '2026-11-04T12:30:00Z'), { appointments: [], series: [{ id: 3, series: overnight }] });
    expect(r.conflicts.map((c) => c.with.kind === 'occurrence' && c.with.originalLocal)).toEqual(['2026-11-03T22:00']);
  });

  test('a new series against an existing one: every clashing occurrence, one key to acknowledge', () => {
    const therapy = series({ dtstartLocal: '2026-10-19T09:00', rrule: 'FREQ=WEEKLY;BYDAY=MO', untilLocal: '2026-11-30T23:59:59', durationMinutes: 60 });
    const candidates = [0, 7, 14, 21, 28, 35].map((d) => {
      const start = ms('2026-10-19T13:00:00Z') + d * 86_400_000 + (d >= 14 ? 3_600_000 : 0);
      return { start, end: start + 3_600_000, originalLocal: 'x' };
    });
    const r = check(candidates, { appointments: [], series: [{ id: 9, series: dialysis }] });
    expect(r.conflicts).toHaveLength(6);
    expect(conflictKeys(r.conflicts)).toEqual(['series:9']);
    expect(conflictIssues(r.conflicts)).toEqual([{ path: 'startLocal', code: 'overlaps_series', params: { key: 'series:9', start: '2026-10-19T10:30:00.000Z', end: '2026-10-19T14:30:00.000Z' } }]);
    expect(therapy.rrule).toBe('FREQ=WEEKLY;BYDAY=MO');
  });

  test('hospital stay and leave are flagged on the facility-calendar date; discharge blocks', () => {
    const periods: StatusPeriod[] = [
      { status: 'active', from: '2026-01-01', to: '2026-11-02' },
      { status: 'hospital', from: '2026-11-02', to: '2026-11-05' },
      { status: 'active', from: '2026-11-05', to: '2026-11-20' },
      { status: 'leave', from: '2026-11-20', to: '2026-11-22' },
      { status: 'active', from: '2026-11-22', to: '2026-12-01' },
      { status: 'discharged', from: '2026-12-01', to: null },
    ];
    const empty = { appointments: [], series: [] };
    // 22:00 on Nov 1 in New York is Nov 2 in UTC: still the day before the hospital stay.
    expect(check(one('2026-11-02T03:00:00Z', '2026-11-02T04:00:00Z'), empty, periods).conflicts).toEqual([]);
    const h = check(one('2026-11-02T05:00:00Z', '2026-11-02T06:00:00Z'), empty, periods);
    expect(h.conflicts.map((c) => [c.key, c.code, c.with])).toEqual([['hospital:2026-11-02', 'during_hospital_stay', { kind: 'hospital', from: '2026-11-02', to: '2026-11-05' }]]);
    expect(check(one('2026-11-21T15:00:00Z', '2026-11-21T16:00:00Z'), empty, periods).conflicts.map((c) => c.code)).toEqual(['during_leave']);
    // Late on the day before leave, running past midnight into it.
    expect(check(one('2026-11-20T04:30:00Z', '2026-11-20T05:30:00Z'), empty, periods).conflicts.map((c) => c.code)).toEqual(['during_leave']);
    const d = check(one('2026-12-02T15:00:00Z', '2026-12-02T16:00:00Z'), empty, periods);
    expect(d).toEqual({ conflicts: [], blocking: [{ path: 'residentId', code: 'resident_not_in_care', params: { date: '2026-12-02', status: 'discharged' } }] });
    expect(check(one('2025-12-02T15:00:00Z', '2025-12-02T16:00:00Z'), empty, periods).blocking[0]?.params).toEqual({ date: '2025-12-02', status: 'not_admitted' });
  });

  test('saving anyway needs a reason and every clash acknowledged', () => {
    const schedule = { appointments: [appt(1, '2026-11-03T15:00:00Z', '2026-11-03T16:00:00Z'), appt(2, '2026-11-03T16:00:00Z', '2026-11-03T17:00:00Z')], series: [] };
    const { conflicts } = check(one('2026-11-03T15:30:00Z', '2026-11-03T16:30:00Z'), schedule);
    expect(conflictKeys(conflicts)).toEqual(['appointment:1', 'appointment:2']);
    expect(acceptOverride([], null)).toEqual({ ok: true, reason: null });
    expect(acceptOverride(conflicts, null)).toEqual({ ok: false, unacknowledged: conflicts });
    expect(acceptOverride(conflicts, { reason: 'Family drives her', acknowledged: ['appointment:1'] })).toEqual({ ok: false, unacknowledged: [conflicts[1]] });
    expect(acceptOverride(conflicts, { reason: 'Family drives her', acknowledged: ['appointment:1', 'appointment:2'] })).toEqual({ ok: true, reason: 'Family drives her' });
  });

  test('agrees with a brute-force half-open overlap check', () => {
    const interval = fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 1, max: 300 })).map(([s, d]) => ({ start: ms('2026-06-01T00:00:00Z') + s * 60_000, end: ms('2026-06-01T00:00:00Z') + (s + d) * 60_000 }));
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 5 }), fc.array(interval, { maxLength: 30 }), (cands, existing) => {
        const schedule = { appointments: existing.map((e, i) => ({ ...e, id: i + 1, status: 'scheduled' as const })), series: [] };
        const got = check(cands, schedule)
          .conflicts.map((c) => `${c.candidate.start}-${c.key}`)
          .sort();
        const want = cands
          .flatMap((c) => schedule.appointments.filter((a) => overlaps(c, a)).map((a) => `${c.start}-appointment:${a.id}`))
          .sort();
        expect(got).toEqual(want);
      }),
      { numRuns: 200 },
    );
  });
});
