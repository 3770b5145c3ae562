import fc from 'fast-check';
import { afterEach, expect, test, vi } from 'vitest';
import { formatLocal } from '../../../../shared/domain/appointments/local-time';
import {
  allWalls,
  cancelOccurrence,
  editFollowing,
  editSeries,
  expand,
  expandAll,
  isOccurrenceOf,
  overrideOccurrence,
  removeOccurrence,
  seriesBounds,
  splitSeries,
  type Occurrence,
  type Series,
} from '../../../../shared/domain/appointments/recurrence';
import { describeInHostZones } from './host-zones';
import { ms, series, z } from './fixtures';

const starts = (occ: Occurrence[]) => occ.map((o) => z(o.start));
const locals = (occ: Occurrence[]) => occ.map((o) => formatLocal(o.wall));

const dialysisNY = series({ dtstartLocal: '2026-10-19T06:30', rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR', untilLocal: '2026-11-20T23:59:59', durationMinutes: 240 });

afterEach(() => {
  vi.useRealTimers();
});

describeInHostZones('recurrence', () => {
  test('MO/WE/FR 06:30 in New York across the November change: 06:30 stays 06:30 (handbook table)', () => {
    const occ = expand(dialysisNY, ms('2026-10-19T00:00Z'), ms('2026-11-21T00:00Z'));
    expect(occ).toHaveLength(15);
    expect(new Set(locals(occ).map((l) => l.slice(11)))).toEqual(new Set(['06:30']));
    expect(starts(occ).filter((s) => s < '2026-11-01')).toEqual(starts(occ).slice(0, 6));
    expect(starts(occ).slice(0, 6).every((s) => s.endsWith('10:30Z'))).toBe(true);
    expect(starts(occ).slice(6).every((s) => s.endsWith('11:30Z'))).toBe(true);
    expect(starts(occ)[6]).toBe('2026-11-02T11:30Z');
    expect(occ.every((o) => o.shift === null && o.status === 'scheduled' && o.end - o.start === 4 * 3600_000)).toBe(true);
  });

  test('New York in March: 06:30 EST then 06:30 EDT around 2027-03-14', () => {
    const s = series({ dtstartLocal: '2027-03-10T06:30', rrule: 'FREQ=DAILY', untilLocal: '2027-03-18T23:59:59' });
    expect(starts(expand(s, ms('2027-03-12T00:00Z'), ms('2027-03-17T00:00Z')))).toEqual([
      '2027-03-12T11:30Z',
      '2027-03-13T11:30Z',
      '2027-03-14T10:30Z',
      '2027-03-15T10:30Z',
      '2027-03-16T10:30Z',
    ]);
  });

  test('Madrid 06:30 across 2026-10-25 and 2027-03-28 (handbook table)', () => {
    const s = series({ timeZone: 'Europe/Madrid', dtstartLocal: '2026-10-01T06:30', rrule: 'FREQ=DAILY', untilLocal: '2027-04-30T23:59:59' });
    expect(starts(expand(s, ms('2026-10-24T00:00Z'), ms('2026-10-26T00:00Z')))).toEqual(['2026-10-24T04:30Z', '2026-10-25T05:30Z']);
    expect(starts(expand(s, ms('2027-03-27T00:00Z'), ms('2027-03-29T00:00Z')))).toEqual(['2027-03-27T05:30Z', '2027-03-28T04:30Z']);
  });

  test('02:30 in the New York gap moves to 03:30 EDT, is flagged, and the next day is 02:30 again', () => {
    const s = series({ dtstartLocal: '2027-03-12T02:30', rrule: 'FREQ=DAILY', untilLocal: '2027-03-16T23:59:59' });
    const occ = expand(s, ms('2027-03-12T00:00Z'), ms('2027-03-17T00:00Z'));
    expect(occ.map((o) => [z(o.start), o.shift])).toEqual([
      ['2027-03-12T07:30Z', null],
      ['2027-03-13T07:30Z', null],
      ['2027-03-14T07:30Z', 'gap'],
      ['2027-03-15T06:30Z', null],
      ['2027-03-16T06:30Z', null],
    ]);
    // Never dropped: the 14th is an occurrence with its original key.
    expect(formatLocal(occ[2]!.originalWall)).toBe('2027-03-14T02:30');
  });

  test('02:30 in the Madrid fold takes the first (+02:00) and is flagged; the spring gap shifts forward', () => {
    const s = series({ timeZone: 'Europe/Madrid', dtstartLocal: '2026-10-24T02:30', rrule: 'FREQ=DAILY', untilLocal: '2027-03-29T23:59:59' });
    expect(expand(s, ms('2026-10-24T12:00Z'), ms('2026-10-25T12:00Z')).map((o) => [z(o.start), o.shift])).toEqual([['2026-10-25T00:30Z', 'fold']]);
    expect(expand(s, ms('2027-03-28T00:00Z'), ms('2027-03-29T00:00Z')).map((o) => [z(o.start), o.shift])).toEqual([['2027-03-28T01:30Z', 'gap']]);
  });

  test('01:30 in the New York fold on 2026-11-01 is 05:30Z (EDT), flagged', () => {
    const s = series({ dtstartLocal: '2026-10-31T01:30', rrule: 'FREQ=DAILY', untilLocal: '2026-11-02T23:59:59' });
    expect(expand(s, ms('2026-10-31T00:00Z'), ms('2026-11-03T00:00Z')).map((o) => [z(o.start), o.shift])).toEqual([
      ['2026-10-31T05:30Z', null],
      ['2026-11-01T05:30Z', 'fold'],
      ['2026-11-02T06:30Z', null],
    ]);
  });

  test('the window is half-open on the start: [from, to)', () => {
    const first = ms('2026-10-19T10:30Z');
    expect(expand(dialysisNY, first, first + 1)).toHaveLength(1);
    expect(expand(dialysisNY, first - 1, first)).toHaveLength(0);
  });

  test('expansion never reads the clock: the same answer on the night before a change and a year later', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-10-31T23:00:00Z'));
    const a = expand(dialysisNY, ms('2026-10-01T00:00Z'), ms('2026-12-01T00:00Z'));
    vi.setSystemTime(new Date('2027-11-07T05:59:59Z'));
    expect(expand(dialysisNY, ms('2026-10-01T00:00Z'), ms('2026-12-01T00:00Z'))).toEqual(a);
  });

  test('EXDATE removes and RDATE adds, by local wall time', () => {
    const s = { ...dialysisNY, exdates: ['2026-10-21T06:30'], rdates: ['2026-10-24T09:00'] };
    const l = locals(expand(s, ms('2026-10-19T00:00Z'), ms('2026-10-27T00:00Z')));
    expect(l).toEqual(['2026-10-19T06:30', '2026-10-23T06:30', '2026-10-24T09:00', '2026-10-26T06:30']);
  });

  test('one occurrence moved, re-timed and given a status; the rest of the series is untouched', () => {
    let s: Series = dialysisNY;
    const moved = overrideOccurrence(s, '2026-10-21T06:30', { startLocal: '2026-10-22T13:00', durationMinutes: 180 });
    if (!moved.ok) throw new Error(moved.reason);
    s = moved.value;
    const cancelled = cancelOccurrence(s, '2026-11-02T06:30');
    if (!cancelled.ok) throw new Error(cancelled.reason);
    s = cancelled.value;
    const occ = expand(s, ms('2026-10-19T00:00Z'), ms('2026-11-05T00:00Z'));
    expect(occ.map((o) => [formatLocal(o.wall), o.status, (o.end - o.start) / 60_000])).toEqual([
      ['2026-10-19T06:30', 'scheduled', 240],
      ['2026-10-22T13:00', 'scheduled', 180],
      ['2026-10-23T06:30', 'scheduled', 240],
      ['2026-10-26T06:30', 'scheduled', 240],
      ['2026-10-28T06:30', 'scheduled', 240],
      ['2026-10-30T06:30', 'scheduled', 240],
      ['2026-11-02T06:30', 'cancelled', 240],
      ['2026-11-04T06:30', 'scheduled', 240],
    ]);
    expect(formatLocal(occ[1]!.originalWall)).toBe('2026-10-21T06:30');
    // A second change to the same occurrence updates its one override.
    const again = overrideOccurrence(s, '2026-10-21T06:30', { status: 'confirmed' });
    if (!again.ok) throw new Error(again.reason);
    expect(again.value.overrides.filter((o) => o.originalLocal === '2026-10-21T06:30')).toEqual([
      { originalLocal: '2026-10-21T06:30', startLocal: '2026-10-22T13:00', startFold: 'earlier', durationMinutes: 180, status: 'confirmed' },
    ]);
  });

  test('an occurrence moved into another window appears there and not in its own', () => {
    const moved = overrideOccurrence(dialysisNY, '2026-10-19T06:30', { startLocal: '2026-11-19T15:00' });
    if (!moved.ok) throw new Error(moved.reason);
    expect(locals(expand(moved.value, ms('2026-10-18T00:00Z'), ms('2026-10-20T00:00Z')))).toEqual([]);
    expect(locals(expand(moved.value, ms('2026-11-19T00:00Z'), ms('2026-11-20T00:00Z')))).toEqual(['2026-11-19T15:00']);
  });

  test('only real occurrences can be changed or removed', () => {
    expect(overrideOccurrence(dialysisNY, '2026-10-20T06:30', { status: 'cancelled' })).toEqual({ ok: false, reason: 'not_an_occurrence' });
    expect(isOccurrenceOf(dialysisNY, '2026-10-19T06:31')).toBe(false);
    expect(isOccurrenceOf(dialysisNY, 'not a date')).toBe(false);
    const removed = removeOccurrence(dialysisNY, '2026-10-23T06:30');
    if (!removed.ok) throw new Error(removed.reason);
    expect(removed.value.exdates).toEqual(['2026-10-23T06:30']);
    expect(removeOccurrence(removed.value, '2026-10-23T06:30')).toEqual({ ok: false, reason: 'not_an_occurrence' });
  });

  test('this and following: old ends at S − 1 s, new starts at S, exceptions from S on move with it', () => {
    const s: Series = {
      ...dialysisNY,
      exdates: ['2026-10-21T06:30', '2026-11-13T06:30'],
      rdates: ['2026-10-24T09:00', '2026-11-14T09:00'],
      overrides: [
        { originalLocal: '2026-10-23T06:30', startLocal: null, startFold: 'earlier', durationMinutes: null, status: 'confirmed' },
        { originalLocal: '2026-11-06T06:30', startLocal: '2026-11-07T08:00', startFold: 'earlier', durationMinutes: null, status: null },
      ],
    };
    const split = splitSeries(s, '2026-11-02T06:30');
    if (!split.ok) throw new Error(split.reason);
    const { before, after } = split.value;
    expect(before?.untilLocal).toBe('2026-11-02T06:29:59');
    expect(before?.exdates).toEqual(['2026-10-21T06:30']);
    expect(before?.rdates).toEqual(['2026-10-24T09:00']);
    expect(before?.overrides.map((o) => o.originalLocal)).toEqual(['2026-10-23T06:30']);
    expect(after?.dtstartLocal).toBe('2026-11-02T06:30');
    expect(after?.untilLocal).toBe('2026-11-20T23:59:59');
    expect(after?.exdates).toEqual(['2026-11-13T06:30']);
    expect(after?.rdates).toEqual(['2026-11-14T09:00']);
    expect(after?.overrides.map((o) => o.originalLocal)).toEqual(['2026-11-06T06:30']);
    const union = [...expandAll(before!), ...expandAll(after!)].map((o) => `${z(o.start)} ${o.status}`).sort();
    expect(union).toEqual(expandAll(s).map((o) => `${z(o.start)} ${o.status}`).sort());
  });

  test('splitting at the first occurrence leaves no old part', () => {
    const split = splitSeries(dialysisNY, '2026-10-19T06:30');
    if (!split.ok) throw new Error(split.reason);
    expect(split.value.before).toBeNull();
    expect(split.value.after?.dtstartLocal).toBe('2026-10-19T06:30');
  });

  test('splitting where only RDATEs remain detaches them instead of starting an empty rule', () => {
    const s = { ...dialysisNY, rdates: ['2026-11-25T09:00'] };
    const split = splitSeries(s, '2026-11-25T09:00');
    if (!split.ok) throw new Error(split.reason);
    expect(split.value.after).toBeNull();
    expect(split.value.detached).toEqual([{ originalLocal: '2026-11-25T09:00', override: null }]);
    expect(split.value.before?.rdates).toEqual([]);
  });

  test('the split leaves no duplicate and no hole, for any rule and any split point, across DST', () => {
    const rules = ['FREQ=DAILY', 'FREQ=DAILY;INTERVAL=3', 'FREQ=WEEKLY;BYDAY=MO,WE,FR', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;WKST=MO', 'FREQ=MONTHLY;BYMONTHDAY=1,15,-1', 'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2'];
    const zones = ['America/New_York', 'Europe/Madrid'];
    fc.assert(
      fc.property(
        fc.constantFrom(...rules),
        fc.constantFrom(...zones),
        fc.constantFrom('00:30', '01:30', '02:30', '06:30', '23:45'),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 10_000 }),
        (rrule, timeZone, time, startDay, pick) => {
          const start = new Date(Date.UTC(2026, 0, 1) + startDay * 86_400_000).toISOString().slice(0, 10);
          const s = series({ timeZone, rrule, dtstartLocal: `${start}T${time}`, untilLocal: `${new Date(Date.parse(start) + 200 * 86_400_000).toISOString().slice(0, 10)}T23:59:59` });
          const all = expandAll(s);
          if (all.length === 0) return;
          const at = formatLocal(all[pick % all.length]!.originalWall);
          const split = splitSeries(s, at);
          if (!split.ok) throw new Error(split.reason);
          const parts = [split.value.before, split.value.after].filter((p): p is Series => p !== null);
          const union = parts.flatMap((p) => expandAll(p).map((o) => o.start)).sort((a, b) => a - b);
          expect(union).toEqual(all.map((o) => o.start));
          expect(split.value.after?.dtstartLocal).toBe(at);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('exceptions survive a later edit of the whole series', () => {
    let s: Series = { ...dialysisNY, exdates: ['2026-10-28T06:30'] };
    const r1 = overrideOccurrence(s, '2026-10-23T06:30', { status: 'confirmed' });
    if (!r1.ok) throw new Error(r1.reason);
    const r2 = overrideOccurrence(r1.value, '2026-10-26T06:30', { startLocal: '2026-10-27T10:00' });
    if (!r2.ok) throw new Error(r2.reason);
    s = r2.value;

    // Longer sessions: every exception still applies.
    const longer = editSeries(s, { durationMinutes: 300 });
    expect(longer.orphans).toEqual([]);
    expect(longer.series.overrides).toEqual(s.overrides);
    expect(longer.series.exdates).toEqual(s.exdates);

    // 06:30 → 07:00: the confirmed one follows to 07:00, the moved one stays where it was moved to,
    // the removed day stays removed.
    const later = editSeries(s, { startTime: '07:00' });
    expect(later.orphans).toEqual([]);
    const occ = expand(later.series, ms('2026-10-19T00:00Z'), ms('2026-10-31T00:00Z'));
    expect(occ.map((o) => [formatLocal(o.wall), o.status])).toEqual([
      ['2026-10-19T07:00', 'scheduled'],
      ['2026-10-21T07:00', 'scheduled'],
      ['2026-10-23T07:00', 'confirmed'],
      ['2026-10-27T10:00', 'scheduled'],
      ['2026-10-30T07:00', 'scheduled'],
    ]);

    // Mondays dropped from the rule: the moved Monday occurrence has no occurrence left → orphan.
    const noMondays = editSeries(s, { rrule: 'FREQ=WEEKLY;BYDAY=WE,FR' });
    expect(noMondays.orphans.map((o) => o.originalLocal)).toEqual(['2026-10-26T06:30']);
    expect(noMondays.series.overrides.map((o) => o.originalLocal)).toEqual(['2026-10-23T06:30']);
  });

  test('edit "this and following" changes only the later part', () => {
    const r = editFollowing(dialysisNY, '2026-11-02T06:30', { startTime: '07:15' });
    if (!r.ok) throw new Error(r.reason);
    const all = [...expandAll(r.value.before!), ...expandAll(r.value.after!)].map((o) => formatLocal(o.wall)).sort();
    expect(all.filter((l) => l < '2026-11-02')).toEqual(expect.arrayContaining(['2026-10-30T06:30']));
    expect(all.filter((l) => l >= '2026-11-02').every((l) => l.endsWith('07:15'))).toBe(true);
    expect(all).toHaveLength(15);
  });

  test('allWalls without RDATEs and EXDATEs is the bare rule', () => {
    const s = { ...dialysisNY, exdates: ['2026-10-21T06:30'], rdates: ['2026-10-24T09:00'] };
    expect(allWalls(s, { exdates: false, rdates: false })).toHaveLength(15);
    expect(allWalls(s)).toHaveLength(15);
  });

  test('a series\' bounds are its first and last occurrence: moves, RDATEs, EXDATEs and cancellations counted', () => {
    expect(seriesBounds(dialysisNY)).toEqual({ firstLocal: '2026-10-19T06:30', lastLocal: '2026-11-20T06:30' });
    // UNTIL on a Sunday: the last occurrence is the Friday before, not the UNTIL.
    expect(seriesBounds({ ...dialysisNY, untilLocal: '2026-11-22T23:59:59' }).lastLocal).toBe('2026-11-20T06:30');
    // The first occurrence removed; an extra one before the rule's start.
    expect(seriesBounds({ ...dialysisNY, exdates: ['2026-10-19T06:30'] }).firstLocal).toBe('2026-10-21T06:30');
    expect(seriesBounds({ ...dialysisNY, rdates: ['2026-10-17T09:00'] }).firstLocal).toBe('2026-10-17T09:00');
    // The last one moved past the rule's end, the first one moved earlier: where they were moved to.
    const moved = overrideOccurrence(dialysisNY, '2026-11-20T06:30', { startLocal: '2026-11-24T08:00' });
    if (!moved.ok) throw new Error(moved.reason);
    const both = overrideOccurrence(moved.value, '2026-10-19T06:30', { startLocal: '2026-10-16T08:00' });
    if (!both.ok) throw new Error(both.reason);
    expect(seriesBounds(both.value)).toEqual({ firstLocal: '2026-10-16T08:00', lastLocal: '2026-11-24T08:00' });
    // A cancelled occurrence is still shown (with its status), so it still counts.
    const cancelled = cancelOccurrence(dialysisNY, '2026-11-20T06:30');
    if (!cancelled.ok) throw new Error(cancelled.reason);
    expect(seriesBounds(cancelled.value).lastLocal).toBe('2026-11-20T06:30');
    // Nothing left: the rule's own span.
    const only = series({ dtstartLocal: '2026-10-19T06:30', rrule: 'FREQ=WEEKLY;BYDAY=MO', untilLocal: '2026-10-19T23:59:59', exdates: ['2026-10-19T06:30'] });
    expect(seriesBounds(only)).toEqual({ firstLocal: '2026-10-19T06:30', lastLocal: '2026-10-19T23:59:59' });
  });
});
