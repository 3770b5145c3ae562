import { expect, test } from 'vitest';
import { formatLocal } from '../../../../shared/domain/appointments/local-time';
import { expand } from '../../../../shared/domain/appointments/recurrence';
import { AppointmentInput, SeriesInput } from '../../../../shared/domain/appointments/schemas';
import { checkAppointmentTimes, checkSeriesInput, familyInformedIssues, seriesIssues, statusChangeIssues, withFacilityRules } from '../../../../shared/domain/appointments/validate';
import { describeInHostZones } from './host-zones';
import { ms, series, z } from './fixtures';

const NY = 'America/New_York';
const MADRID = 'Europe/Madrid';
const times = (startLocal: string, endLocal: string, startFold: 'earlier' | 'later' | null = null, endFold: 'earlier' | 'later' | null = null) => ({ startLocal, endLocal, startFold, endFold });
const weekly = (end: { kind: 'until'; date: string } | { kind: 'count'; count: number }, byDay = ['MO', 'WE', 'FR']) => ({
  freq: 'weekly' as const,
  interval: 1,
  byDay: byDay as ('MO' | 'WE' | 'FR')[],
  byMonthDay: [],
  bySetPos: null,
  end,
});

describeInHostZones('facility rules', () => {
  test('end before, equal to, or more than a day after start', () => {
    expect(checkAppointmentTimes(times('2026-11-02T10:00', '2026-11-02T09:00'), NY)).toEqual({ ok: false, issues: [{ path: 'endLocal', code: 'end_before_start' }] });
    expect(checkAppointmentTimes(times('2026-11-02T10:00', '2026-11-02T10:00'), NY)).toEqual({ ok: false, issues: [{ path: 'endLocal', code: 'same_as_start' }] });
    expect(checkAppointmentTimes(times('2026-11-02T10:00', '2026-11-03T10:01'), NY)).toEqual({ ok: false, issues: [{ path: 'endLocal', code: 'duration_too_long', params: { max: 24 } }] });
    const ok = checkAppointmentTimes(times('2026-11-02T10:00', '2026-11-02T11:00'), NY);
    expect(ok.ok && [z(ok.value.start), z(ok.value.end)]).toEqual(['2026-11-02T15:00Z', '2026-11-02T16:00Z']);
  });

  test('a skipped time says so and suggests the time moved forward by the gap', () => {
    expect(checkAppointmentTimes(times('2027-03-14T02:30', '2027-03-14T04:00'), NY)).toEqual({
      ok: false,
      issues: [{ path: 'startLocal', code: 'local_time_skipped', params: { date: '2027-03-14', time: '02:30', gapStart: '02:00', gapEnd: '03:00', suggested: '2027-03-14T03:30', suggestedTime: '03:30' } }],
    });
    expect(checkAppointmentTimes(times('2027-03-28T01:00', '2027-03-28T02:15'), MADRID)).toEqual({
      ok: false,
      issues: [{ path: 'endLocal', code: 'local_time_skipped', params: { date: '2027-03-28', time: '02:15', gapStart: '02:00', gapEnd: '03:00', suggested: '2027-03-28T03:15', suggestedTime: '03:15' } }],
    });
  });

  test('a repeated time asks which, offering both instants; once chosen it is that instant', () => {
    expect(checkAppointmentTimes(times('2026-10-25T02:30', '2026-10-25T04:00'), MADRID)).toEqual({
      ok: false,
      issues: [
        {
          path: 'startLocal',
          code: 'local_time_ambiguous',
          params: { earlier: '2026-10-25T00:30:00.000Z', later: '2026-10-25T01:30:00.000Z', earlierOffset: '+02:00', laterOffset: '+01:00', date: '2026-10-25', time: '02:30' },
        },
      ],
    });
    const later = checkAppointmentTimes(times('2026-10-25T02:30', '2026-10-25T04:00', 'later'), MADRID);
    expect(later.ok && z(later.value.start)).toBe('2026-10-25T01:30Z');
    // 01:50 (first, EDT) to 01:10 (second, EST): 20 minutes, not "end before start".
    const across = checkAppointmentTimes(times('2026-11-01T01:50', '2026-11-01T01:10', 'earlier', 'later'), NY);
    expect(across.ok && (across.value.end - across.value.start) / 60_000).toBe(20);
  });

  test('a series: DTSTART on the first occurrence, duration from the first occurrence, until from the date', () => {
    const r = checkSeriesInput({ ...times('2026-10-20T06:30', '2026-10-20T10:30'), recurrence: weekly({ kind: 'until', date: '2027-03-31' }) }, { timeZone: NY });
    expect(r).toEqual({
      ok: true,
      value: series({ dtstartLocal: '2026-10-21T06:30', rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR', untilLocal: '2027-03-31T23:59:59', durationMinutes: 240 }),
    });
  });

  test('a count becomes the until of its last occurrence', () => {
    const r = checkSeriesInput({ ...times('2026-10-19T06:30', '2026-10-19T10:30'), recurrence: weekly({ kind: 'count', count: 15 }) }, { timeZone: NY });
    expect(r.ok && r.value.untilLocal).toBe('2026-11-20T06:30:00');
    expect(r.ok && expand(r.value, ms('2026-01-01T00:00Z'), ms('2028-01-01T00:00Z'))).toHaveLength(15);
  });

  test('a series longer than the horizon is refused with the last allowed date', () => {
    expect(checkSeriesInput({ ...times('2026-10-19T06:30', '2026-10-19T10:30'), recurrence: weekly({ kind: 'until', date: '2028-05-01' }) }, { timeZone: NY })).toEqual({
      ok: false,
      issues: [{ path: 'recurrence.end.date', code: 'beyond_horizon', params: { months: 18, lastDate: '2028-04-19' } }],
    });
    expect(checkSeriesInput({ ...times('2026-10-19T06:30', '2026-10-19T10:30'), recurrence: weekly({ kind: 'count', count: 100 }) }, { timeZone: NY, horizonMonths: 6 })).toEqual({
      ok: false,
      issues: [{ path: 'recurrence.end.count', code: 'beyond_horizon', params: { months: 6, lastDate: '2027-04-19' } }],
    });
    expect(checkSeriesInput({ ...times('2026-10-19T06:30', '2026-10-19T10:30'), recurrence: weekly({ kind: 'until', date: '2026-10-18' }) }, { timeZone: NY })).toEqual({
      ok: false,
      issues: [{ path: 'recurrence.end.date', code: 'until_before_start' }],
    });
  });

  test('a rule that yields no occurrence is refused', () => {
    const r = checkSeriesInput(
      { ...times('2027-02-01T09:00', '2027-02-01T10:00'), recurrence: { freq: 'monthly', interval: 1, byDay: [], byMonthDay: [31], bySetPos: null, end: { kind: 'until', date: '2027-03-15' } } },
      { timeZone: NY },
    );
    expect(r).toEqual({ ok: false, issues: [{ path: 'recurrence', code: 'rule_no_occurrences' }] });
    expect(seriesIssues(series({ dtstartLocal: '2026-10-19T06:30', rrule: 'FREQ=DAILY', untilLocal: '2026-10-19T06:30:00', exdates: ['2026-10-19T06:30'] }), { timeZone: NY })).toEqual([
      { path: 'recurrence', code: 'rule_no_occurrences' },
    ]);
  });

  test('a series typed into a gap is refused; into a fold asks, and "later" is kept for the first occurrence', () => {
    const gap = checkSeriesInput({ ...times('2027-03-14T02:30', '2027-03-14T03:30'), recurrence: { ...weekly({ kind: 'count', count: 4 }), byDay: [] , freq: 'daily' } }, { timeZone: NY });
    expect(!gap.ok && gap.issues.map((i) => i.code)).toEqual(['local_time_skipped']);
    const fold = checkSeriesInput({ ...times('2026-11-01T01:30', '2026-11-01T02:30'), startFold: 'later', recurrence: { ...weekly({ kind: 'count', count: 3 }), byDay: [], freq: 'daily' } }, { timeZone: NY });
    if (!fold.ok) throw new Error(JSON.stringify(fold.issues));
    const occ = expand(fold.value, ms('2026-10-31T00:00Z'), ms('2026-11-05T00:00Z'));
    expect(occ.map((o) => [formatLocal(o.wall), z(o.start)])).toEqual([
      ['2026-11-01T01:30', '2026-11-01T06:30Z'],
      ['2026-11-02T01:30', '2026-11-02T06:30Z'],
      ['2026-11-03T01:30', '2026-11-03T06:30Z'],
    ]);
  });

  test('withFacilityRules joins the schema and the facility rules, keeping codes and params', () => {
    const schema = withFacilityRules(AppointmentInput, { timeZone: NY });
    const r = schema.safeParse({ residentId: 1, type: 'lab', setting: 'in_house', startLocal: '2027-03-14T02:30', endLocal: '2027-03-14T03:30' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message, (i as { params?: unknown }).params])).toEqual([
      ['startLocal', 'local_time_skipped', { code: 'local_time_skipped', date: '2027-03-14', time: '02:30', gapStart: '02:00', gapEnd: '03:00', suggested: '2027-03-14T03:30', suggestedTime: '03:30' }],
    ]);
    const seriesSchema = withFacilityRules(SeriesInput, { timeZone: NY, horizonMonths: 3 });
    const s = seriesSchema.safeParse({ residentId: 1, type: 'therapy', setting: 'in_house', startLocal: '2026-10-19T10:00', endLocal: '2026-10-19T11:00', recurrence: { freq: 'weekly', byDay: ['TU'], end: { kind: 'until', date: '2027-10-01' } } });
    expect(s.error?.issues.map((i) => i.message)).toEqual(['beyond_horizon']);
  });

  test('status changes and family-informed times', () => {
    const timing = { startMs: ms('2026-11-02T11:30Z'), nowMs: ms('2026-11-02T10:00Z') };
    expect(statusChangeIssues('scheduled', 'completed', timing)).toEqual([{ path: 'status', code: 'status_not_yet_started' }]);
    expect(statusChangeIssues('completed', 'cancelled', timing)).toEqual([{ path: 'status', code: 'status_final' }]);
    expect(statusChangeIssues('confirmed', 'scheduled', timing)).toEqual([{ path: 'status', code: 'status_not_allowed' }]);
    expect(statusChangeIssues('confirmed', 'confirmed', timing)).toEqual([{ path: 'status', code: 'status_unchanged' }]);
    expect(statusChangeIssues('scheduled', 'cancelled', timing)).toEqual([]);
    expect(familyInformedIssues({ informedAt: '2026-11-02T10:00:01Z' }, timing.nowMs)).toEqual([{ path: 'informedAt', code: 'date_in_future' }]);
    expect(familyInformedIssues({ informedAt: '2026-11-02T10:00:00Z' }, timing.nowMs)).toEqual([]);
  });
});
