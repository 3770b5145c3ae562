/**
 * Transport area strings. `transportEn` is the source; `transportEs` (transport-es.ts) must have the
 * same keys (checked by the compiler through Leaves, as en.ts/es.ts do for the whole catalog).
 *
 * Conflict messages take the params of `formatConflictParams` (shared/domain/transport/conflicts.ts):
 * times already on the facility's clock ('09:00'), dates in the app's one format, a mode as words
 * from `modeInText`. Field codes live under `transport.field` (the renderer looks there after `field`).
 */
export const transportEn = {
  title: 'Transport',
  mode: { ambulatory: 'Ambulatory', wheelchair: 'Wheelchair', stretcher: 'Stretcher', bariatric: 'Bariatric', oxygen: 'Oxygen' },
  /** A mode inside a sentence ("Van 2 cannot carry oxygen"). */
  modeInText: { ambulatory: 'seated riders', wheelchair: 'a wheelchair', stretcher: 'a stretcher', bariatric: 'a bariatric rider', oxygen: 'oxygen' },
  modeProposed: 'Proposed from mobility: {{mode}}',
  modeReason: {
    aid_stretcher: 'uses a stretcher',
    aid_wheelchair: 'uses a wheelchair',
    transfer_mechanical_lift: 'transfers with a mechanical lift',
    transfer_two_person: 'needs a two-person transfer',
    walks: 'walks',
    bariatric: 'bariatric',
    oxygen: 'on oxygen',
  },
  modeAsk: 'Mobility is not assessed ({{facts}}), so no mode is proposed. Choose the mode for this ride.',
  notAssessedFact: { aid: 'mobility aid', transfer: 'transfer assistance', bariatric: 'bariatric' },
  modeOverride: 'Why a different mode?',
  position: { seat: 'Seat', wheelchair: 'Wheelchair position', stretcher: 'Stretcher position' },
  carrier: { facility_vehicle: 'Facility vehicle', transport_company: 'Transport company', taxi: 'Taxi', family: 'Family' },
  escort: { staff: 'Staff member', family: 'Family member', none: 'No escort', leavesFloor: '{{name}} leaves the floor {{from}}–{{to}}' },
  legKind: { outbound: 'Outbound', return: 'Return' },
  legStatus: { requested: 'Requested', confirmed: 'Confirmed', en_route: 'En route', completed: 'Completed', cancelled: 'Cancelled', no_show: 'No-show' },
  confirmedWith: 'Confirmed, no. {{number}}',
  returnKind: { fixed: 'Fixed time', will_call: 'Will call' },
  driverAction: { picked_up: 'Picked up', dropped_off: 'Dropped off', no_show: 'Not there (no-show)' },
  returnState: {
    planned: 'Return booked',
    will_call: 'Will call',
    under_way: 'On the way back',
    cancelled: 'Return cancelled — how is the resident getting back?',
    no_show: 'Carrier did not find the resident for the return',
    none: 'No return booked',
  },
  flag: {
    appointment_moved_reconfirm: 'Appointment moved — re-confirm with the carrier',
    appointment_cancelled: 'Appointment cancelled — cancel the ride with the carrier',
    appointment_rescheduled: 'Appointment rescheduled — book the ride for the new appointment',
    appointment_in_house: 'The appointment is now in-house — the ride is not needed',
    moved_after_departure: 'The appointment moved after the ride had left — call the driver',
    occurrence_removed: 'This date is no longer in the series — cancel the ride',
    ride_skipped: 'No ride wanted on this date — cancel it with the carrier',
  },
  conflict: {
    appointment_cancelled: 'The appointment was cancelled: this ride for {{resident}} should not go.',
    appointment_rescheduled: 'The appointment was rescheduled: this ride for {{resident}} still points at the old one.',
    vehicle_overlap: '{{vehicle}} is already on a trip {{from}}–{{to}} ({{resident}}).',
    driver_overlap: '{{driver}} is already driving {{vehicle}} {{from}}–{{to}} ({{resident}}).',
    over_capacity_seats: '{{vehicle}} would carry {{count}} seated people at {{at}}; it has {{capacity}} seats.',
    over_capacity_wheelchairs: '{{vehicle}} would carry {{count}} wheelchairs at {{at}}; it has {{capacity}} wheelchair positions.',
    over_capacity_stretchers: '{{vehicle}} would carry {{count}} stretchers at {{at}}; it has {{capacity}} stretcher positions.',
    mode_not_carried: '{{vehicle}} cannot carry {{mode}}.',
    resident_double_booked: '{{resident}} is already out on another trip {{from}}–{{to}}.',
    driver_credential_expired: 'The driver, {{staff}}: {{course}} expired on {{expiredOn}}; the trip is on {{date}}.',
    driver_credential_missing: 'The driver, {{staff}}, has no {{course}} valid on {{date}}, the day of the trip.',
    escort_credential_expired: 'The escort, {{staff}}: {{course}} expired on {{expiredOn}}; the trip is on {{date}}.',
    escort_credential_missing: 'The escort, {{staff}}, has no {{course}} valid on {{date}}, the day of the trip.',
  },
  override: {
    title: 'Save anyway?',
    intro: 'Each of these must be accepted with a reason, which is recorded with the booking.',
    reason: 'Reason',
    accept: 'Accept with this reason',
  },
  board: {
    title: 'Trip board',
    today: 'Today',
    tomorrow: 'Tomorrow',
    out: 'Out of the building now',
    overdue: 'Overdue returns',
    minutesOverdue: '{{minutes}} min overdue',
    expectedBack: 'Expected back {{time}}',
    estimated: '(estimated from the appointment)',
    unmarked: 'Pickups not marked',
    minutesLate: 'Pickup was due {{minutes}} min ago',
    noneOut: 'Nobody is out on a trip.',
  },
  manifest: {
    title: 'Driver’s manifest',
    vehicle: 'Vehicle',
    date: 'Date',
    time: 'Time',
    pickup: 'Pickup',
    willCall: 'Will call (expected about {{time}})',
    resident: 'Resident',
    room: 'Room',
    mode: 'Mode',
    destination: 'Destination',
    phone: 'Phone',
    escort: 'Escort',
    notes: 'Notes',
    signature: 'Driver’s signature',
    noTrips: 'No trips for this vehicle on this day.',
  },
};

