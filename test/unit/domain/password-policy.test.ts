import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkPassword, passwordMinLength } from '../../../shared/domain/password-policy';

describe('password policy (NIST SP 800-63B)', () => {
  test('length is what matters: 15 characters of unrelated words pass without digits or symbols', () => {
    expect(checkPassword('lantern orchard bicycle')).toEqual([]);
    expect(checkPassword('correcthorsebatterystaple')).toEqual([]);
  });

  test('shorter than 15 is too short, whatever its composition', () => {
    expect(checkPassword('Tr0ub4dor&3!xy')).toEqual(['too_short']);
    expect(checkPassword('a'.repeat(passwordMinLength - 1))).toEqual(['too_short']);
  });

  test('length counts characters a person sees, not UTF-16 units', () => {
    expect(checkPassword('김민준김민준김민준김민준김민준')).toEqual([]);
    expect(checkPassword('😀😀😀😀😀😀😀😀')).toEqual(['too_short']);
  });

  test('common passwords padded to length are refused', () => {
    expect(checkPassword('password12345678')).toContain('common');
    expect(checkPassword('Welcome!!!!!!!!!!')).toContain('common');
    expect(checkPassword('123456789012345678')).toContain('common');
  });

  test('repetitive and sequential passwords are refused', () => {
    expect(checkPassword('aaaaaaaaaaaaaaaaaa')).toContain('repetitive');
    expect(checkPassword('abcdefghijklmnopq')).toContain('repetitive');
  });

  test('a password built from the username or facility name is refused', () => {
    expect(checkPassword('maplegrove2026!!', ['ada', 'Ada Admin', 'Maple Grove'])).toContain('contains_context');
    expect(checkPassword('caredesk-password', [])).not.toEqual([]);
    // The context word inside a long passphrase with plenty more is fine.
    expect(checkPassword('ada likes quiet mountain rivers', ['ada'])).toEqual([]);
  });

  test('over 128 characters is too long', () => {
    expect(checkPassword('word '.repeat(30))).toEqual(['too_long']);
  });

  test('property: any 15+ letters of varied words with enough distinct characters is accepted or refused with a reason', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 200 }), (s) => {
        const problems = checkPassword(s);
        expect(Array.isArray(problems)).toBe(true);
        if ([...s.normalize('NFKC')].length < passwordMinLength) expect(problems).toEqual(['too_short']);
      }),
    );
  });
});
