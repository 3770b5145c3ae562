import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { toFieldIssues } from '../../../../electron/core/validation';
import { DRIVER_VIEW_FIELDS, manifestRow } from '../../../../shared/domain/transport/manifest';
import {
  BookInput,
  ConflictOverrideInput,
  DestinationTravelInput,
  DriverMarkInput,
  MAX_TRAVEL_MINUTES,
  ManifestRowOutput,
  ModeChoiceInput,
  StandingTemplate,
  UpdateBookingInput,
  VehicleInput,
} from '../../../../shared/domain/transport/schemas';
import { at, chair } from './fixtures';

/** The field codes the dispatcher would return for this input. */
function issues(schema: z.ZodType, input: unknown) {
  const r = schema.safeParse(input);
  return r.success ? [] : toFieldIssues(r.error, input).map((i) => `${i.path}:${i.code}`);
}

const book = {
  appointmentId: 12,
  mode: null,
  escort: null,
  travelMinutes: 25,
  checkInMinutes: 15,
  outbound: { pickupAt: at('2026-12-02T09:20'), carrier: { kind: 'facility_vehicle', vehicleId: 2, driverStaffId: 7 } },
  return: { kind: 'will_call', carrier: { kind: 'transport_company', companyId: 3 } },
  notes: '  Bring the dialysis chair cushion ',
};

describe('BookInput', () => {
  it('accepts a booking and fills the defaults', () => {
    const r = BookInput.parse(book);
    expect(r.notes).toBe('Bring the dialysis chair cushion');
    expect(r.overrides).toEqual([]);
    expect(r.outbound.runId).toBeNull();
  });

  it('a negative travel or check-in time has its own code', () => {
    expect(issues(BookInput, { ...book, travelMinutes: -10 })).toEqual(['travelMinutes:negative_travel_time']);
    expect(issues(BookInput, { ...book, checkInMinutes: -1 })).toEqual(['checkInMinutes:negative_check_in_time']);
    expect(issues(BookInput, { ...book, travelMinutes: 12.5 })).toEqual(['travelMinutes:invalid_type']);
    expect(issues(BookInput, { ...book, travelMinutes: 5000 })).toEqual(['travelMinutes:too_large']);
    // Eight hours one way at most: the save's conflict window (a day either side) relies on it.
    expect(issues(BookInput, { ...book, travelMinutes: MAX_TRAVEL_MINUTES })).toEqual([]);
    expect(issues(BookInput, { ...book, travelMinutes: MAX_TRAVEL_MINUTES + 1 })).toEqual(['travelMinutes:too_large']);
    expect(3 * MAX_TRAVEL_MINUTES * 60_000).toBeLessThanOrEqual(86_400_000);
  });

  it('is strict: unknown keys are errors, never silently dropped', () => {
    expect(issues(BookInput, { ...book, pickupTime: '09:20' })).toEqual(['pickupTime:unknown_field']);
    expect(issues(BookInput, { ...book, outbound: { ...book.outbound, driver: 'Sam' } })).toEqual(['outbound.driver:unknown_field']);
  });

  it('instants are UTC ISO strings', () => {
    expect(issues(BookInput, { ...book, outbound: { ...book.outbound, pickupAt: '2026-12-02 09:20' } })).toEqual(['outbound.pickupAt:invalid_instant']);
    expect(issues(BookInput, { ...book, return: { kind: 'fixed', pickupAt: '2026-12-02T11:00:00-06:00', carrier: book.return.carrier } })).toEqual(['return.pickupAt:invalid_instant']);
  });

  it('a mode override reason of a word or two is refused by name; a chosen mode without reason passes to the rule', () => {
    expect(issues(ModeChoiceInput, { need: chair, overrideReason: 'ok' })).toEqual(['overrideReason:mode_override_reason_required']);
    expect(ModeChoiceInput.parse({ need: chair, overrideReason: '' })).toEqual({ need: chair, overrideReason: null });
    expect(issues(BookInput, { ...book, mode: { need: { ...chair, base: 'hovercraft' }, overrideReason: null } })).toEqual(['mode.need.base:invalid_choice']);
  });

  it('carriers and escorts are discriminated by kind', () => {
    expect(issues(BookInput, { ...book, escort: { kind: 'family', name: 'Ana Díaz' } })).toEqual([]);
    expect(issues(BookInput, { ...book, escort: { kind: 'staff' } })).toEqual(['escort.staffId:required']);
    expect(issues(BookInput, { ...book, outbound: { ...book.outbound, carrier: { kind: 'family', name: 'Ana Díaz', phone: ' ' } } })).toEqual(['outbound.carrier.phone:required']);
  });

  it('an override needs a reason', () => {
    expect(issues(ConflictOverrideInput, { key: 'vehicle_overlap:outbound:v2|leg:9', reason: ' ok ' })).toEqual(['reason:override_reason_too_short']);
    expect(issues(ConflictOverrideInput, { key: 'vehicle_overlap:outbound:v2|leg:9', reason: '' })).toEqual(['reason:required']);
    expect(issues(BookInput, { ...book, overrides: [{ key: 'k', reason: 'Same clinic, shared ride' }] })).toEqual([]);
  });

  it('an update carries the version it was made against', () => {
    const { appointmentId: _, ...rest } = book;
    expect(issues(UpdateBookingInput, { ...rest, bookingId: 4 })).toEqual(['expectedUpdatedAt:required']);
    expect(issues(UpdateBookingInput, { ...rest, bookingId: 4, expectedUpdatedAt: at('2026-12-01T08:00') })).toEqual([]);
  });
});