/** Field error codes of this area (TRANSPORT_FIELD_CODES), looked up under `transport.field`. */
export const transportFieldEn = {
  in_house_appointment: 'This appointment is in-house: it needs no ride.',
  negative_travel_time: 'The travel time cannot be negative.',
  negative_check_in_time: 'The check-in time cannot be negative.',
  pickup_after_start: 'The pickup is after the appointment starts.',
  arrives_after_start: 'With this pickup the resident arrives {{minutes}} min after the appointment starts.',
  return_before_outbound: 'The return pickup is before the resident has arrived.',
  return_before_appointment: 'The return pickup is before the appointment starts.',
  no_position_for_mode: '{{vehicle}} has no place for this mode.',
  no_seat_for_escort: '{{vehicle}} has no seat for the escort.',
  mode_required: 'Mobility is not assessed: choose the mode.',
  mode_override_reason_required: 'Say why the mode differs from the one proposed (a few words).',
  leg_same_status: 'The ride already has this status.',
  leg_final_status: 'This ride is finished; its status cannot change.',
  leg_transition_not_allowed: 'Not possible from the ride’s current status.',
  confirmation_number_required: 'Enter the carrier’s confirmation number.',
  cancel_reason_required: 'Say why the ride is cancelled.',
  override_reason_too_short: 'Give a reason of a few words.',
  vehicle_without_positions: 'A vehicle needs at least one seat or position.',
  negative_wait_time: 'The wait after the appointment cannot be negative.',
};

type Leaves<T> = { [K in keyof T]: T[K] extends string ? string : Leaves<T[K]> };
export type TransportMessages = Leaves<typeof transportEn>;
export type TransportFieldMessages = Leaves<typeof transportFieldEn>;
