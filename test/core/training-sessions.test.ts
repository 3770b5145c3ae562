/**
 * In-service sessions through the dispatcher, on both engines: one class, many attendees, one write and
 * one audit row; attendance is the records themselves; any bad field or attendee refuses it all; voiding
 * a session voids its live records in the same transaction; the list attendees are ticked from.
 */
import { describe, expect, test } from 'vitest';
import { SESSION_MAX_ATTENDEES } from '../../shared/domain/training/session';
import { adminCore } from '../support/core';
import { countRows, fingerprint, sqlRows } from '../support/db';

const NOW = '2026-03-02T14:00:00Z';
const TODAY = '2026-03-02';

async function facility(people = 5) {
  const a = await adminCore({ now: NOW });
  const courses = (await a.must('training.listCourses', {})).rows;
  const course = (code: string) => courses.find((c) => c.code === code)!;
  const f = await a.must('facility.get', {});
  const [memory, skilled] = f.units;
  const staff = [];
  for (let i = 1; i <= people; i++) {
    staff.push(
      await a.must('training.createStaff', {
        name: `Aide ${String(i).padStart(2, '0')}`,
        role: i % 4 === 0 ? 'driver' : 'cna',
        employeeId: `E${100 + i}`,
        hireDate: '2020-01-06',
        unitId: i % 2 === 1 ? memory!.id : skilled!.id,
      }),
    );
  }
  const ids = staff.map((s) => s.id);
  const session = (attendeeIds: number[], patch: Record<string, unknown> = {}) => ({
    courseId: course('infection_control').id,
    heldOn: '2026-02-26',
    hours: 1.5,
    instructor: 'Nora Educator, RN',
    location: 'Dining room',
    attendeeIds,
    ...patch,
  });
  return { ...a, course, units: f.units, shifts: f.shifts, staff, ids, session };
}

