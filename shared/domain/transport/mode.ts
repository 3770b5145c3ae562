/**
 * The transport mode proposed from the resident's mobility, and the rule for overriding it.
 *
 * Clinical safety: nothing clinical has a default. When any of the facts the rule reads is "not
 * assessed" (null), the answer is "ask for the mode" — never a guess. A wheelchair van sent for a
 * resident who turns out to need a stretcher is a missed appointment at best.
 */
import type { MobilityAid, TransferAssist } from '../residents/vocabulary';
import { sameNeed } from './vocabulary';
import type { BaseMode, TransportNeed } from './vocabulary';

/** The mobility facts of the resident record; null = not assessed. */
export interface MobilityFacts {
  aid: MobilityAid | null;
  transfer: TransferAssist | null;
  bariatric: boolean | null;
}

export type MobilityFact = keyof MobilityFacts;

export type ModeProposal =
  | { kind: 'proposed'; need: TransportNeed; because: ModeReason[] }
  /** Some fact is not assessed: the person booking must choose the mode. */
  | { kind: 'ask'; notAssessed: MobilityFact[] };

/** Why the proposal is what it is, so the screen can say it ("wheelchair: needs a two-person transfer"). */
export const MODE_REASONS = [
  'aid_stretcher',
  'aid_wheelchair',
  'transfer_mechanical_lift',
  'transfer_two_person',
  'walks',
  'bariatric',
  'oxygen',
] as const;
export type ModeReason = (typeof MODE_REASONS)[number];

/**
 * Precedence is by what the vehicle must physically carry: someone who cannot sit up needs a
 * stretcher whatever else is true; someone who cannot get into a car seat with at most one helper —
 * a wheelchair user, or a transfer that needs a lift or two people — rides a wheelchair position
 * (a driver alone cannot do a two-person transfer at the clinic door); everyone else sits.
 * Bariatric and oxygen are added on top of the base, never instead of it.
 *
 * Oxygen is not in the resident record yet, so it is an explicit input: the person booking says it.
 */
export function proposeMode(mobility: MobilityFacts, options: { oxygen: boolean }): ModeProposal {
  const notAssessed: MobilityFact[] = [];
  if (mobility.aid === null) notAssessed.push('aid');
  if (mobility.transfer === null) notAssessed.push('transfer');
  if (mobility.bariatric === null) notAssessed.push('bariatric');
  if (mobility.aid === null || mobility.transfer === null || mobility.bariatric === null) return { kind: 'ask', notAssessed };

  return { kind: 'proposed', ...needFor(mobility.aid, mobility.transfer, mobility.bariatric, options.oxygen) };
}

/** The rule itself, for a fully assessed resident (every fact known). */
export function needFor(
  aid: MobilityAid,
  transfer: TransferAssist,
  bariatric: boolean,
  oxygen: boolean,
): { need: TransportNeed; because: ModeReason[] } {
  const because: ModeReason[] = [];
  let base: BaseMode;
  if (aid === 'stretcher') {
    base = 'stretcher';
    because.push('aid_stretcher');
  } else if (aid === 'wheelchair' || transfer === 'mechanical_lift' || transfer === 'two_person') {
    base = 'wheelchair';
    if (aid === 'wheelchair') because.push('aid_wheelchair');
    if (transfer === 'mechanical_lift') because.push('transfer_mechanical_lift');
    if (transfer === 'two_person') because.push('transfer_two_person');
  } else {
    base = 'ambulatory';
    because.push('walks');
  }
  if (bariatric) because.push('bariatric');
  if (oxygen) because.push('oxygen');
  return { need: { base, bariatric, oxygen }, because };
}

export interface ModeChoice {
  need: TransportNeed;
  /** Why the chosen mode differs from the proposal; null when it does not. */
  overrideReason: string | null;
}

export type ModeDecision =
  | { ok: true; need: TransportNeed; overridden: boolean; reason: string | null }
  | { ok: false; path: 'mode' | 'modeReason'; code: 'mode_required' | 'mode_override_reason_required' };

/** Shortest reason accepted: "ok" or "x" is not a reason a surveyor can read. */
export const MODE_REASON_MIN_CHARS = 5;

/**
 * Accepts the mode the person chose. Differing from the proposal needs a reason (recorded with the
 * booking). When the proposal was "ask", a choice is required and is itself the decision, so no
 * reason is asked for — but it is still recorded as chosen, not proposed.
 */
export function decideMode(proposal: ModeProposal, choice: ModeChoice | null): ModeDecision {
  if (proposal.kind === 'ask') {
    if (choice === null) return { ok: false, path: 'mode', code: 'mode_required' };
    return { ok: true, need: choice.need, overridden: false, reason: cleanReason(choice.overrideReason) };
  }
  if (choice === null || sameNeed(choice.need, proposal.need)) {
    return { ok: true, need: proposal.need, overridden: false, reason: null };
  }
  const reason = cleanReason(choice.overrideReason);
  if (reason === null || reason.length < MODE_REASON_MIN_CHARS) {
    return { ok: false, path: 'modeReason', code: 'mode_override_reason_required' };
  }
  return { ok: true, need: choice.need, overridden: true, reason };
}

function cleanReason(reason: string | null): string | null {
  const trimmed = reason?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** The four-word summary the resident record shows ("Transport: Wheelchair"), as it always has. */
export type ResidentTransportSummary = 'ambulatory' | 'wheelchair' | 'stretcher' | 'bariatric';

/**
 * One word for the resident page. The base mode wins over the bariatric flag here (a bariatric
 * wheelchair user reads "Wheelchair"); the booking screen shows the full need with its flags.
 */
export function summaryOf(need: TransportNeed): ResidentTransportSummary {
  if (need.base !== 'ambulatory') return need.base;
  return need.bariatric ? 'bariatric' : 'ambulatory';
}
