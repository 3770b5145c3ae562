import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { methodNames } from '../../shared/contract';
import { adminCore, STRONG_PASSWORD } from '../support/core';

// Whatever a compromised or buggy renderer sends, main answers with a Result, never throws,
// and a refused call leaves the database exactly as it was.
describe('dispatcher under arbitrary input', () => {
  const a = adminCore();
  afterAll(() => a.core.close());
  const sqlite = a.core.opened.sqlite;
  const totalChanges = () => (sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

  test('every method, any input: a Result; on refusal nothing is written', () => {
    fc.assert(
      fc.property(fc.constantFrom(...methodNames, 'nope.nothing', '__proto__', 'constructor'), fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }), (method, input) => {
        const before = totalChanges();
        const r = a.raw(method, input);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) {
          expect(['validation', 'not_found', 'conflict', 'forbidden', 'unauthenticated', 'throttled']).toContain(r.error.code);
          expect(totalChanges()).toBe(before);
        }
      }),
      { numRuns: 1500 },
    );
  });

  test('the app keeps working after the barrage', () => {
    // `{}` is a valid auth.signOut, so the barrage may have signed out; signing in again must work.
    a.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    expect(a.must('users.list', {}).total).toBeGreaterThan(0);
  });
});
