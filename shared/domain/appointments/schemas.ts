import { z } from 'zod';
import { Id, IsoDate, IsoInstant, optionalText, text } from '../../contract/common';
import { isLocalDateTime } from './local-time';
import { RULE_MAX_INTERVAL, ruleFrequencies, ruleProblem, weekdays } from './rule';
import {
  APPOINTMENT_LIMITS as L,
  appointmentSettings,
  appointmentStatuses,
  appointmentTypes,
  familyInformedMethods,
  preparationItems,
  settingsAllowedFor,
} from './vocabulary';

/**
 * Input shapes for the appointments contract: strict objects (unknown keys are errors), ISO
 * strings, capped text, and stable field codes ({ error: 'code' }) that electron/core/validation.ts
 * passes to the renderer. Rules that need the facility's zone or settings (a time skipped or
 * repeated by DST, the end against the start, the series horizon, a rule with no occurrence) are
 * in validate.ts, which the handler runs after this schema, as residents-rules does for residents;
 * `withFacilityRules` joins both for a form that knows the zone.
 */

/** A local wall time 'YYYY-MM-DDTHH:mm' in the facility's zone. */
export const LocalDateTimeSchema = z.string().max(16).refine(isLocalDateTime, { error: 'invalid_date_time' });
/** Which of the two instants a repeated (fold) wall time means; null until someone was asked. */
export const FoldChoiceSchema = z.enum(['earlier', 'later']);

export const AppointmentTypeSchema = z.enum(appointmentTypes);
export const AppointmentSettingSchema = z.enum(appointmentSettings);
export const AppointmentStatusSchema = z.enum(appointmentStatuses);
export const PreparationItemSchema = z.enum(preparationItems);
export const FamilyInformedMethodSchema = z.enum(familyInformedMethods);

export const PreparationInput = z.strictObject({
  // A checklist: ticking the same box twice means nothing more, so duplicates collapse.
  items: z
    .array(PreparationItemSchema)
    .max(L.maxPreparationItems * 2)
    .default([])
    .transform((items) => preparationItems.filter((i) => items.includes(i))),
  note: optionalText(L.preparationNote),
});
export type PreparationInput = z.output<typeof PreparationInput>;

/** What is the same for a one-off appointment and a series. */
export const appointmentDetailShape = {
  residentId: Id,
  type: AppointmentTypeSchema,
  setting: AppointmentSettingSchema,
  /** From the providers directory; name, location, address and phone may still be typed for a one-off. */
  providerId: Id.nullable().default(null),
  providerName: optionalText(L.providerName),
  locationName: optionalText(L.locationName),
  address: optionalText(L.address),
  phone: optionalText(L.phone),
  preparation: PreparationInput.default({ items: [], note: null }),
  escortNeeded: z.boolean().default(false),
};

/**
 * "Save anyway": the clashes a person saw and the reason they gave. The handler recomputes the
 * clashes and accepts the save only if each is among `acknowledged` (conflicts.ts): a clash that
 * appeared since (another station booked the same hour) is shown, not silently overridden.
 */
export const ConflictOverrideInput = z.strictObject({
  reason: text(L.reason),
  acknowledged: z.array(z.string().max(120)).max(200),
});
export type ConflictOverrideInput = z.output<typeof ConflictOverrideInput>;

const timeShape = {
  startLocal: LocalDateTimeSchema,
  endLocal: LocalDateTimeSchema,
  startFold: FoldChoiceSchema.nullable().default(null),
  endFold: FoldChoiceSchema.nullable().default(null),
};

type SettingCheck = { type: z.output<typeof AppointmentTypeSchema>; setting: z.output<typeof AppointmentSettingSchema> };
const settingRule = (v: SettingCheck, ctx: z.RefinementCtx) => {
  if (!settingsAllowedFor(v.type).includes(v.setting)) ctx.addIssue({ code: 'custom', path: ['setting'], message: 'setting_not_allowed', params: { code: 'setting_not_allowed' } });
};

export const AppointmentInput = z
  .strictObject({
    ...appointmentDetailShape,
    ...timeShape,
    conflictOverride: ConflictOverrideInput.nullable().default(null),
  })
  .superRefine(settingRule);
export type AppointmentInput = z.output<typeof AppointmentInput>;

export const RecurrenceEndInput = z.discriminatedUnion('kind', [
  /** The last day an occurrence may fall on (inclusive). */
  z.strictObject({ kind: z.literal('until'), date: IsoDate }),
  z.strictObject({ kind: z.literal('count'), count: z.number().int().min(1).max(1000) }),
]);

