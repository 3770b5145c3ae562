import { Temporal } from 'temporal-polyfill';
import { expect, test } from 'vitest';
import { expand } from '../../../../shared/domain/appointments/recurrence';
import { inspectWall, WallResolver } from '../../../../shared/domain/appointments/resolver';
import { formatLocal, requireLocal } from '../../../../shared/domain/appointments/local-time';
import { describeInHostZones } from './host-zones';
import { ms, series, z } from './fixtures';

const ZONES = ['America/New_York', 'Europe/Madrid', 'Australia/Sydney', 'Europe/London', 'America/Santiago'];
const TIMES = Array.from({ length: 16 }, (_, i) => `${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`);

describeInHostZones('resolver', () => {
  test('the handbook instants: gap forward by the gap, fold takes the first', () => {
    expect(inspectWall('America/New_York', requireLocal('2027-03-14T02:30'))).toEqual({
      kind: 'gap',
      instant: ms('2027-03-14T07:30:00Z'),
      gapStart: requireLocal('2027-03-14T02:00'),
      gapEnd: requireLocal('2027-03-14T03:00'),
    });
    expect(inspectWall('Europe/Madrid', requireLocal('2026-10-25T02:30'))).toEqual({
      kind: 'fold',
      earlier: ms('2026-10-25T00:30:00Z'),
      later: ms('2026-10-25T01:30:00Z'),
    });
    expect(inspectWall('Europe/Madrid', requireLocal('2026-10-25T06:30'))).toEqual({ kind: 'exists', instant: ms('2026-10-25T05:30:00Z') });
  });

  test('a later fold is chosen only when asked', () => {
    const r = new WallResolver('America/New_York', ms('2026-10-30T00:00Z'), ms('2026-11-03T00:00Z'));
    const wall = requireLocal('2026-11-01T01:30');
    expect(z(r.instant(wall))).toBe('2026-11-01T05:30Z');
    expect(z(r.instant(wall, 'later'))).toBe('2026-11-01T06:30Z');
    // 'later' means nothing outside a fold, and a gap stays forward-shifted.
    expect(z(r.instant(requireLocal('2026-11-01T06:30'), 'later'))).toBe('2026-11-01T11:30Z');
  });

  test('wallOf inverts instant outside gaps', () => {
    const r = new WallResolver('Europe/Madrid', ms('2027-03-20T00:00Z'), ms('2027-04-05T00:00Z'));
    for (const local of ['2027-03-27T06:30', '2027-03-28T01:59', '2027-03-28T03:00', '2027-03-28T06:30']) {
      expect(formatLocal(r.wallOf(r.instant(requireLocal(local))))).toBe(local);
    }
  });

  // RECURRENCE.md's check: 80 daily rules (16 times × 5 zones) over 2026–2027, every day against
  // Temporal's own 'compatible' disambiguation. The handbook's resolver had 0 mismatches.
  test('daily rules 00:00–03:45 every 15 min through 2027 match Temporal compatible, shifts flagged', () => {
    let checked = 0;
    const mismatches: string[] = [];
    for (const zone of ZONES) {
      for (const time of TIMES) {
        const s = series({ timeZone: zone, dtstartLocal: `2026-01-01T${time}`, rrule: 'FREQ=DAILY', untilLocal: '2027-12-31T23:59:59' });
        const occ = expand(s, ms('2025-12-30T00:00Z'), ms('2028-01-02T00:00Z'));
        expect(occ).toHaveLength(730);
        for (const o of occ) {
          const pdt = Temporal.PlainDateTime.from(formatLocal(o.originalWall));
          const compatible = pdt.toZonedDateTime(zone, { disambiguation: 'compatible' });
          // In a gap 'compatible' and 'later' agree (both forward); in a fold they differ.
          const later = pdt.toZonedDateTime(zone, { disambiguation: 'later' });
          const expectedShift = !compatible.toPlainDateTime().equals(pdt) ? 'gap' : compatible.epochMilliseconds !== later.epochMilliseconds ? 'fold' : null;
          if (o.start !== compatible.epochMilliseconds || o.shift !== expectedShift) mismatches.push(`${zone} ${formatLocal(o.originalWall)}`);
          checked++;
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(80 * 730);
  });
});
