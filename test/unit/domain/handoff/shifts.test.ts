import { describe, expect, it } from 'vitest';
import { compareShiftRefs, dateOutsideRange, dueDateIn, nextShift, previousShift, shiftAt, shiftWindow } from '../../../../shared/domain/handoff/shifts';
import { THREE_EIGHTS } from './fixtures';

const TZ = 'America/Chicago';
const at = (iso: string) => shiftAt(THREE_EIGHTS, TZ, new Date(iso));

describe('the shift timeline', () => {
  it('finds the shift being worked, in the facility zone', () => {
    expect(at('2026-03-02T13:00:00Z')).toEqual({ shiftId: 1, date: '2026-03-02' }); // 07:00 Chicago
    expect(at('2026-03-02T20:59:00Z')).toEqual({ shiftId: 1, date: '2026-03-02' }); // 14:59
    expect(at('2026-03-02T21:00:00Z')).toEqual({ shiftId: 2, date: '2026-03-02' }); // 15:00
    expect(at('2026-03-03T05:30:00Z')).toEqual({ shiftId: 3, date: '2026-03-02' }); // 23:30
  });

  it('gives a shift that crosses midnight to the date it started on', () => {
    expect(at('2026-03-03T08:00:00Z')).toEqual({ shiftId: 3, date: '2026-03-02' }); // 02:00 on Mar 3
    expect(at('2026-03-03T12:59:00Z')).toEqual({ shiftId: 3, date: '2026-03-02' }); // 06:59
  });

  it('falls back to the shift that began last when the pattern leaves hours uncovered', () => {
    const twoShifts = [
      { id: 7, name: 'Day', start: '07:00', end: '15:00', sortOrder: 0 },
      { id: 8, name: 'Evening', start: '15:00', end: '21:00', sortOrder: 1 },
    ];
    expect(shiftAt(twoShifts, TZ, new Date('2026-03-03T04:00:00Z'))).toEqual({ shiftId: 8, date: '2026-03-02' }); // 22:00
    expect(shiftAt([], TZ, new Date())).toBeNull();
  });

  it('walks to the previous and next shift across dates', () => {
    expect(previousShift(THREE_EIGHTS, { shiftId: 1, date: '2026-03-02' })).toEqual({ shiftId: 3, date: '2026-03-01' });
    expect(previousShift(THREE_EIGHTS, { shiftId: 2, date: '2026-03-02' })).toEqual({ shiftId: 1, date: '2026-03-02' });
    expect(nextShift(THREE_EIGHTS, { shiftId: 3, date: '2026-03-01' })).toEqual({ shiftId: 1, date: '2026-03-02' });
    expect(compareShiftRefs(THREE_EIGHTS, { shiftId: 3, date: '2026-03-01' }, { shiftId: 1, date: '2026-03-02' })).toBeLessThan(0);
    expect(compareShiftRefs(THREE_EIGHTS, { shiftId: 2, date: '2026-03-02' }, { shiftId: 1, date: '2026-03-02' })).toBeGreaterThan(0);
  });

  it('turns a shift into instants, across a daylight-saving change', () => {
    expect(shiftWindow(THREE_EIGHTS[0]!, '2026-03-02', TZ)).toEqual({ from: '2026-03-02T13:00:00.000Z', until: '2026-03-02T21:00:00.000Z' });
    // Night of Mar 7 → Mar 8 2026: clocks go from 02:00 CST to 03:00 CDT; the shift is one hour shorter.
    const night = shiftWindow(THREE_EIGHTS[2]!, '2026-03-07', TZ);
    expect(night).toEqual({ from: '2026-03-08T05:00:00.000Z', until: '2026-03-08T12:00:00.000Z' });
  });

  it('names the bounds of the dates a sheet may be asked for', () => {
    expect(dateOutsideRange('2026-03-02', '2026-03-02', { back: 7, ahead: 1 })).toBeNull();
    expect(dateOutsideRange('2026-02-23', '2026-03-02', { back: 7, ahead: 1 })).toBeNull();
    expect(dateOutsideRange('2026-02-22', '2026-03-02', { back: 7, ahead: 1 })).toEqual({ min: '2026-02-23', max: '2026-03-03' });
    expect(dateOutsideRange('2026-03-04', '2026-03-02', { back: 7, ahead: 1 })).toEqual({ min: '2026-02-23', max: '2026-03-03' });
  });

  it('puts a due time after midnight in a night shift on the next day', () => {
    expect(dueDateIn(THREE_EIGHTS[2]!, '2026-03-02', '02:00')).toBe('2026-03-03');
    expect(dueDateIn(THREE_EIGHTS[2]!, '2026-03-02', '23:30')).toBe('2026-03-02');
    expect(dueDateIn(THREE_EIGHTS[0]!, '2026-03-02', '06:00')).toBe('2026-03-02');
  });
});
