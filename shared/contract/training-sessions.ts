import { z } from 'zod';
import { SESSION_MAX_ATTENDEES } from '../domain/training/session';
import { staffRoleSchema } from '../domain/training/vocabulary';
import { AsOfDate, Id, IsoDate, IsoInstant, Paging, pageOf, text } from './common';
import { method } from './method';

/** In-service sessions: one class recorded once, its attendees ticked from a list (docs/training.md). */

/** training.recordSession. Dates and hours arrive loosely typed so validateSession gives the specific codes. */
export const SessionInput = z.strictObject({
  courseId: Id,
  heldOn: z.string().max(40),
  hours: z.number().nullable(),
  instructor: z.string().max(480),
  location: z.string().max(480).nullable().default(null),
  attendeeIds: z.array(Id).max(SESSION_MAX_ATTENDEES),
});
export type SessionInput = z.output<typeof SessionInput>;

export const TrainingSession = z.object({
  id: Id,
  courseId: Id,
  courseName: z.string(),
  heldOn: IsoDate,
  hours: z.number(),
  instructor: z.string(),
  location: z.string().nullable(),
  createdBy: Id.nullable(),
  createdByName: z.string().nullable(),
  createdAt: IsoInstant,
  voidedAt: IsoInstant.nullable(),
  voidReason: z.string().nullable(),
  /** Live records of the session: the people it counts for. */
  attendeeCount: z.number().int(),
});
export type TrainingSession = z.infer<typeof TrainingSession>;

export const SessionAttendee = z.object({
  recordId: Id,
  staffId: Id,
  name: z.string(),
  employeeId: z.string(),
  role: staffRoleSchema,
  unitName: z.string().nullable(),
  voidedAt: IsoInstant.nullable(),
  voidReason: z.string().nullable(),
});

/** Someone who could attend: the list attendees are ticked from. */
export const SessionCandidate = z.object({
  staffId: Id,
  name: z.string(),
  employeeId: z.string(),
  role: staffRoleSchema,
  unitId: Id.nullable(),
  unitName: z.string().nullable(),
  /** The course applies to their role. */
  required: z.boolean(),
  /** Already has this course on this date: ticking them again would be refused as a duplicate. */
  alreadyRecorded: z.boolean(),
});
export type SessionCandidate = z.infer<typeof SessionCandidate>;

export const sessionsContract = {
  'training.recordSession': method({
    input: SessionInput,
    output: TrainingSession.extend({ recordIds: z.array(Id) }),
    access: 'training.write',
    write: true,
  }),
  'training.listSessions': method({
    input: z.strictObject({ ...Paging, includeVoided: z.boolean().default(false), courseId: Id.nullable().default(null) }),
    output: pageOf(TrainingSession),
    access: 'training.read',
    write: false,
  }),
  'training.getSession': method({
    input: z.strictObject({ id: Id }),
    output: TrainingSession.extend({ attendees: z.array(SessionAttendee) }),
    access: 'training.read',
    write: false,
  }),
  /** Voids the session and every live record it made, in one transaction with one audit row. */
  'training.voidSession': method({
    input: z.strictObject({ id: Id, reason: text(200) }),
    output: TrainingSession.extend({ voidedRecordIds: z.array(Id) }),
    access: 'training.write',
    write: true,
  }),
  /**
   * Active staff hired by the class date, by name, filtered by unit and by shift — who the schedule puts
   * on that shift on that date (`scheduleEntered` false: no schedule entered, so nobody is listed).
   */
  'training.sessionCandidates': method({
    input: z.strictObject({
      courseId: Id,
      heldOn: AsOfDate,
      unitId: Id.nullable().default(null),
      shiftId: Id.nullable().default(null),
    }),
    output: z.object({ rows: z.array(SessionCandidate), scheduleEntered: z.boolean().nullable() }),
    access: 'training.read',
    write: false,
  }),
};