describe('recording an in-service session', () => {
  test('one write: each attendee gets an ordinary record from the session, with one audit row for all of it', async () => {
    const f = await facility(5);
    const auditBefore = await f.core.q.audit.count();
    const s = await f.must('training.recordSession', f.session(f.ids.slice(0, 3)));
    expect(s).toMatchObject({ courseName: 'Infection control', heldOn: '2026-02-26', hours: 1.5, instructor: 'Nora Educator, RN', location: 'Dining room', createdByName: 'Ada Admin', voidedAt: null, attendeeCount: 3 });
    expect(s.recordIds).toHaveLength(3);
    expect(await f.core.q.audit.count()).toBe(auditBefore + 1);
    const log = await f.must('audit.list', { entity: 'training_session', entityId: String(s.id) });
    expect(log.rows).toHaveLength(1);
    expect(log.rows[0]).toMatchObject({
      method: 'training.recordSession',
      after: { heldOn: '2026-02-26', attendees: f.ids.slice(0, 3).map((staffId, i) => ({ staffId, recordId: s.recordIds[i] })) },
    });
    // The records are the attendance: source 'session', the session's id, date, hours; the instructor as provider.
    const rows = await sqlRows<{ staff_id: number; completed_on: string; hours: number; provider: string; source: string; session_id: number; verified_by: number }>(
      f.core,
      'SELECT staff_id, completed_on, hours, provider, source, session_id, verified_by FROM training_records ORDER BY id',
    );
    expect(rows.map((r) => ({ ...r, hours: Number(r.hours) }))).toEqual(
      f.ids.slice(0, 3).map((staffId) => ({ staff_id: staffId, completed_on: '2026-02-26', hours: 1.5, provider: 'Nora Educator, RN', source: 'session', session_id: s.id, verified_by: 1 })),
    );
    // Statuses and in-service hours count them with nothing new.
    const m = await f.must('training.matrix', { asOf: TODAY });
    const col = m.courses.findIndex((c) => c.code === 'infection_control');
    expect(m.rows.filter((r) => r.cells[col]!.status === 'current').map((r) => r.staffId)).toEqual(f.ids.slice(0, 3));
    const hours = await f.must('training.inService', { asOf: TODAY });
    expect(hours.rows.find((r) => r.staffId === f.ids[0])).toMatchObject({ hours: 1.5 });
    const record = (await f.must('training.listRecords', { staffId: f.ids[0]! })).rows[0]!;
    expect(record).toMatchObject({ source: 'session', sessionId: s.id, courseName: 'Infection control', expiresOn: '2027-02-26' });
    // The session reads back with its attendees by name.
    const got = await f.must('training.getSession', { id: s.id });
    expect(got.attendees.map((a) => [a.name, a.employeeId, a.voidedAt])).toEqual([
      ['Aide 01', 'E101', null],
      ['Aide 02', 'E102', null],
      ['Aide 03', 'E103', null],
    ]);
    expect((await f.must('training.listSessions', {})).rows.map((r) => r.id)).toEqual([s.id]);
  });

  test(`${SESSION_MAX_ATTENDEES} attendees in one write`, async () => {
    const f = await facility(SESSION_MAX_ATTENDEES);
    const s = await f.must('training.recordSession', f.session(f.ids));
    expect(s.attendeeCount).toBe(SESSION_MAX_ATTENDEES);
    expect(await countRows(f.core, 'training_records')).toBe(SESSION_MAX_ATTENDEES);
  });

  const bad: [string, (f: Awaited<ReturnType<typeof facility>>) => Record<string, unknown>, string, string][] = [
    ['an unknown course', () => ({ courseId: 99999 }), 'courseId', 'unknown_course'],
    ['a date in the future', () => ({ heldOn: '2026-03-03' }), 'heldOn', 'in_future'],
    ['a date that does not exist', () => ({ heldOn: '2026-02-30' }), 'heldOn', 'invalid_date'],
    ['a date before 1950', () => ({ heldOn: '1949-06-01' }), 'heldOn', 'out_of_range'],
    ['no date', () => ({ heldOn: ' ' }), 'heldOn', 'required'],
    ['no hours', () => ({ hours: null }), 'hours', 'required'],
    ['zero hours', () => ({ hours: 0 }), 'hours', 'out_of_range'],
    ['more than 24 hours', () => ({ hours: 25 }), 'hours', 'out_of_range'],
    ['hours with three decimals', () => ({ hours: 1.125 }), 'hours', 'too_precise'],
    ['no instructor', () => ({ instructor: '  ' }), 'instructor', 'required'],
    ['an instructor name that is too long', () => ({ instructor: 'x'.repeat(121) }), 'instructor', 'too_long'],
    ['a location that is too long', () => ({ location: 'x'.repeat(121) }), 'location', 'too_long'],
    ['nobody ticked', () => ({ attendeeIds: [] }), 'attendeeIds', 'no_attendees'],
    ['someone ticked twice', (f) => ({ attendeeIds: [f.ids[0], f.ids[1], f.ids[0]] }), 'attendeeIds.2', 'duplicate_attendee'],
    ['an unknown attendee among good ones', (f) => ({ attendeeIds: [f.ids[0], f.ids[1], 99999] }), 'attendeeIds.2', 'unknown_staff'],
    ['more attendees than a class holds', () => ({ attendeeIds: Array.from({ length: SESSION_MAX_ATTENDEES + 1 }, (_, i) => i + 1) }), 'attendeeIds', 'too_many'],
  ];
  test.each(bad)('%s refuses the whole session by name; nothing is written', async (_name, patch, path, code) => {
    const f = await facility(3);
    const before = await fingerprint(f.core);
    const r = await f.call('training.recordSession', f.session(f.ids, patch(f)) as never);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation');
    expect(r.error.fields).toContainEqual(expect.objectContaining({ path, code }));
    expect(await fingerprint(f.core)).toBe(before);
  });

  test('an attendee who already has the course that day refuses the session, naming them; unknown fields too', async () => {
    const f = await facility(4);
    await f.must('training.createRecord', { staffId: f.ids[2]!, courseId: f.course('infection_control').id, completedOn: '2026-02-26', hours: 1, provider: null, certificateNumber: null });
    const before = await fingerprint(f.core);
    expect(await f.call('training.recordSession', f.session(f.ids))).toMatchObject({
      ok: false,
      error: { code: 'validation', fields: [{ path: 'attendeeIds.2', code: 'duplicate_record' }] },
    });
    expect(await f.raw('training.recordSession', { ...f.session(f.ids), attendees: [] })).toMatchObject({
      ok: false,
      error: { code: 'validation', fields: [{ path: 'attendees', code: 'unknown_field' }] },
    });
    expect(await fingerprint(f.core)).toBe(before);
  });

  test('a record from a session is not edited alone: it is voided (alone or with the session) and entered again', async () => {
    const f = await facility(3);
    const s = await f.must('training.recordSession', f.session(f.ids));
    const r = (await f.must('training.listRecords', { staffId: f.ids[1]! })).rows[0]!;
    expect(await f.call('training.updateRecord', { id: r.id, expectedVersion: r.version, staffId: r.staffId, courseId: r.courseId, completedOn: r.completedOn, hours: 1, provider: null, certificateNumber: null })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'training.recordFromSession' },
    });
    await f.must('training.voidRecord', { id: r.id, reason: 'Left after ten minutes' });
    expect((await f.must('training.getSession', { id: s.id })).attendeeCount).toBe(2);
  });
});

