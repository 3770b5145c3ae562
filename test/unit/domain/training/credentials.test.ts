import { describe, expect, it } from 'vitest';
import { CredentialInput } from '../../../../shared/contract/training';
import { CREDENTIAL_VALIDITY, DEFAULT_CREDENTIAL_TYPES, credentialRecord, validateCredential } from '../../../../shared/domain/training/credentials';
import { cellsFor, lapsingFrom, type MatrixCourse } from '../../../../shared/domain/training/matrix';
import { statusOf, validityStatus } from '../../../../shared/domain/training/status';

const today = '2026-03-02';
const rn = { validity: CREDENTIAL_VALIDITY, roles: ['rn'] as const };

describe('licences through the one status rule', () => {
  const licence = credentialRecord({ issuedOn: '2024-05-01', expiresOn: '2026-04-30' });
  const status = (asOf: string, records = [licence], windowDays = 30) => statusOf({ course: rn, role: 'rn', hireDate: '2020-01-01', records }, asOf, windowDays);

  it('flips current → expiring → expired across as-of dates, expired ON the expiry date', () => {
    expect(status('2024-04-30')).toEqual({ status: 'missing' }); // before it was issued
    expect(status('2024-05-01')).toEqual({ status: 'current', completedOn: '2024-05-01', expiresOn: '2026-04-30' });
    expect(status('2026-03-30').status).toBe('current');
    expect(status('2026-03-31').status).toBe('expiring'); // 30 days before expiry
    expect(status('2026-04-29').status).toBe('expiring');
    expect(status('2026-04-30').status).toBe('expired');
    expect(status('2026-03-02', [licence], 90).status).toBe('expiring');
  });

  it('a renewal counts from its issue date: a past survey date still sees the old licence', () => {
    const renewal = credentialRecord({ issuedOn: '2026-04-15', expiresOn: '2028-04-30' });
    expect(status('2026-04-10', [renewal, licence])).toMatchObject({ status: 'expiring', expiresOn: '2026-04-30' });
    expect(status('2026-04-20', [renewal, licence])).toMatchObject({ status: 'current', expiresOn: '2028-04-30' });
    // Recorded after a lapse: expired in between, current again from the renewal.
    const late = credentialRecord({ issuedOn: '2026-06-01', expiresOn: '2028-06-30' });
    expect(status('2026-05-15', [licence, late]).status).toBe('expired');
    expect(status('2026-06-01', [licence, late]).status).toBe('current');
  });

  it('two records issued the same day: the later expiry decides; no readable expiry is a gap, never current', () => {
    const a = credentialRecord({ issuedOn: '2025-01-01', expiresOn: '2026-01-01' });
    const b = credentialRecord({ issuedOn: '2025-01-01', expiresOn: '2027-01-01' });
    expect(status('2026-06-01', [a, b]).status).toBe('current');
    expect(status('2026-06-01', [b, a]).status).toBe('current');
    expect(validityStatus(CREDENTIAL_VALIDITY, null, [{ completedOn: '2025-01-01' }], '2026-01-01', 30)).toEqual({ status: 'missing', completedOn: '2025-01-01' });
    expect(validityStatus(CREDENTIAL_VALIDITY, null, [{ completedOn: '2025-01-01', expiresOn: 'soon' }], '2026-01-01', 30).status).toBe('missing');
  });

  it('not required of other roles, like a course', () => {
    expect(statusOf({ course: rn, role: 'cna', hireDate: null, records: [licence] }, today, 30)).toEqual({ status: 'not_required' });
  });

  it('the matrix and the lapsing list show licences beside courses', () => {
    const columns: MatrixCourse[] = [
      { id: 1, validity: { kind: 'months', months: 24 }, roles: ['rn', 'cna'] },
      { id: 1001, validity: CREDENTIAL_VALIDITY, roles: ['rn'] },
      { id: 1002, validity: CREDENTIAL_VALIDITY, roles: ['cna'] },
    ];
    const latest = new Map([
      [7, new Map<number, string | { completedOn: string; expiresOn: string }>([[1, '2025-06-01'], [1001, { completedOn: '2024-05-01', expiresOn: '2026-03-20' }]])],
    ]);
    const ann = { id: 7, role: 'rn' as const, hireDate: '2020-01-01', unitId: 1 };
    expect(cellsFor(ann, columns, latest, today, 30).map((c) => c.status)).toEqual(['current', 'expiring', 'not_required']);
    expect(lapsingFrom([ann], columns, latest, today, 30, false)).toEqual([{ staffId: 7, courseId: 1001, status: 'expiring', completedOn: '2024-05-01', lapsesOn: '2026-03-20', daysLeft: 18 }]);
    expect(cellsFor(ann, columns, latest, '2026-03-20', 30)[1]).toMatchObject({ status: 'expired', expiresOn: '2026-03-20' });
  });

  it('the seed catalog covers the licences of every licensed role', () => {
    expect(DEFAULT_CREDENTIAL_TYPES.map((t) => t.code)).toEqual(['rn_licence', 'lpn_licence', 'nurse_aide_registry', 'medication_aide', 'drivers_licence', 'food_handler']);
    expect(DEFAULT_CREDENTIAL_TYPES.find((t) => t.code === 'drivers_licence')?.roles).toEqual(['driver']);
  });
});

