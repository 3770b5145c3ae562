/**
 * Standing rides: one booking made for every occurrence of a recurring series (dialysis Mon/Wed/Fri).
 *
 * Each occurrence is opened (it becomes an appointment row) and gets an ordinary booking made from the
 * template, so everything that reads bookings — the trip board, the driver's day, the manifest, the
 * conflict check of later bookings, and the linked-change flags when one occurrence moves or is
 * cancelled — treats a standing ride's trips like any other. These are the pure parts: each
 * occurrence's booking fields from the template, and the conflicts of all of them as one decision per
 * kind of problem (a year of Mondays on a busy van is one "save anyway", not fifty-two).
 */
import type { BookInput, StandingTemplate } from './schemas';
import { OVERRIDE_REASON_MIN_CHARS, type Conflict, type ConflictOverride } from './conflicts';
import { MINUTE_MS, toIso, toMs } from './time';

export type StandingFields = Omit<BookInput, 'appointmentId' | 'standing'>;

/** The template a first ride makes: its choices, and its times as offsets from its appointment. */
export function standingTemplate(fromLocal: string, appointment: { startsAt: string; endsAt: string }, input: StandingFields): StandingTemplate {
  const { overrides: _overrides, ...booking } = input;
  return {
    fromLocal,
    leadMinutes: Math.round((toMs(appointment.startsAt) - toMs(input.outbound.pickupAt)) / MINUTE_MS),
    afterEndMinutes: input.return.kind === 'fixed' ? Math.round((toMs(input.return.pickupAt) - toMs(appointment.endsAt)) / MINUTE_MS) : null,
    booking,
  };
}

/** One occurrence's booking fields: the template's choices at the occurrence's own times. */
export function occurrenceFields(template: StandingTemplate, appointment: { startsAt: string; endsAt: string }): StandingFields {
  const b = template.booking;
  const pickupAt = toIso(toMs(appointment.startsAt) - template.leadMinutes * MINUTE_MS);
  return {
    ...b,
    outbound: { ...b.outbound, pickupAt },
    return:
      b.return.kind === 'fixed'
        ? { ...b.return, pickupAt: toIso(toMs(appointment.endsAt) + (template.afterEndMinutes ?? 0) * MINUTE_MS) }
        : b.return,
    overrides: [],
  };
}

/** The key one "save anyway" of a standing ride names: every occurrence's conflict of that kind on that leg. */
export const standingConflictKey = (c: Pick<Conflict, 'code' | 'legKind'>): string => `standing:${c.code}:${c.legKind}`;

export interface StandingConflict {
  conflict: Conflict;
  key: string;
  /** The facility date of the first occurrence it happens on, and on how many occurrences. */
  firstDate: string;
  count: number;
}

export interface StandingResolution {
  blocking: StandingConflict[];
  /** Per occurrence (same order as given): its conflicts accepted, each with the reason given. */
  overridden: { conflict: Conflict; reason: string }[][];
}

/** Resolves every occurrence's conflicts against the overrides given by standing key. */
export function resolveStandingConflicts(occurrences: readonly { date: string; conflicts: readonly Conflict[] }[], overrides: readonly ConflictOverride[]): StandingResolution {
  const reasons = new Map(overrides.map((o) => [o.key, o.reason.trim()]));
  const blocking = new Map<string, StandingConflict>();
  const overridden = occurrences.map((o) => {
    const accepted: { conflict: Conflict; reason: string }[] = [];
    for (const c of o.conflicts) {
      const key = standingConflictKey(c);
      const reason = reasons.get(key) ?? '';
      if (reason.length >= OVERRIDE_REASON_MIN_CHARS) {
        accepted.push({ conflict: c, reason });
        continue;
      }
      const seen = blocking.get(key);
      if (seen) seen.count++;
      else blocking.set(key, { conflict: c, key, firstDate: o.date, count: 1 });
    }
    return accepted;
  });
  return { blocking: [...blocking.values()], overridden };
}
