import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { labelSortKey, locationKey } from '../../../../shared/domain/residents/location-key';
import { compareRoomLabels } from '../../../../shared/domain/residents/room-order';
import { calendarDateIn } from '../../../../shared/domain/dates';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('labelSortKey', () => {
  test('orders door labels the way compareRoomLabels does', () => {
    const labels = ['10B', '2', 'B-101', '10', '10A', '1', 'A', '101', 'b 100', '007'];
    const byKey = [...labels].sort((a, b) => cmp(labelSortKey(a), labelSortKey(b)) || cmp(a, b));
    expect(byKey).toEqual([...labels].sort(compareRoomLabels));
  });

  test('agrees with compareRoomLabels on random labels (ties aside)', () => {
    const label = fc.stringMatching(/^[0-9A-Za-z -]{0,8}$/);
    fc.assert(
      fc.property(label, label, (a, b) => {
        const byKey = Math.sign(cmp(labelSortKey(a), labelSortKey(b)));
        if (byKey !== 0) expect(byKey).toBe(compareRoomLabels(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  test('unit order comes first, then room, then bed', () => {
    const k = (unitSortOrder: number, roomLabel: string, bedLabel: string) => locationKey({ unitSortOrder, unitId: 1, roomLabel, bedLabel });
    expect([k(1, '2', 'A'), k(0, '10', 'B'), k(0, '10', 'A'), k(0, '10A', 'A'), k(0, '9', 'B')].sort()).toEqual([
      k(0, '9', 'B'),
      k(0, '10', 'A'),
      k(0, '10', 'B'),
      k(0, '10A', 'A'),
      k(1, '2', 'A'),
    ]);
  });
});

describe('calendarDateIn', () => {
  test('is the facility date, not UTC', () => {
    expect(calendarDateIn(new Date('2026-03-03T03:00:00Z'), 'America/Chicago')).toBe('2026-03-02');
    expect(calendarDateIn(new Date('2026-03-03T03:00:00Z'), 'UTC')).toBe('2026-03-03');
  });
});
