/**
 * Appointments area strings. `appointmentsEn` is the source; `appointmentsEs` must have the same
 * keys (checked by the compiler through the Leaves type below, as en.ts/es.ts do for the whole
 * catalog). Field codes go into the shared `field` block (as residents' do), so the renderer's
 * fieldText finds them without an area prefix.
 */
export const appointmentsEn = {
  title: 'Appointments',
  notFound: 'That appointment does not exist.',
  type: {
    physician: 'Physician',
    specialist: 'Specialist',
    dental: 'Dental',
    dialysis: 'Dialysis',
    lab: 'Lab',
    imaging: 'Imaging',
    therapy: 'Therapy (PT/OT/speech)',
    podiatry: 'Podiatry',
    eye: 'Eye',
    mental_health: 'Mental health',
    telehealth: 'Telehealth',
    outing: 'Outing or community event',
  },
  setting: {
    in_house: 'In-house',
    external: 'External (needs transport)',
  },
  status: {
    scheduled: 'Scheduled',
    confirmed: 'Confirmed',
    completed: 'Completed',
    cancelled: 'Cancelled',
    no_show: 'No-show',
    rescheduled: 'Rescheduled',
  },
  preparation: {
    npo_after_midnight: 'Nothing by mouth after midnight',
    fasting: 'Fasting',
    hold_medication: 'Hold medication',
    bring_medication_list: 'Bring medication list',
    bring_films: 'Bring films (X-rays, scans)',
    bring_insurance_card: 'Bring insurance card',
    bring_glasses_hearing_aids: 'Bring glasses and hearing aids',
    full_bladder: 'Arrive with a full bladder',
    wear_loose_clothing: 'Wear loose clothing',
    bring_snack: 'Bring a snack',
  },
  familyMethod: {
    phone: 'Phone',
    in_person: 'In person',
    message: 'Message',
  },
  frequency: {
    daily: 'Daily',
    weekly: 'Weekly',
    monthly: 'Monthly',
  },
  /** Beside an occurrence the resolver shifted: every shifted occurrence is flagged. */
  shift: {
    gap: 'Moved by the clock change: {{time}} does not exist on this day.',
    fold: 'At the first {{time}}: the clocks go back this night.',
  },
  conflict: {
    title: 'This clashes with the resident’s schedule',
    intro: 'Go back and change the time, or save anyway with a reason. The reason is recorded.',
    reason: 'Reason for saving anyway',
    saveAnyway: 'Save anyway',
    goBack: 'Go back',
  },
  followUps: {
    title: 'Follow-ups',
    newOrders: 'New orders to follow up',
    needsTransport: 'External appointments without transport',
    familyNotInformed: 'Family not yet informed (next 48 hours)',
    overdue: 'Overdue',
  },
  ics: {
    title: 'Export to a calendar file',
    intro: 'Choose what the file may show. It leaves CareDesk, so include only what the recipient needs.',
    defaultSummary: 'Appointment',
    includeType: 'Type of appointment',
    includeProvider: 'Provider and location',
    includePreparation: 'Preparation instructions',
    includeResidentName: 'Resident’s name',
    preparationHeading: 'Preparation',
  },
  error: {
    conflicts: 'This appointment clashes with the resident’s schedule. Go back, or save anyway with a reason.',
  },
};

/** Field codes of the appointments rules (shared/domain/appointments). */
export const appointmentsFieldEn = {
  invalid_date_time: 'Not a real date and time.',
  setting_not_allowed: 'A telehealth visit takes place in the facility.',
  end_before_start: 'The end is before the start.',
  duration_too_long: 'At most {{max}} hours.',
  local_time_skipped: 'On {{date}} the clocks jump from {{gapStart}} to {{gapEnd}}, so {{time}} does not exist. Use {{suggestedTime}}?',
  local_time_ambiguous: '{{time}} happens twice on {{date}} because the clocks go back. Choose the first (UTC{{earlierOffset}}) or the second (UTC{{laterOffset}}).',
  weekly_needs_days: 'Choose at least one day of the week.',
  days_only_weekly_or_monthly: 'Days of the week apply to weekly or monthly series only.',
  month_days_only_monthly: 'Days of the month apply to monthly series only.',
  monthly_needs_day: 'Choose a day of the month, or a weekday such as “second Tuesday”.',
  set_pos_needs_one_weekday: 'Choose one weekday together with first, second, third, fourth or last.',
  invalid_rule: 'This repeat pattern is not possible.',
  until_before_start: 'The series ends before it starts.',
  beyond_horizon: 'A series can run at most {{months}} months: end it by {{lastDate}}.',
  rule_no_occurrences: 'This pattern has no date between the start and the end.',
  not_an_occurrence: 'That date is not part of this series.',
  follow_up_due_required: 'Give a follow-up date for the new orders.',
  follow_up_without_orders: 'A follow-up date needs new orders.',
  status_unchanged: 'The appointment already has this status.',
  status_final: 'This outcome is final. Use “entered in error” to correct it.',
  status_not_allowed: 'Not possible from the current status.',
  status_not_yet_started: 'Not possible before the appointment’s start.',
  resident_not_in_care: 'The resident is not in the facility’s care on {{date}}.',
  overlaps_appointment: 'Clashes with another appointment of this resident.',
  overlaps_series: 'Clashes with a recurring appointment of this resident.',
  during_hospital_stay: 'The resident is in hospital then (since {{from}}).',
  during_leave: 'The resident is on leave then (since {{from}}).',
  unknown_resident: 'No such resident.',
  unknown_provider: 'No such provider in the directory (it may have been merged).',
  resident_cannot_change: 'An appointment cannot move to another resident. Cancel it and book a new one.',
  no_orders_to_follow_up: 'This appointment has no new orders to follow up.',
  series_cancelled: 'This recurring appointment was cancelled.',
  same_provider: 'Choose two different providers.',
  choose_resident_or_unit: 'Choose a resident or a unit.',
  range_too_long: 'At most {{max}} days at a time.',
  time_zone_not_exportable: 'The facility’s time zone cannot be written into a calendar file.',
};

type Leaves<T> = { [K in keyof T]: T[K] extends string ? string : Leaves<T[K]> };
export type AppointmentsMessages = Leaves<typeof appointmentsEn>;
export type AppointmentsFieldMessages = Leaves<typeof appointmentsFieldEn>;