describe('other inputs', () => {
  it('a vehicle nobody can ride in is refused', () => {
    const van = { name: 'Van 2', seats: 4, wheelchairPositions: 2, stretcherPositions: 0, bariatric: false, oxygen: true };
    expect(issues(VehicleInput, van)).toEqual([]);
    expect(issues(VehicleInput, { ...van, seats: 0, wheelchairPositions: 0 })).toEqual(['seats:vehicle_without_positions']);
    expect(issues(VehicleInput, { ...van, seats: -1 })).toEqual(['seats:too_small']);
  });

  it('destination travel settings and standing rides use the same minute codes', () => {
    expect(issues(DestinationTravelInput, { locationId: 5, travelMinutes: -3, checkInMinutes: 10 })).toEqual(['travelMinutes:negative_travel_time']);
    const { appointmentId: _id, ...fields } = book;
    const template = { fromLocal: '2026-12-02T10:00', leadMinutes: 40, afterEndMinutes: null, booking: { ...fields, travelMinutes: -3 } };
    expect(issues(StandingTemplate, template)).toEqual(['booking.travelMinutes:negative_travel_time']);
    expect(issues(StandingTemplate, { ...template, fromLocal: '2026-12-02', booking: fields })).toEqual(['fromLocal:invalid_format']);
  });

  it('the driver has three buttons', () => {
    expect(issues(DriverMarkInput, { legId: 3, action: 'picked_up' })).toEqual([]);
    expect(issues(DriverMarkInput, { legId: 3, action: 'teleported' })).toEqual(['action:invalid_choice']);
  });
});

describe("the driver's view output", () => {
  it('has exactly the whitelisted fields and refuses a row with more', () => {
    const row = manifestRow({
      legId: 1,
      kind: 'outbound',
      status: 'confirmed',
      vehicleId: 2,
      driverStaffId: 7,
      pickupAt: at('2026-12-02T09:20'),
      dropoffAt: at('2026-12-02T09:45'),
      appointmentEndsAt: at('2026-12-02T11:00'),
      resident: { givenName: 'Rosalinda', familyName: 'Díaz', preferredName: 'Rosa', room: '12B' },
      need: chair,
      destination: { name: 'Lakeside Dialysis', address: '400 Lake St', phone: null },
      escort: { kind: 'family', name: 'Ana Díaz', phone: '555-0101' },
      notes: null,
      flags: ['appointment_moved_reconfirm'],
    });
    expect(Object.keys(ManifestRowOutput.shape).sort()).toEqual([...DRIVER_VIEW_FIELDS].sort());
    expect(ManifestRowOutput.safeParse(row).success).toBe(true);
    expect(ManifestRowOutput.safeParse({ ...row, dateOfBirth: '1941-03-02' }).success).toBe(false);
  });
});
