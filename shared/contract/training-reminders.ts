import { z } from 'zod';
import { staffRoleSchema } from '../domain/training/vocabulary';
import { AsOfDate, Id, IsoDate } from './common';
import { method } from './method';
import { ItemKind, StatusSchema, WindowDays } from './training-common';

/** The reminders list: per manager (a unit or a role), who lapses in the next 30/60/90 days, on what. */

const Manager = z.discriminatedUnion('by', [z.strictObject({ by: z.literal('unit'), unitId: Id.nullable() }), z.strictObject({ by: z.literal('role'), role: staffRoleSchema })]);

/** training.reminders (and its CSV): who lapses in the next 30/60/90 days, per unit or per role. */
export const RemindersInput = z.strictObject({
  asOf: AsOfDate,
  withinDays: WindowDays.default(30),
  by: z.enum(['unit', 'role']),
  /** One manager's list; all of them when null. Its `by` must match the grouping. */
  manager: Manager.nullable().default(null),
  includeLapsed: z.boolean().default(false),
});
export type RemindersInput = z.output<typeof RemindersInput>;

export const ReminderItem = z.object({
  kind: ItemKind,
  id: Id,
  name: z.string(),
  status: StatusSchema,
  completedOn: IsoDate.nullable(),
  lapsesOn: IsoDate.nullable(),
  daysLeft: z.number().int().nullable(),
});

export const ReminderGroup = z.object({
  by: z.enum(['unit', 'role']),
  /** Set when grouped by unit (null: staff without a unit). */
  unitId: Id.nullable(),
  /** Set when grouped by role. */
  role: staffRoleSchema.nullable(),
  /** The unit's name; null for "no unit" and for role groups (the renderer words those). */
  unitName: z.string().nullable(),
  people: z.array(
    z.object({
      staffId: Id,
      name: z.string(),
      employeeId: z.string(),
      role: staffRoleSchema,
      unitName: z.string().nullable(),
      firstLapse: IsoDate.nullable(),
      items: z.array(ReminderItem),
    }),
  ),
});
export type ReminderGroup = z.infer<typeof ReminderGroup>;

const Page = { offset: z.number().int().min(0).max(1_000_000).default(0), limit: z.number().int().min(1).max(500).default(200) };

export const remindersContract = {
  /** Paged by person (a page may cut a group; the next page carries on with the same manager). */
  'training.reminders': method({
    input: RemindersInput.extend(Page),
    output: z.object({ asOf: IsoDate, withinDays: z.number().int(), groups: z.array(ReminderGroup), people: z.number().int(), items: z.number().int() }),
    access: 'training.read',
    write: false,
  }),
  'training.remindersCsv': method({
    input: RemindersInput,
    output: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
    access: 'training.read',
    // An export leaves the machine: it is recorded like a print.
    write: true,
  }),
};