describe('voiding a session', () => {
  test('voids the session and its live records in one transaction with one audit row; the matrix forgets them', async () => {
    const f = await facility(4);
    const s = await f.must('training.recordSession', f.session(f.ids));
    const early = s.recordIds[3]!;
    await f.must('training.voidRecord', { id: early, reason: 'Left early' });
    const auditBefore = await f.core.q.audit.count();
    const voided = await f.must('training.voidSession', { id: s.id, reason: 'Wrong course chosen' });
    expect(voided).toMatchObject({ voidReason: 'Wrong course chosen', voidedAt: NOW.replace('Z', '.000Z'), attendeeCount: 0 });
    expect(voided.voidedRecordIds).toEqual(s.recordIds.slice(0, 3));
    expect(await f.core.q.audit.count()).toBe(auditBefore + 1);
    const log = await f.must('audit.list', { entity: 'training_session', entityId: String(s.id) });
    expect(log.rows[0]).toMatchObject({ method: 'training.voidSession', before: { voidedAt: null, attendeeCount: 3 }, after: { voidReason: 'Wrong course chosen', voidedRecordIds: s.recordIds.slice(0, 3) } });
    // Kept, never deleted; the record voided before keeps its own reason.
    const rows = await sqlRows<{ id: number; void_reason: string }>(f.core, 'SELECT id, void_reason FROM training_records ORDER BY id');
    expect(rows.map((r) => r.void_reason)).toEqual(['Wrong course chosen', 'Wrong course chosen', 'Wrong course chosen', 'Left early']);
    const m = await f.must('training.matrix', { asOf: TODAY });
    const col = m.courses.findIndex((c) => c.code === 'infection_control');
    expect(m.rows.every((r) => r.cells[col]!.status !== 'current')).toBe(true);
    expect((await f.must('training.listSessions', {})).total).toBe(0);
    expect((await f.must('training.listSessions', { includeVoided: true })).rows[0]).toMatchObject({ id: s.id, voidReason: 'Wrong course chosen' });
    // Voided once; the class can then be entered again, the right way.
    expect(await f.call('training.voidSession', { id: s.id, reason: 'again' })).toMatchObject({ ok: false, error: { code: 'conflict', message: 'training.sessionVoided' } });
    expect(await f.call('training.voidSession', { id: 99999, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'training.sessionNotFound' } });
    expect((await f.call('training.recordSession', f.session(f.ids))).ok).toBe(true);
  });
});

describe('who can be ticked', () => {
  test('active staff hired by the class date, by name, filtered by unit and by who is on a shift that day', async () => {
    const f = await facility(6);
    const [memory] = f.units;
    const [day, evening] = f.shifts;
    await f.must('training.createStaff', { name: 'Zoe Newhire', role: 'cna', employeeId: 'N1', hireDate: '2026-02-27', unitId: memory!.id });
    const gone = await f.must('training.createStaff', { name: 'Gus Gone', role: 'cna', employeeId: 'G1', hireDate: '2020-01-01', unitId: memory!.id });
    await f.must('training.setStaffActive', { id: gone.id, active: false });
    await f.must('training.createRecord', { staffId: f.ids[0]!, courseId: f.course('infection_control').id, completedOn: '2026-02-26', hours: 1, provider: null, certificateNumber: null });
    const base = { courseId: f.course('infection_control').id, heldOn: '2026-02-26' };

    const all = await f.must('training.sessionCandidates', base);
    expect(all.scheduleEntered).toBeNull();
    expect(all.rows.map((r) => r.name)).toEqual(['Aide 01', 'Aide 02', 'Aide 03', 'Aide 04', 'Aide 05', 'Aide 06']);
    expect(all.rows[0]).toMatchObject({ employeeId: 'E101', unitName: 'Memory Care', required: true, alreadyRecorded: true });
    expect(all.rows[1]).toMatchObject({ alreadyRecorded: false });

    expect((await f.must('training.sessionCandidates', { ...base, unitId: memory!.id })).rows.map((r) => r.name)).toEqual(['Aide 01', 'Aide 03', 'Aide 05']);
    const driverSafety = await f.must('training.sessionCandidates', { ...base, courseId: f.course('driver_safety').id });
    expect(driverSafety.rows.filter((r) => r.required).map((r) => r.name)).toEqual(['Aide 04']);

    // By shift: who the schedule puts on it that day; a shift without a schedule lists nobody and says so.
    await f.must('training.setSchedule', { shiftId: day!.id, date: '2026-02-26', staffIds: [f.ids[1]!, f.ids[4]!] });
    expect(await f.must('training.sessionCandidates', { ...base, shiftId: day!.id })).toMatchObject({ scheduleEntered: true, rows: [{ name: 'Aide 02' }, { name: 'Aide 05' }] });
    expect(await f.must('training.sessionCandidates', { ...base, shiftId: day!.id, unitId: memory!.id })).toMatchObject({ rows: [{ name: 'Aide 05' }] });
    expect(await f.must('training.sessionCandidates', { ...base, shiftId: evening!.id })).toEqual({ scheduleEntered: false, rows: [] });

    expect(await f.call('training.sessionCandidates', { ...base, shiftId: 99999 })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'training.shiftNotFound' } });
    expect(await f.call('training.sessionCandidates', { ...base, courseId: 99999 })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'training.courseNotFound' } });
    expect(await f.call('training.sessionCandidates', { ...base, heldOn: '2200-01-01' })).toMatchObject({ ok: false, error: { fields: [{ path: 'heldOn', code: 'date_out_of_range' }] } });
  });
});
