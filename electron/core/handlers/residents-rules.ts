import type { AdmitInput, ResidentFields } from '../../../shared/contract/residents';
import { validateDateOfBirth, MAX_PLAUSIBLE_AGE_YEARS } from '../../../shared/domain/residents/age';
import type { FieldIssue } from '../../../shared/result';
import type { HandlerContext } from '../context';

/** Date rules of the record itself, shared by admission, update and import. */
export async function recordIssues(f: ResidentFields, today: string, exceptId: number | null, ctx: Pick<HandlerContext, 'q'>): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const dob = validateDateOfBirth(f.dateOfBirth, today);
  if (!dob.ok) {
    issues.push(
      dob.reason === 'in_future'
        ? { path: 'dateOfBirth', code: 'date_in_future' }
        : dob.reason === 'too_old'
          ? { path: 'dateOfBirth', code: 'dob_too_old', params: { max: MAX_PLAUSIBLE_AGE_YEARS } }
          : { path: 'dateOfBirth', code: 'invalid_date' },
    );
  }
  if (f.codeStatusDocumentedOn !== null && f.codeStatusDocumentedOn > today) issues.push({ path: 'codeStatusDocumentedOn', code: 'date_in_future' });
  if (f.allergies.state === 'nka' && f.allergies.recordedOn > today) issues.push({ path: 'allergies.recordedOn', code: 'date_in_future' });
  if (await ctx.q.residents.recordNumberTaken(f.recordNumber, exceptId)) issues.push({ path: 'recordNumber', code: 'duplicate' });
  return issues;
}

/** Beds already promised within one call (an import), so two rows cannot take the same bed. */
export interface AdmissionBatch {
  recordNumbers: Set<string>;
  beds: Set<number>;
}

/** Everything an admission must satisfy beyond its input schema. Empty = admissible. */
export async function admissionIssues(a: AdmitInput, today: string, ctx: Pick<HandlerContext, 'q'>, batch?: AdmissionBatch): Promise<FieldIssue[]> {
  const issues = await recordIssues(a, today, null, ctx);
  const birthOk = !issues.some((i) => i.path === 'dateOfBirth');
  if (batch) {
    const key = a.recordNumber.toLowerCase();
    if (batch.recordNumbers.has(key) && !issues.some((i) => i.path === 'recordNumber')) issues.push({ path: 'recordNumber', code: 'duplicate_in_file' });
    batch.recordNumbers.add(key);
  }
  if (a.admittedOn > today) issues.push({ path: 'admittedOn', code: 'date_in_future' });
  else if (birthOk && a.admittedOn < a.dateOfBirth) issues.push({ path: 'admittedOn', code: 'before_birth' });
  issues.push(...(await bedIssues(a.unitId, a.bedId, ctx, batch)));
  return issues;
}

/** A bed to put someone in: it exists, is in the unit named, and nobody is in it. */
export async function bedIssues(unitId: number | null, bedId: number, ctx: Pick<HandlerContext, 'q'>, batch?: AdmissionBatch): Promise<FieldIssue[]> {
  if (unitId !== null) {
    const unit = (await ctx.q.facility.units()).find((u) => u.id === unitId);
    if (!unit || !unit.active) return [{ path: 'unitId', code: 'unknown_unit' }];
  }
  const bed = await ctx.q.residents.bedInfo(bedId);
  if (!bed || !bed.bedActive) return [{ path: 'bedId', code: 'unknown_bed' }];
  if (unitId !== null && bed.unitId !== unitId) return [{ path: 'bedId', code: 'bed_not_in_unit' }];
  // Named, so a nurse told "taken" at one station knows which bed another station just filled.
  if (bed.occupantId !== null || batch?.beds.has(bedId)) return [{ path: 'bedId', code: 'bed_occupied', params: { bed: ctx.q.residents.placeLabel(bed) } }];
  batch?.beds.add(bedId);
  return [];
}
