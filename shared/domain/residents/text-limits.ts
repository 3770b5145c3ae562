/**
 * How long each free-text field of a resident may be, in characters after trimming. One list for
 * the contract (which enforces it) and the forms (which name it while the person types), so the
 * number a nurse reads is the number main applies.
 */
export const residentTextMax = {
  legalGiven: 80,
  legalFamily: 80,
  preferredName: 80,
  recordNumber: 40,
  dietNote: 200,
  allergySubstance: 120,
  allergyReaction: 200,
  hearingAids: 120,
  visionAids: 120,
  language: 40,
  physicianName: 120,
  physicianPhone: 40,
  pharmacyName: 120,
  pharmacyPhone: 40,
  /** A transfer's or a status change's note. */
  note: 300,
  contactName: 120,
  contactRelationship: 60,
  contactPhone: 40,
  contactNote: 300,
} as const;
