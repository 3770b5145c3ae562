import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareRoomLabels } from '../../../../shared/domain/residents/room-order';

describe('compareRoomLabels', () => {
  it('sorts numbers numerically and suffixes after the bare number', () => {
    const labels = ['B-101', '10B', '2', '10', '10A', '1', '100', 'A-2', 'A-10', 'B-9'];
    expect([...labels].sort(compareRoomLabels)).toEqual(['1', '2', '10', '10A', '10B', '100', 'A-2', 'A-10', 'B-9', 'B-101']);
  });

  it('ignores case and separators for ordering, then breaks ties deterministically', () => {
    expect(Math.sign(compareRoomLabels('b-101', 'B-102'))).toBe(-1);
    expect(compareRoomLabels('B-101', 'B101')).not.toBe(0);
    expect([...['b101', 'B-101', 'B 101'].sort(compareRoomLabels)]).toEqual(['B 101', 'B-101', 'b101']);
  });

  it('handles leading zeros, multi-part numbers and huge numbers', () => {
    expect(compareRoomLabels('007', '8')).toBe(-1);
    expect(compareRoomLabels('07', '7')).not.toBe(0);
    expect(compareRoomLabels('10-2', '10-10')).toBe(-1);
    expect(compareRoomLabels('99999999999999999998', '99999999999999999999')).toBe(-1);
    expect(compareRoomLabels('', '1')).toBe(-1);
    expect(compareRoomLabels('1', '1')).toBe(0);
  });

  it('puts numbered rooms before lettered wings', () => {
    expect(compareRoomLabels('999', 'A1')).toBe(-1);
    expect(compareRoomLabels('10-1', '10A')).toBe(-1);
  });

  const label = fc.oneof(
    fc.stringMatching(/^[A-Ca-c]?[- ]?[0-9]{0,3}[A-Ba-b]?$/),
    fc.string({ maxLength: 6 }),
  );

  it('is a total order', () => {
    fc.assert(
      fc.property(label, label, (a, b) => {
        expect(compareRoomLabels(a, a)).toBe(0);
        expect(Math.sign(compareRoomLabels(a, b)) + Math.sign(compareRoomLabels(b, a))).toBe(0);
        if (compareRoomLabels(a, b) === 0) expect(a).toBe(b);
      }),
    );
    fc.assert(
      fc.property(label, label, label, (a, b, c) => {
        const [x, y, z] = [a, b, c].sort(compareRoomLabels);
        expect(compareRoomLabels(x!, z!)).toBeLessThanOrEqual(0);
        expect(compareRoomLabels(x!, y!)).toBeLessThanOrEqual(0);
        expect(compareRoomLabels(y!, z!)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('sorting does not depend on input order', () => {
    fc.assert(
      fc.property(fc.array(label, { maxLength: 10 }), (labels) => {
        const once = [...labels].sort(compareRoomLabels);
        expect([...labels].reverse().sort(compareRoomLabels)).toEqual(once);
      }),
    );
  });

  it('orders plain numbers numerically', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(100_000), (a, b) => {
        expect(Math.sign(compareRoomLabels(String(a), String(b)))).toBe(Math.sign(a - b));
      }),
    );
  });
});
