import { validateSession } from '../../../shared/domain/training/session';
import { err, ok, type FieldIssue } from '../../../shared/result';
import type { SessionRow } from '../../../db/queries/training-sessions';
import { defineHandlers } from '../context';

/**
 * In-service sessions: one class, many attendees, one write. Each attendee becomes an ordinary training
 * record (source 'session', the session's id), so the matrix, the lapsing list and in-service hours count
 * it with nothing new. Audit entity 'training_session' (one row for the session and all its records).
 */

const sessionOut = (s: SessionRow) => ({ ...s });

export const sessionHandlers = defineHandlers({
  /**
   * All or nothing: any bad field or attendee refuses the whole session and writes nothing. Checks that
   * need the database run once for the whole list (three queries whatever the number of attendees).
   */
  async 'training.recordSession'(input, ctx) {
    const fields: FieldIssue[] = validateSession(input, ctx.today).map((i) => ({ path: i.path, code: i.code, ...(i.params ? { params: i.params } : {}) }));
    const course = await ctx.q.training.getCourse(input.courseId);
    if (!course) fields.push({ path: 'courseId', code: 'unknown_course' });
    const known = await ctx.q.training.existingStaff(input.attendeeIds);
    input.attendeeIds.forEach((id, i) => {
      if (!known.has(id)) fields.push({ path: `attendeeIds.${i}`, code: 'unknown_staff' });
    });
    if (course && !fields.some((f) => f.path === 'heldOn')) {
      const already = await ctx.q.training.recordedOn(course.id, input.heldOn, input.attendeeIds);
      input.attendeeIds.forEach((id, i) => {
        if (already.has(id)) fields.push({ path: `attendeeIds.${i}`, code: 'duplicate_record' });
      });
    }
    if (fields.length > 0) return err('validation', 'error.validation', { fields });

    const hours = input.hours!;
    const instructor = input.instructor.trim();
    const location = input.location?.trim() || null;
    const sessionId = await ctx.q.training.insertSession({ courseId: input.courseId, heldOn: input.heldOn, hours, instructor, location }, ctx.user?.id ?? null, ctx.nowIso);
    // The instructor is what a single record calls its provider: whoever gave the training.
    const recordIds = await ctx.q.training.insertRecords(
      input.attendeeIds.map((staffId) => ({ staffId, courseId: input.courseId, completedOn: input.heldOn, hours, provider: instructor, certificateNumber: null })),
      ctx.user?.id ?? null,
      'session',
      ctx.nowIso,
      sessionId,
    );
    const session = await ctx.q.training.getSession(sessionId);
    if (!session) return err('internal', 'error.internal');
    ctx.audit({
      entity: 'training_session',
      entityId: sessionId,
      after: { ...session, attendees: input.attendeeIds.map((staffId, i) => ({ staffId, recordId: recordIds[i]! })) },
    });
    return ok({ ...sessionOut(session), recordIds });
  },

  async 'training.listSessions'(input, ctx) {
    const page = await ctx.q.training.listSessions(input);
    return ok({ rows: page.rows.map(sessionOut), total: page.total });
  },

  async 'training.getSession'({ id }, ctx) {
    const session = await ctx.q.training.getSession(id);
    if (!session) return err('not_found', 'training.sessionNotFound');
    return ok({ ...sessionOut(session), attendees: await ctx.q.training.attendance(id) });
  },

  /** The session and its live records, voided together in this call's transaction, with one audit row. */
  async 'training.voidSession'({ id, reason }, ctx) {
    const before = await ctx.q.training.getSession(id);
    if (!before) return err('not_found', 'training.sessionNotFound');
    if (before.voidedAt !== null) return err('conflict', 'training.sessionVoided');
    const by = ctx.user?.id ?? null;
    await ctx.q.training.voidSession(id, by, reason, ctx.nowIso);
    const voidedRecordIds = await ctx.q.training.voidSessionRecords(id, by, reason, ctx.nowIso);
    const after = await ctx.q.training.getSession(id);
    if (!after) return err('internal', 'error.internal');
    ctx.audit({ entity: 'training_session', entityId: id, before, after: { ...after, voidedRecordIds } });
    return ok({ ...sessionOut(after), voidedRecordIds });
  },

  async 'training.sessionCandidates'({ courseId, heldOn, unitId, shiftId }, ctx) {
    const course = await ctx.q.training.getCourse(courseId);
    if (!course) return err('not_found', 'training.courseNotFound');
    let onShift: Set<number> | null = null;
    let scheduleEntered: boolean | null = null;
    if (shiftId !== null) {
      if (!(await ctx.q.facility.shifts()).some((s) => s.id === shiftId)) return err('not_found', 'training.shiftNotFound');
      const schedule = await ctx.q.training.getSchedule(shiftId, heldOn);
      scheduleEntered = schedule.entered;
      onShift = new Set(schedule.staffIds);
    }
    const people = (await ctx.q.training.roster(heldOn)).filter((s) => (unitId === null || s.unitId === unitId) && (onShift === null || onShift.has(s.id)));
    const already = await ctx.q.training.recordedOn(courseId, heldOn, people.map((s) => s.id));
    return ok({
      scheduleEntered,
      rows: people.map((s) => ({
        staffId: s.id,
        name: s.name,
        employeeId: s.employeeId,
        role: s.role,
        unitId: s.unitId,
        unitName: s.unitName,
        required: course.roles.includes(s.role),
        alreadyRecorded: already.has(s.id),
      })),
    });
  },
});
