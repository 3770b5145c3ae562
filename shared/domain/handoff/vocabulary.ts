/**
 * Shift handoff vocabulary. Stored values are stable snake_case keys; the words a person reads live in
 * shared/i18n/handoff.ts, so renaming a label never needs a data migration.
 */

/**
 * I-PASS (Illness severity, Patient summary, Action list, Situation awareness and contingency,
 * Synthesis by the receiver) is the evidence-based structure and the default; SBAR (Situation,
 * Background, Assessment, Recommendation) is the other one facilities use. The facility chooses;
 * each note keeps the template it was written in, so changing the choice loses nothing.
 */
export const HANDOFF_TEMPLATES = ['ipass', 'sbar'] as const;
export type HandoffTemplate = (typeof HANDOFF_TEMPLATES)[number];
/** Not clinical: a facility that never chose gets the evidence-based structure. */
export const DEFAULT_TEMPLATE: HandoffTemplate = 'ipass';

/** I-PASS illness severity. No default: a note without one says "not stated", never "stable". */
export const ILLNESS_SEVERITIES = ['stable', 'watcher', 'unstable'] as const;
export type IllnessSeverity = (typeof ILLNESS_SEVERITIES)[number];

/** The free-text fields of a note, per template (actions are their own records, in both). */
export const TEMPLATE_FIELDS = {
  ipass: ['summary', 'awareness'],
  sbar: ['situation', 'background', 'assessment', 'recommendation'],
} as const satisfies Record<HandoffTemplate, readonly string[]>;
export const NOTE_TEXT_FIELDS = ['summary', 'awareness', 'situation', 'background', 'assessment', 'recommendation'] as const;
export type NoteTextField = (typeof NOTE_TEXT_FIELDS)[number];

/**
 * Length limits, shared by the contract (which refuses longer text, writing nothing) and the
 * screen (which counts against them while typing and never cuts a paste). Sized so a unit's
 * sheet stays a sheet: a 600-character summary is a dense paragraph at 8 pt.
 */
export const NOTE_LIMITS = {
  summary: 600,
  awareness: 400,
  situation: 400,
  background: 400,
  assessment: 400,
  recommendation: 400,
  actionText: 200,
  actionOwner: 60,
  synthesis: 600,
} as const;

/**
 * Which shift dates a sheet may be asked for, around the facility's today: a week back (a
 * handoff someone missed, last weekend's notes) and the next day (the first shift of tomorrow).
 * A sheet always shows the residents as they are now, so an older date would print today's
 * facts under an old date; further out is refused by name, never guessed.
 */
export const SHEET_DAYS = { back: 7, ahead: 1 } as const;
/** Notes are written for the shift being worked: today's, or yesterday's night shift that has not ended. */
export const NOTE_DAYS = { back: 1, ahead: 0 } as const;

/** "Events of the last 24 hours": admissions, returns, status changes, moves, clinical changes. */
export const EVENT_WINDOW_HOURS = 24;

/** A chosen set of residents prints at most this many rows (a unit sheet has no such limit). */
export const MAX_CHOSEN_RESIDENTS = 500;

/** Actions listed per resident on a sheet: open ones, oldest first. */
export const MAX_OPEN_ACTIONS = 20;
