// Stored values are stable snake_case keys; labels live in shared/i18n/appointments*.ts, so a
// renamed label never needs a data migration.

export const appointmentTypes = [
  'physician',
  'specialist',
  'dental',
  'dialysis',
  'lab',
  'imaging',
  'therapy',
  'podiatry',
  'eye',
  'mental_health',
  'telehealth',
  'outing',
] as const;
export type AppointmentType = (typeof appointmentTypes)[number];

// In-house: the provider comes to the facility (or a telehealth call in the building); external:
// the resident goes out and needs transport and possibly an escort.
export const appointmentSettings = ['in_house', 'external'] as const;
export type AppointmentSetting = (typeof appointmentSettings)[number];

/** A telehealth visit never needs a vehicle; every other type can be either. */
export function settingsAllowedFor(type: AppointmentType): readonly AppointmentSetting[] {
  return type === 'telehealth' ? ['in_house'] : appointmentSettings;
}

export const appointmentStatuses = ['scheduled', 'confirmed', 'completed', 'cancelled', 'no_show', 'rescheduled'] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

// Preparation a nurse must act on, as a checklist (free text sits beside it for anything else).
// Ordered roughly by how early it must be acted on: fasting starts the evening before.
export const preparationItems = [
  'npo_after_midnight',
  'fasting',
  'hold_medication',
  'bring_medication_list',
  'bring_films',
  'bring_insurance_card',
  'bring_glasses_hearing_aids',
  'full_bladder',
  'wear_loose_clothing',
  'bring_snack',
] as const;
export type PreparationItem = (typeof preparationItems)[number];

/** How the resident's responsible party was told about an appointment. */
export const familyInformedMethods = ['phone', 'in_person', 'message'] as const;
export type FamilyInformedMethod = (typeof familyInformedMethods)[number];

/**
 * How far ahead a series may run, in months, unless the facility sets otherwise. 18 months covers
 * a long dialysis or therapy course while keeping every series reviewable: the facility's care
 * plans are reviewed at least yearly, and an endless rule would outlive the order behind it.
 */
export const DEFAULT_SERIES_HORIZON_MONTHS = 18;
/** Bounds of that facility setting. */
export const SERIES_HORIZON_MONTHS_MIN = 1;
export const SERIES_HORIZON_MONTHS_MAX = 36;

/** Family not yet informed of an appointment starting within this many hours is on the work list. */
export const FAMILY_NOTICE_HOURS = 48;

/** Field limits shared by the schemas and the (future) database columns. */
export const APPOINTMENT_LIMITS = {
  providerName: 120,
  locationName: 120,
  address: 300,
  phone: 40,
  preparationNote: 1000,
  outcomeNote: 4000,
  reason: 300,
  informedBy: 120,
  maxDurationMinutes: 24 * 60,
  maxPreparationItems: preparationItems.length,
  maxExceptionDates: 500,
} as const;
