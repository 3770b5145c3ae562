import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's scrypt floor (2^17 is their first choice; 2^15 keeps sign-in under ~100 ms on a nursing-station PC). */
export const defaultScryptCost: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };

const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, cost: ScryptCost): Buffer {
  // NFKC so the same passphrase typed on another keyboard layout still matches (NIST 800-63B).
  return scryptSync(password.normalize('NFKC'), salt, KEY_LENGTH, { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 });
}

export function hashPassword(password: string, cost: ScryptCost = defaultScryptCost): string {
  const salt = randomBytes(16);
  const key = derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash no password matches, verified against when the username is unknown so timing says nothing. */
export function decoyHash(cost: ScryptCost): string {
  return hashPassword(randomBytes(24).toString('base64'), cost);
}
