import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLegTransition, driverActionsFor, statusAfter } from '../../../../shared/domain/transport/legs';
import {
  LEG_STATUSES,
  LEG_TRANSITIONS,
  TRANSPORT_MODES,
  capacityOf,
  isFinalLegStatus,
  modesCarried,
  modesOf,
  positionFor,
} from '../../../../shared/domain/transport/vocabulary';
import type { Vehicle } from '../../../../shared/domain/transport/vocabulary';

const van: Vehicle = { id: 'v2', name: 'Van 2', seats: 6, wheelchairPositions: 2, stretcherPositions: 0, bariatric: false, oxygen: true };

describe('vocabulary', () => {
  it('has the five modes of the issue', () => {
    expect(TRANSPORT_MODES).toEqual(['ambulatory', 'wheelchair', 'stretcher', 'bariatric', 'oxygen']);
  });

  it('derives what a vehicle carries from its positions and equipment', () => {
    expect(modesCarried(van)).toEqual(['ambulatory', 'wheelchair', 'oxygen']);
    expect(modesCarried({ ...van, seats: 0, wheelchairPositions: 0, stretcherPositions: 1, bariatric: true, oxygen: false })).toEqual(['stretcher', 'bariatric']);
    expect(capacityOf(van, 'seat')).toBe(6);
    expect(capacityOf(van, 'wheelchair')).toBe(2);
    expect(capacityOf(van, 'stretcher')).toBe(0);
  });

  it('a need lists its base first, then bariatric and oxygen', () => {
    expect(modesOf({ base: 'ambulatory', bariatric: false, oxygen: false })).toEqual(['ambulatory']);
    expect(modesOf({ base: 'stretcher', bariatric: true, oxygen: true })).toEqual(['stretcher', 'bariatric', 'oxygen']);
    expect(positionFor('ambulatory')).toBe('seat');
    expect(positionFor('wheelchair')).toBe('wheelchair');
  });
});

describe('leg status transitions', () => {
  it('follows the table and names the reason it refuses', () => {
    const ok = (from: (typeof LEG_STATUSES)[number], to: (typeof LEG_STATUSES)[number]) =>
      checkLegTransition({ from, to, carrier: 'facility_vehicle', confirmationNumber: null, reason: null });
    expect(ok('requested', 'confirmed')).toEqual({ ok: true });
    expect(ok('confirmed', 'requested')).toEqual({ ok: true });
    expect(ok('en_route', 'completed')).toEqual({ ok: true });
    expect(ok('en_route', 'cancelled')).toEqual({ ok: false, path: 'status', code: 'leg_transition_not_allowed' });
    expect(ok('completed', 'en_route')).toEqual({ ok: false, path: 'status', code: 'leg_final_status' });
    expect(ok('confirmed', 'confirmed')).toEqual({ ok: false, path: 'status', code: 'leg_same_status' });
  });

  it('an outside company ride is confirmed only with its confirmation number', () => {
    expect(checkLegTransition({ from: 'requested', to: 'confirmed', carrier: 'transport_company', confirmationNumber: '  ', reason: null })).toEqual({
      ok: false,
      path: 'confirmationNumber',
      code: 'confirmation_number_required',
    });
    expect(checkLegTransition({ from: 'requested', to: 'confirmed', carrier: 'transport_company', confirmationNumber: 'MTM-55812', reason: null })).toEqual({ ok: true });
    expect(checkLegTransition({ from: 'requested', to: 'confirmed', carrier: 'family', confirmationNumber: null, reason: null })).toEqual({ ok: true });
  });

  it('a cancellation says why', () => {
    expect(checkLegTransition({ from: 'confirmed', to: 'cancelled', carrier: 'taxi', confirmationNumber: null, reason: ' ' })).toEqual({ ok: false, path: 'reason', code: 'cancel_reason_required' });
    expect(checkLegTransition({ from: 'confirmed', to: 'cancelled', carrier: 'taxi', confirmationNumber: null, reason: 'Appointment cancelled by clinic' })).toEqual({ ok: true });
  });

  it('a picked-up resident can only be dropped off: no status change takes them off the board', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LEG_STATUSES), (to) => {
        const r = checkLegTransition({ from: 'en_route', to, carrier: 'facility_vehicle', confirmationNumber: null, reason: null });
        expect(r.ok).toBe(to === 'completed');
      }),
    );
  });

  it('final statuses have no way out; every other status can end', () => {
    for (const s of LEG_STATUSES) {
      expect(isFinalLegStatus(s)).toBe(LEG_TRANSITIONS[s].length === 0);
      if (!isFinalLegStatus(s)) expect(LEG_TRANSITIONS[s].some((t) => isFinalLegStatus(t) || t === 'completed' || t === 'en_route')).toBe(true);
    }
  });

  it('offers the driver only the buttons the status allows', () => {
    expect(driverActionsFor('confirmed')).toEqual(['picked_up', 'no_show']);
    expect(driverActionsFor('en_route')).toEqual(['dropped_off']);
    expect(driverActionsFor('completed')).toEqual([]);
    expect(statusAfter('picked_up')).toBe('en_route');
  });
});
