/**
 * Every field-error code the transport rules and schemas can return, in one list: the i18n catalog
 * must have a message for each (test/unit/i18n-transport.test.ts), so no code reaches a person as a
 * bare key. Conflict codes are CONFLICT_CODES (conflicts.ts), booking flags BOOKING_FLAGS (linked.ts).
 */
export const TRANSPORT_FIELD_CODES = [
  // schedule.ts — bad input
  'in_house_appointment',
  'negative_travel_time',
  'negative_check_in_time',
  'pickup_after_start',
  'arrives_after_start',
  'return_before_outbound',
  'return_before_appointment',
  'no_position_for_mode',
  'no_seat_for_escort',
  // mode.ts
  'mode_required',
  'mode_override_reason_required',
  // legs.ts
  'leg_same_status',
  'leg_final_status',
  'leg_transition_not_allowed',
  'confirmation_number_required',
  'cancel_reason_required',
  // schemas.ts
  'override_reason_too_short',
  'vehicle_without_positions',
  // handlers (electron/core/handlers/transport.ts)
  'unknown_appointment',
  'already_booked',
  'unknown_vehicle',
  'unknown_staff',
  'unknown_carrier',
  'unknown_destination',
  'vehicle_name_taken',
  'carrier_name_taken',
  'not_will_call',
  // standing rides (electron/core/handlers/transport-standing.ts)
  'not_a_series_occurrence',
  'standing_exists',
  'not_standing',
  'standing_ended',
] as const;
export type TransportFieldCode = (typeof TRANSPORT_FIELD_CODES)[number];
