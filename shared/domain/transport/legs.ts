/**
 * Status changes of one leg: what the coordinator (confirm, cancel) and the driver (pickup, drop-off,
 * no-show) may record. Field codes are stable; messages in shared/i18n/transport*.ts.
 */
import { LEG_TRANSITIONS, isFinalLegStatus } from './vocabulary';
import type { CarrierKind, LegStatus } from './vocabulary';

export type LegTransitionCode = 'leg_same_status' | 'leg_final_status' | 'leg_transition_not_allowed' | 'confirmation_number_required' | 'cancel_reason_required';

export type LegTransitionCheck = { ok: true } | { ok: false; path: 'status' | 'confirmationNumber' | 'reason'; code: LegTransitionCode };

export interface LegTransitionInput {
  from: LegStatus;
  to: LegStatus;
  carrier: CarrierKind;
  /** Given with 'confirmed'; required from an outside transport company (it is how the ride is found again). */
  confirmationNumber: string | null;
  /** Why, for a cancellation: a surveyor asks why a dialysis ride did not go. */
  reason: string | null;
}

export function checkLegTransition(input: LegTransitionInput): LegTransitionCheck {
  const { from, to } = input;
  if (from === to) return { ok: false, path: 'status', code: 'leg_same_status' };
  if (isFinalLegStatus(from)) return { ok: false, path: 'status', code: 'leg_final_status' };
  if (!LEG_TRANSITIONS[from].includes(to)) return { ok: false, path: 'status', code: 'leg_transition_not_allowed' };
  if (to === 'confirmed' && input.carrier === 'transport_company' && (input.confirmationNumber?.trim() ?? '') === '') {
    return { ok: false, path: 'confirmationNumber', code: 'confirmation_number_required' };
  }
  if (to === 'cancelled' && (input.reason?.trim() ?? '') === '') return { ok: false, path: 'reason', code: 'cancel_reason_required' };
  return { ok: true };
}

/** The driver's three buttons, as status changes: what the driver's view offers for a leg. */
export const DRIVER_ACTIONS = ['picked_up', 'dropped_off', 'no_show'] as const;
export type DriverAction = (typeof DRIVER_ACTIONS)[number];

const ACTION_STATUS: Readonly<Record<DriverAction, LegStatus>> = { picked_up: 'en_route', dropped_off: 'completed', no_show: 'no_show' };

export function statusAfter(action: DriverAction): LegStatus {
  return ACTION_STATUS[action];
}

/** The actions a driver may take on a leg in this status (in the order the buttons appear). */
export function driverActionsFor(status: LegStatus): DriverAction[] {
  return DRIVER_ACTIONS.filter((a) => LEG_TRANSITIONS[status].includes(ACTION_STATUS[a]));
}
