import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { methodNames } from '../../shared/contract';
import { adminCore, STRONG_PASSWORD } from '../support/core';
import { fingerprint } from '../support/db';

// Whatever a compromised or buggy renderer sends, main answers with a Result, never throws,
// and a refused call leaves the database exactly as it was.
describe('dispatcher under arbitrary input', async () => {
  const a = await adminCore();

  test('every method, any input: a Result; on refusal nothing is written', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methodNames, 'nope.nothing', '__proto__', 'constructor'), fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }), async (method, input) => {
        const before = await fingerprint(a.core);
        const r = await a.raw(method, input);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) {
          expect(['validation', 'not_found', 'conflict', 'forbidden', 'unauthenticated', 'throttled']).toContain(r.error.code);
          expect(await fingerprint(a.core)).toBe(before);
        }
      }),
      { numRuns: 1500 },
    );
  });

  test('the app keeps working after the barrage', async () => {
    // `{}` is a valid auth.signOut, so the barrage may have signed out; signing in again must work.
    await a.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    expect((await a.must('users.list', {})).total).toBeGreaterThan(0);
  });
});
