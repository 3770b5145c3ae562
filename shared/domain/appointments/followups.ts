import { HOUR_MS } from './local-time';
import { isOpenStatus } from './status';
import { FAMILY_NOTICE_HOURS, type AppointmentSetting, type AppointmentStatus } from './vocabulary';

/**
 * The coordinator's follow-ups work list, as pure rules over plain rows. The same predicates
 * define the list view's filters ("follow-up due", "needs transport", "family not yet informed"),
 * so a database query written for speed can be tested against them.
 *
 * `ref` is whatever identifies the row for the caller: an appointment id, or a series occurrence
 * (series id + original local start) once the handler has expanded the window.
 */
export interface FollowUpRow<Ref = number> {
  ref: Ref;
  /** Epoch ms. */
  start: number;
  status: AppointmentStatus;
  setting: AppointmentSetting;
  newOrders: boolean;
  /** 'YYYY-MM-DD' (facility calendar), set with new orders. */
  followUpDue: string | null;
  /** When the new orders were followed up (ISO instant), or null. */
  followedUpAt: string | null;
  /** Whether a transport booking exists for it (from the transport area). */
  hasTransport: boolean;
  /** When the responsible party was told (ISO instant), or null. */
  familyInformedAt: string | null;
}

/** Completed, with new orders, not yet followed up. */
export function hasOrdersToFollowUp(row: FollowUpRow<unknown>): boolean {
  return row.status === 'completed' && row.newOrders && row.followedUpAt === null;
}

/**
 * External, still going to happen, not started yet, and no ride booked. An appointment already
 * under way cannot get a ride any more; a cancelled one needs none.
 */
export function lacksTransport(row: FollowUpRow<unknown>, nowMs: number): boolean {
  return row.setting === 'external' && isOpenStatus(row.status) && row.start >= nowMs && !row.hasTransport;
}

/** Starts within the next 48 hours ([now, now + 48 h)) and nobody has told the family. */
export function familyNoticeDue(row: FollowUpRow<unknown>, nowMs: number): boolean {
  return isOpenStatus(row.status) && row.familyInformedAt === null && row.start >= nowMs && row.start < nowMs + FAMILY_NOTICE_HOURS * HOUR_MS;
}

export interface OrdersFollowUp<Ref> {
  ref: Ref;
  due: string;
  overdue: boolean;
}

export interface FollowUps<Ref> {
  /** Earliest due first; overdue ones (due before today) are marked. */
  newOrders: OrdersFollowUp<Ref>[];
  /** Soonest first. */
  needsTransport: { ref: Ref; start: number }[];
  /** Soonest first. */
  familyNotInformed: { ref: Ref; start: number }[];
}

/** The three sections of the work list. `today` is the facility's calendar date at `nowMs`. */
export function followUps<Ref>(rows: readonly FollowUpRow<Ref>[], clock: { nowMs: number; today: string }): FollowUps<Ref> {
  const out: FollowUps<Ref> = { newOrders: [], needsTransport: [], familyNotInformed: [] };
  for (const row of rows) {
    if (hasOrdersToFollowUp(row)) {
      // The schema requires a due date with new orders; an old row without one is due now.
      const due = row.followUpDue ?? clock.today;
      out.newOrders.push({ ref: row.ref, due, overdue: due < clock.today });
    }
    if (lacksTransport(row, clock.nowMs)) out.needsTransport.push({ ref: row.ref, start: row.start });
    if (familyNoticeDue(row, clock.nowMs)) out.familyNotInformed.push({ ref: row.ref, start: row.start });
  }
  out.newOrders.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  out.needsTransport.sort((a, b) => a.start - b.start);
  out.familyNotInformed.sort((a, b) => a.start - b.start);
  return out;
}
