/**
 * Whether a driver or a staff escort holds what the trip requires ON THE TRIP'S DATE.
 *
 * Expiry is never computed here: every answer comes from the one training status rule
 * (shared/domain/training/status.ts), so the matrix, the lapsing list, shift coverage and transport
 * can never disagree. Evaluating on the trip's date (not today) is what makes a CPR card expiring
 * next Tuesday already block next Wednesday's trip when it is booked today.
 *
 * Like shift CPR coverage, what counts is holding a valid credential, whatever the catalog says
 * about the person's role: a CNA escorting a resident needs CPR whether or not the catalog requires
 * it of CNAs.
 */
import type { CourseValidity } from '../training/catalog';
import { isValidOn, validityStatus } from '../training/status';
import type { CompletionRecord } from '../training/status';

export const TRIP_ROLES = ['driver', 'escort'] as const;
export type TripRole = (typeof TRIP_ROLES)[number];

/**
 * One credential a trip role needs. `source` says where the evidence comes from: the course catalog
 * today; licences (driver's licence) once the training area tracks them (issue 13) — they slot in as
 * another requirement with source 'licence' and another evidence variant below, nothing else changes.
 */
export interface CredentialRequirement {
  code: string;
  source: 'course' | 'licence';
  roles: readonly TripRole[];
  /** The catalog's name, for messages ("CPR / BLS"): facilities name their courses themselves. */
  name: string;
}

/** What transport requires, by catalog code. */
export const TRANSPORT_CREDENTIALS: readonly Omit<CredentialRequirement, 'name'>[] = [
  { code: 'driver_safety', source: 'course', roles: ['driver'] },
  { code: 'cpr_bls', source: 'course', roles: ['driver', 'escort'] },
  // Once licences are tracked: { code: 'drivers_licence', source: 'licence', roles: ['driver'] }.
];

/**
 * The requirements in force at a facility: those whose course is active in its catalog (a facility that
 * retires a course has decided it is not needed), named as the catalog names them.
 */
export function requirementsFromCatalog(
  catalog: readonly { code: string; name: string; active: boolean }[],
  wanted: readonly Omit<CredentialRequirement, 'name'>[] = TRANSPORT_CREDENTIALS,
): CredentialRequirement[] {
  const out: CredentialRequirement[] = [];
  for (const req of wanted) {
    const entry = catalog.find((c) => c.code === req.code && c.active);
    if (entry !== undefined) out.push({ ...req, name: entry.name });
  }
  return out;
}

/** The facts the status rule needs for one person and one credential. */
export type CredentialEvidence = {
  source: 'course';
  validity: CourseValidity;
  hireDate: string | null;
  records: readonly CompletionRecord[];
};
// When licences arrive: | { source: 'licence'; …whatever the licence status rule takes }, evaluated by
// that rule in `statusOn` below.

export interface StaffCredentials {
  staffId: string;
  name: string;
  /** Keyed by requirement code. No entry = nothing on file = missing. */
  evidence: Readonly<Record<string, CredentialEvidence | undefined>>;
}

export interface CredentialProblem {
  staffId: string;
  staffName: string;
  role: TripRole;
  code: string;
  /** The credential's name from the requirement. */
  name: string;
  status: 'expired' | 'missing';
  /** The first trip date on which the credential is not valid. */
  date: string;
  /** First day the credential no longer counts (for 'expired'). */
  expiredOn?: string;
}

/** The status rule's answer for one credential on one date. */
function statusOn(evidence: CredentialEvidence | undefined, date: string): { valid: boolean; status: 'expired' | 'missing'; expiredOn?: string } {
  if (evidence === undefined) return { valid: false, status: 'missing' };
  // The window only separates 'current' from 'expiring'; both are valid, so 0 is as good as any.
  const result = validityStatus(evidence.validity, evidence.hireDate, evidence.records, date, 0);
  if (isValidOn(result)) return { valid: true, status: 'missing' };
  return result.status === 'expired' && result.expiresOn !== undefined
    ? { valid: false, status: 'expired', expiredOn: result.expiresOn }
    : { valid: false, status: 'missing' };
}

/**
 * The credentials a person in `role` lacks on any of `dates` (the facility dates the trip touches;
 * an overnight trip is checked on both). One problem per credential, on the first failing date.
 */
export function credentialProblems(
  staffId: string,
  staff: StaffCredentials | undefined,
  role: TripRole,
  dates: readonly string[],
  requirements: readonly CredentialRequirement[],
): CredentialProblem[] {
  const problems: CredentialProblem[] = [];
  for (const req of requirements) {
    if (!req.roles.includes(role)) continue;
    const evidence = staff?.evidence[req.code];
    for (const date of dates) {
      const s = statusOn(evidence, date);
      if (s.valid) continue;
      problems.push({
        staffId,
        staffName: staff?.name ?? '',
        role,
        code: req.code,
        name: req.name,
        status: s.status,
        date,
        ...(s.expiredOn !== undefined ? { expiredOn: s.expiredOn } : {}),
      });
      break;
    }
  }
  return problems;
}