describe('validateCredential', () => {
  const good: { number: string; issuingState: string | null; issuingBody: string | null; issuedOn: string; expiresOn: string } = {
    number: 'RN 123-456',
    issuingState: 'TX',
    issuingBody: 'Texas Board of Nursing',
    issuedOn: '2024-05-01',
    expiresOn: '2026-04-30',
  };

  it('accepts a licence, a lapsed one, and one issued by a body only', () => {
    expect(validateCredential(good, today)).toEqual([]);
    expect(validateCredential({ ...good, expiresOn: '2025-01-01' }, today)).toEqual([]);
    expect(validateCredential({ ...good, issuingState: null, issuingBody: 'ServSafe' }, today)).toEqual([]);
  });

  it('names each field and problem', () => {
    const issues = (over: Partial<typeof good>) => validateCredential({ ...good, ...over }, today).map((i) => `${i.field}:${i.code}`);
    expect(issues({ number: '  ' })).toEqual(['number:required']);
    expect(issues({ number: 'x'.repeat(41) })).toEqual(['number:too_long']);
    expect(issues({ number: 'RN#12;drop' })).toEqual(['number:invalid_characters']);
    expect(issues({ issuingState: 'XX' })).toEqual(['issuingState:invalid_choice']);
    expect(issues({ issuingState: null, issuingBody: '' })).toEqual(['issuingBody:issuer_required']);
    expect(issues({ issuedOn: '' })).toEqual(['issuedOn:required']);
    expect(issues({ issuedOn: '2024-02-30' })).toEqual(['issuedOn:invalid_date']);
    expect(issues({ issuedOn: '2026-03-03' })).toEqual(['issuedOn:in_future']);
    expect(issues({ issuedOn: '1949-12-31' })).toEqual(['issuedOn:out_of_range']);
    expect(issues({ expiresOn: '' })).toEqual(['expiresOn:required']);
    expect(issues({ expiresOn: '04/30/2026' })).toEqual(['expiresOn:invalid_date']);
    expect(issues({ expiresOn: '2024-05-01' })).toEqual(['expiresOn:not_after_issue']);
    expect(issues({ expiresOn: '2062-04-30' })).toEqual(['expiresOn:out_of_range']);
  });

  it('the contract input carries the fields loosely so these codes are what a person sees', () => {
    const parsed = CredentialInput.safeParse({ staffId: 1, typeId: 2, number: '', issuedOn: 'soon', expiresOn: '' });
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ issuingState: null, issuingBody: null });
    expect(CredentialInput.safeParse({ ...good, staffId: 1, typeId: 2, extra: 1 }).success).toBe(false);
  });
});
