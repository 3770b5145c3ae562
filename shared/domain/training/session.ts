/**
 * One in-service class, many attendees: the course, the date it was held, its hours and instructor are
 * recorded once, and each attendee gets an ordinary training record (source 'session') with those values,
 * so statuses, the matrix and in-service hours need nothing new. The whole session is one write with one
 * audit row; any problem refuses all of it.
 *
 * The checks here are the ones that need no database: the date and hours by the same rules as a single
 * record (validate.ts), an instructor, at least one attendee and at most SESSION_MAX_ATTENDEES, nobody
 * ticked twice. The handler adds what needs the database, on the same paths: an unknown course
 * (`courseId`: unknown_course), an unknown attendee (`attendeeIds.<i>`: unknown_staff), and an attendee
 * who already has that course on that date (`attendeeIds.<i>`: duplicate_record).
 */
import { isIsoDate } from '../dates';
import { validateCompletedOn, validateHours, type TrainingIssueCode } from './validate';

/** A big all-staff class in a 150-bed facility; a longer list is a mistake (everyone ticked), not a class. */
export const SESSION_MAX_ATTENDEES = 200;
export const SESSION_LIMITS = { instructorMaxChars: 120, locationMaxChars: 120 } as const;

export interface SessionInput {
  courseId: number;
  heldOn: string;
  hours: number | null;
  instructor: string;
  location: string | null;
  attendeeIds: readonly number[];
}

export type SessionIssueCode = TrainingIssueCode | 'no_attendees' | 'too_many' | 'duplicate_attendee';

export interface SessionIssue {
  /** 'heldOn', 'hours', 'instructor', 'location', 'attendeeIds', or 'attendeeIds.<index>' for one attendee. */
  path: string;
  code: SessionIssueCode;
  params?: Record<string, number>;
}

/** Issues in field order; empty when the session may be written. `today` is the facility's date. */
export function validateSession(input: SessionInput, today: string): SessionIssue[] {
  if (!isIsoDate(today)) throw new RangeError(`today must be a YYYY-MM-DD date, got ${JSON.stringify(today)}`);
  const issues: SessionIssue[] = [];
  const add = (path: string, code: SessionIssueCode | null, params?: Record<string, number>) => {
    if (code !== null) issues.push({ path, code, ...(params ? { params } : {}) });
  };

  add('heldOn', validateCompletedOn(input.heldOn, today));
  // A class is held for some time: hours are what attendees are credited with, so they are required.
  add('hours', input.hours === null ? 'required' : input.hours === 0 ? 'out_of_range' : validateHours(input.hours));

  const instructor = input.instructor.trim();
  if (instructor === '') add('instructor', 'required');
  else if ([...instructor].length > SESSION_LIMITS.instructorMaxChars) add('instructor', 'too_long', { max: SESSION_LIMITS.instructorMaxChars });
  if (input.location !== null && [...input.location.trim()].length > SESSION_LIMITS.locationMaxChars) add('location', 'too_long', { max: SESSION_LIMITS.locationMaxChars });

  const ids = input.attendeeIds;
  // Its own code, not the generic too_few ('At least 1 entries'): the message asks to tick someone.
  if (ids.length === 0) add('attendeeIds', 'no_attendees');
  else if (ids.length > SESSION_MAX_ATTENDEES) add('attendeeIds', 'too_many', { max: SESSION_MAX_ATTENDEES });
  const seen = new Set<number>();
  ids.forEach((id, i) => {
    if (seen.has(id)) add(`attendeeIds.${i}`, 'duplicate_attendee');
    seen.add(id);
  });
  return issues;
}
