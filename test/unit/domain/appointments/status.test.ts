import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { allowedNextAppointmentStatuses, isFinalStatus, occupiesTime, validateStatusChange } from '../../../../shared/domain/appointments/status';
import { appointmentStatuses } from '../../../../shared/domain/appointments/vocabulary';

describe('appointment status', () => {
  test('outcomes are final; only scheduled and confirmed move on', () => {
    expect(allowedNextAppointmentStatuses('scheduled')).toEqual(['confirmed', 'completed', 'cancelled', 'no_show', 'rescheduled']);
    expect(allowedNextAppointmentStatuses('confirmed')).toEqual(['completed', 'cancelled', 'no_show', 'rescheduled']);
    for (const s of ['completed', 'cancelled', 'no_show', 'rescheduled'] as const) expect(isFinalStatus(s)).toBe(true);
  });

  test('completed and no-show cannot be recorded before the start', () => {
    const timing = { startMs: 1000, nowMs: 999 };
    expect(validateStatusChange('scheduled', 'completed', timing)).toEqual({ ok: false, reason: 'not_yet_started' });
    expect(validateStatusChange('confirmed', 'no_show', timing)).toEqual({ ok: false, reason: 'not_yet_started' });
    expect(validateStatusChange('confirmed', 'completed', { startMs: 1000, nowMs: 1000 })).toEqual({ ok: true });
    expect(validateStatusChange('scheduled', 'cancelled', timing)).toEqual({ ok: true });
  });

  test('every allowed change is accepted once started, and nothing leaves a final status', () => {
    fc.assert(
      fc.property(fc.constantFrom(...appointmentStatuses), fc.constantFrom(...appointmentStatuses), (from, to) => {
        const r = validateStatusChange(from, to, { startMs: 0, nowMs: 1 });
        expect(r.ok).toBe(from !== to && allowedNextAppointmentStatuses(from).includes(to));
        if (isFinalStatus(from) && from !== to) expect(r).toEqual({ ok: false, reason: 'final_status' });
      }),
    );
  });

  test('what occupies the resident’s time', () => {
    expect(appointmentStatuses.filter(occupiesTime)).toEqual(['scheduled', 'confirmed', 'completed']);
  });
});