const RULE_PROBLEM_PATH = {
  weekly_needs_days: 'byDay',
  days_only_weekly_or_monthly: 'byDay',
  month_days_only_monthly: 'byMonthDay',
  monthly_needs_day: 'byMonthDay',
  set_pos_needs_one_weekday: 'byDay',
  invalid_rule: 'freq',
} as const;

export const RecurrenceInput = z
  .strictObject({
    freq: z.enum(ruleFrequencies),
    interval: z.number().int().min(1).max(RULE_MAX_INTERVAL).default(1),
    byDay: z.array(z.enum(weekdays)).max(7).default([]),
    byMonthDay: z
      .array(
        z
          .number()
          .int()
          .refine((d) => d === -1 || (d >= 1 && d <= 31), { error: 'invalid_choice' }),
      )
      .max(31)
      .default([]),
    bySetPos: z
      .number()
      .int()
      .refine((p) => p === -1 || (p >= 1 && p <= 4), { error: 'invalid_choice' })
      .nullable()
      .default(null),
    end: RecurrenceEndInput,
  })
  .superRefine((r, ctx) => {
    const problem = ruleProblem({ freq: r.freq, interval: r.interval, byDay: r.byDay, byMonthDay: r.byMonthDay, bySetPos: r.bySetPos });
    if (problem !== null) ctx.addIssue({ code: 'custom', path: [RULE_PROBLEM_PATH[problem]], message: problem, params: { code: problem } });
  });
export type RecurrenceInput = z.output<typeof RecurrenceInput>;

/** A new series: the first occurrence's times, and the rule. */
export const SeriesInput = z
  .strictObject({
    ...appointmentDetailShape,
    startLocal: LocalDateTimeSchema,
    /** End of the first occurrence; every occurrence lasts as long on the clock. */
    endLocal: LocalDateTimeSchema,
    startFold: FoldChoiceSchema.nullable().default(null),
    recurrence: RecurrenceInput,
    conflictOverride: ConflictOverrideInput.nullable().default(null),
  })
  .superRefine(settingRule);
export type SeriesInput = z.output<typeof SeriesInput>;

/** Moving or re-timing one occurrence (or a one-off appointment). */
export const RescheduleInput = z.strictObject({
  ...timeShape,
  conflictOverride: ConflictOverrideInput.nullable().default(null),
});
export type RescheduleInput = z.output<typeof RescheduleInput>;

/** Changing a series from one occurrence on ("this and following") or as a whole. */
export const SeriesEditInput = z
  .strictObject({
    scope: z.enum(['following', 'all']),
    /** For 'following': the original local start of the occurrence the change starts from. */
    fromLocal: LocalDateTimeSchema.nullable().default(null),
    startTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'invalid_time' })
      .nullable()
      .default(null),
    durationMinutes: z.number().int().min(5).max(L.maxDurationMinutes).nullable().default(null),
    recurrence: RecurrenceInput.nullable().default(null),
    conflictOverride: ConflictOverrideInput.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.scope === 'following' && v.fromLocal === null) ctx.addIssue({ code: 'custom', path: ['fromLocal'], message: 'required', params: { code: 'required' } });
  });
export type SeriesEditInput = z.output<typeof SeriesEditInput>;

export const StatusChangeInput = z.strictObject({
  status: AppointmentStatusSchema,
  reason: optionalText(L.reason),
});
export type StatusChangeInput = z.output<typeof StatusChangeInput>;

export const OutcomeInput = z
  .strictObject({
    outcomeNote: optionalText(L.outcomeNote),
    newOrders: z.boolean(),
    followUpDue: IsoDate.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    // New orders without a due date would never reach the work list's "due" order; a due date
    // without orders is a follow-up nobody can explain.
    if (v.newOrders && v.followUpDue === null) ctx.addIssue({ code: 'custom', path: ['followUpDue'], message: 'follow_up_due_required', params: { code: 'follow_up_due_required' } });
    if (!v.newOrders && v.followUpDue !== null) ctx.addIssue({ code: 'custom', path: ['followUpDue'], message: 'follow_up_without_orders', params: { code: 'follow_up_without_orders' } });
  });
export type OutcomeInput = z.output<typeof OutcomeInput>;

/** The responsible party was told: how, whom and when (who told them is the signed-in user). */
export const FamilyInformedInput = z.strictObject({
  method: FamilyInformedMethodSchema,
  contactName: optionalText(L.informedBy),
  informedAt: IsoInstant,
  note: optionalText(L.reason),
});
export type FamilyInformedInput = z.output<typeof FamilyInformedInput>;
