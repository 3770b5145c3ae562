import { describe, expect, it } from 'vitest';
import { occurrenceFields, resolveStandingConflicts, standingConflictKey, standingTemplate, type Conflict, type StandingFields } from '../../../../shared/domain/transport';

const carrier = { kind: 'facility_vehicle' as const, vehicleId: 2, driverStaffId: 7 };
const fields = (returnKind: 'fixed' | 'will_call'): StandingFields => ({
  mode: null,
  escort: null,
  travelMinutes: 30,
  checkInMinutes: 15,
  outbound: { pickupAt: '2026-03-04T11:40:00.000Z', carrier, runId: null },
  return: returnKind === 'fixed' ? { kind: 'fixed', pickupAt: '2026-03-04T16:40:00.000Z', carrier, runId: null } : { kind: 'will_call', carrier, runId: null },
  notes: 'Bring the bag',
  overrides: [{ key: 'x', reason: 'not carried over' }],
});
const first = { startsAt: '2026-03-04T12:30:00.000Z', endsAt: '2026-03-04T16:30:00.000Z' };

describe('a standing ride template', () => {
  it('keeps the lead time the coordinator chose (not the proposal) and the wait after the end; overrides are not carried over', () => {
    const t = standingTemplate('2026-03-04T06:30', first, fields('fixed'));
    expect(t).toMatchObject({ fromLocal: '2026-03-04T06:30', leadMinutes: 50, afterEndMinutes: 10 });
    expect('overrides' in t.booking).toBe(false);
    // After the DST change the instants move an hour; the offsets do not.
    const later = occurrenceFields(t, { startsAt: '2026-03-09T11:30:00.000Z', endsAt: '2026-03-09T15:30:00.000Z' });
    expect(later.outbound.pickupAt).toBe('2026-03-09T10:40:00.000Z');
    expect(later.return).toMatchObject({ kind: 'fixed', pickupAt: '2026-03-09T15:40:00.000Z' });
    expect(later.overrides).toEqual([]);
  });

  it('a will-call return stays will-call', () => {
    const t = standingTemplate('2026-03-04T06:30', first, fields('will_call'));
    expect(t.afterEndMinutes).toBeNull();
    expect(occurrenceFields(t, first).return).toEqual({ kind: 'will_call', carrier, runId: null });
  });
});

describe("a standing ride's conflicts", () => {
  const conflict = (code: Conflict['code'], legKind: 'outbound' | 'return', key: string): Conflict => ({ code, key, legId: 'new', legKind, params: {}, withLegIds: [] });
  const occurrences = [
    { date: '2026-03-04', conflicts: [] },
    { date: '2026-03-06', conflicts: [conflict('vehicle_overlap', 'outbound', 'vehicle_overlap:outbound:run-9'), conflict('driver_credential_expired', 'return', 'c:7')] },
    { date: '2026-03-09', conflicts: [conflict('vehicle_overlap', 'outbound', 'vehicle_overlap:outbound:run-12')] },
  ];

  it('are one decision per kind and leg, with the first date and the count', () => {
    const r = resolveStandingConflicts(occurrences, []);
    expect(r.blocking.map((b) => [b.key, b.firstDate, b.count])).toEqual([
      ['standing:vehicle_overlap:outbound', '2026-03-06', 2],
      ['standing:driver_credential_expired:return', '2026-03-06', 1],
    ]);
    expect(r.overridden).toEqual([[], [], []]);
  });

  it('one reason accepts that kind on every occurrence; a token reason accepts nothing', () => {
    const key = standingConflictKey({ code: 'vehicle_overlap', legKind: 'outbound' });
    const r = resolveStandingConflicts(occurrences, [{ key, reason: 'Second van on loan that week' }, { key: 'standing:driver_credential_expired:return', reason: 'ok' }]);
    expect(r.blocking.map((b) => b.key)).toEqual(['standing:driver_credential_expired:return']);
    expect(r.overridden.map((o) => o.map((x) => x.conflict.key))).toEqual([[], ['vehicle_overlap:outbound:run-9'], ['vehicle_overlap:outbound:run-12']]);
  });
});
