import { describe, expect, it } from 'vitest';
import { toFieldIssues } from '../../../../electron/core/validation';
import { SessionInput } from '../../../../shared/contract/training';
import { SESSION_MAX_ATTENDEES, validateSession, type SessionInput as SessionRules } from '../../../../shared/domain/training/session';

const today = '2026-03-02';
const good: SessionRules = { courseId: 3, heldOn: '2026-02-27', hours: 1.5, instructor: 'Nurse Educator Kim', location: 'Dining room', attendeeIds: [4, 5, 6] };
const codes = (over: Partial<SessionRules>) => validateSession({ ...good, ...over }, today).map((i) => `${i.path}:${i.code}`);

describe('group in-service session input', () => {
  it('a class with twenty attendees is fine', () => {
    expect(validateSession({ ...good, attendeeIds: Array.from({ length: 20 }, (_, i) => i + 1) }, today)).toEqual([]);
  });

  it('date and hours by the same rules as one record; hours are required for a class', () => {
    expect(codes({ heldOn: '' })).toEqual(['heldOn:required']);
    expect(codes({ heldOn: '02/27/2026' })).toEqual(['heldOn:invalid_date']);
    expect(codes({ heldOn: '2026-03-03' })).toEqual(['heldOn:in_future']);
    expect(codes({ heldOn: '1949-12-31' })).toEqual(['heldOn:out_of_range']);
    expect(codes({ hours: null })).toEqual(['hours:required']);
    expect(codes({ hours: 0 })).toEqual(['hours:out_of_range']);
    expect(codes({ hours: 25 })).toEqual(['hours:out_of_range']);
    expect(codes({ hours: 1.255 })).toEqual(['hours:too_precise']);
  });

  it('an instructor, at least one attendee, at most 200, nobody twice (named by position)', () => {
    expect(codes({ instructor: '  ' })).toEqual(['instructor:required']);
    expect(validateSession({ ...good, instructor: 'x'.repeat(121) }, today)).toEqual([{ path: 'instructor', code: 'too_long', params: { max: 120 } }]);
    expect(validateSession({ ...good, attendeeIds: [] }, today)).toEqual([{ path: 'attendeeIds', code: 'no_attendees' }]);
    expect(codes({ attendeeIds: Array.from({ length: SESSION_MAX_ATTENDEES + 1 }, (_, i) => i + 1) })).toEqual(['attendeeIds:too_many']);
    expect(codes({ attendeeIds: [4, 5, 4, 6, 5] })).toEqual(['attendeeIds.2:duplicate_attendee', 'attendeeIds.4:duplicate_attendee']);
  });

  it('every problem is reported at once, in field order', () => {
    expect(codes({ heldOn: 'x', hours: null, instructor: '', attendeeIds: [] })).toEqual(['heldOn:invalid_date', 'hours:required', 'instructor:required', 'attendeeIds:no_attendees']);
  });

  it('the contract refuses an over-long list and unknown fields with field codes before any rule runs', () => {
    const tooMany = { ...good, attendeeIds: Array.from({ length: 201 }, (_, i) => i + 1) };
    const r = SessionInput.safeParse(tooMany);
    expect(r.success).toBe(false);
    if (!r.success) expect(toFieldIssues(r.error, tooMany)).toEqual([{ path: 'attendeeIds', code: 'too_many', params: { max: 200 } }]);
    const extra = { ...good, room: 'B' };
    const e = SessionInput.safeParse(extra);
    if (!e.success) expect(toFieldIssues(e.error, extra)).toEqual([{ path: 'room', code: 'unknown_field' }]);
    expect(e.success).toBe(false);
    expect(SessionInput.parse({ ...good, location: undefined }).location).toBeNull();
  });
});
