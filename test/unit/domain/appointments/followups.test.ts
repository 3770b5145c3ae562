import { describe, expect, test } from 'vitest';
import { familyNoticeDue, followUps, hasOrdersToFollowUp, lacksTransport, type FollowUpRow } from '../../../../shared/domain/appointments/followups';
import { ms } from './fixtures';

// The injected clock: the night before the November change in New York.
const NOW = ms('2026-10-31T23:00:00Z');
const TODAY = '2026-10-31';
const H = 3_600_000;

const row = (ref: number, over: Partial<FollowUpRow> = {}): FollowUpRow => ({
  ref,
  start: NOW + 24 * H,
  status: 'scheduled',
  setting: 'external',
  newOrders: false,
  followUpDue: null,
  followedUpAt: null,
  hasTransport: true,
  familyInformedAt: '2026-10-30T15:00:00Z',
  ...over,
});

describe('follow-ups work list', () => {
  test('completed with new orders and no follow-up yet; overdue when due before today', () => {
    expect(hasOrdersToFollowUp(row(1, { status: 'completed', newOrders: true, followUpDue: '2026-11-02' }))).toBe(true);
    expect(hasOrdersToFollowUp(row(1, { status: 'completed', newOrders: true, followUpDue: '2026-11-02', followedUpAt: '2026-10-31T20:00:00Z' }))).toBe(false);
    expect(hasOrdersToFollowUp(row(1, { status: 'confirmed', newOrders: true, followUpDue: '2026-11-02' }))).toBe(false);
    const list = followUps(
      [row(1, { status: 'completed', newOrders: true, followUpDue: '2026-11-02', start: NOW - 48 * H }), row(2, { status: 'completed', newOrders: true, followUpDue: '2026-10-30', start: NOW - 72 * H })],
      { nowMs: NOW, today: TODAY },
    );
    expect(list.newOrders).toEqual([
      { ref: 2, due: '2026-10-30', overdue: true },
      { ref: 1, due: '2026-11-02', overdue: false },
    ]);
  });

  test('external, open, not started, no ride', () => {
    expect(lacksTransport(row(1, { hasTransport: false }), NOW)).toBe(true);
    expect(lacksTransport(row(1, { hasTransport: false, setting: 'in_house' }), NOW)).toBe(false);
    expect(lacksTransport(row(1, { hasTransport: false, status: 'cancelled' }), NOW)).toBe(false);
    expect(lacksTransport(row(1, { hasTransport: false, start: NOW - 1 }), NOW)).toBe(false);
    expect(lacksTransport(row(1, { hasTransport: false, start: NOW }), NOW)).toBe(true);
    expect(lacksTransport(row(1, { hasTransport: false, status: 'confirmed', start: NOW + 30 * 24 * H }), NOW)).toBe(true);
  });

  test('family not informed of an appointment in the next 48 hours (half-open)', () => {
    const notTold = { familyInformedAt: null };
    expect(familyNoticeDue(row(1, { ...notTold, start: NOW }), NOW)).toBe(true);
    expect(familyNoticeDue(row(1, { ...notTold, start: NOW + 48 * H - 1 }), NOW)).toBe(true);
    expect(familyNoticeDue(row(1, { ...notTold, start: NOW + 48 * H }), NOW)).toBe(false);
    expect(familyNoticeDue(row(1, { ...notTold, start: NOW - 1 }), NOW)).toBe(false);
    expect(familyNoticeDue(row(1, { ...notTold, status: 'cancelled' }), NOW)).toBe(false);
    expect(familyNoticeDue(row(1), NOW)).toBe(false);
  });

  test('the list: each section soonest first, one row can be in several', () => {
    const list = followUps(
      [row(1, { hasTransport: false, familyInformedAt: null, start: NOW + 30 * H }), row(2, { hasTransport: false, familyInformedAt: null, start: NOW + 2 * H }), row(3)],
      { nowMs: NOW, today: TODAY },
    );
    expect(list).toEqual({
      newOrders: [],
      needsTransport: [
        { ref: 2, start: NOW + 2 * H },
        { ref: 1, start: NOW + 30 * H },
      ],
      familyNotInformed: [
        { ref: 2, start: NOW + 2 * H },
        { ref: 1, start: NOW + 30 * H },
      ],
    });
  });
});
