import { argon2Sync, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** Argon2id's cost: memory in KiB, passes over it (t) and lanes (p). */
export interface PasswordCost {
  memoryKiB: number;
  passes: number;
  parallelism: number;
}

/**
 * Argon2id, m = 64 MiB, t = 2, p = 1 (node:crypto has it from Node 24.7). OWASP's floor is m = 19 MiB,
 * t = 2, which hashed in ~33 ms here: cheap for a guesser with a copied file. 64 MiB raises the memory
 * an attacker's GPU pays per guess and lands at ~100–250 ms per hash on these machines (the brief's
 * 50–500 ms band); a sign-in pays it once, and every older, weaker hash is replaced at its owner's next
 * sign-in. `npm run bench` reports it as auth.hash_ms.
 */
export const defaultPasswordCost: PasswordCost = { memoryKiB: 64 * 1024, passes: 2, parallelism: 1 };

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
// PHC string format: $argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash>, base64 without padding.
const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');
// NFKC so the same passphrase typed on another keyboard layout still matches (NIST 800-63B).
const normalized = (password: string) => password.normalize('NFKC');

function argon2id(password: string, salt: Buffer, cost: PasswordCost): Buffer {
  return argon2Sync('argon2id', { message: normalized(password), nonce: salt, memory: cost.memoryKiB, passes: cost.passes, parallelism: cost.parallelism, tagLength: KEY_LENGTH });
}

/** A new hash, its parameters written beside it so they can be raised later. */
export function hashPassword(password: string, cost: PasswordCost = defaultPasswordCost): string {
  const salt = randomBytes(SALT_LENGTH);
  const key = argon2id(password, salt, cost);
  return `$argon2id$v=19$m=${cost.memoryKiB},t=${cost.passes},p=${cost.parallelism}$${b64(salt)}$${b64(key)}`;
}

function parseArgon2(stored: string): { cost: PasswordCost; salt: Buffer; key: Buffer } | null {
  const m = PHC.exec(stored);
  if (!m) return null;
  return {
    cost: { memoryKiB: Number(m[1]), passes: Number(m[2]), parallelism: Number(m[3]) },
    salt: Buffer.from(m[4]!, 'base64'),
    key: Buffer.from(m[5]!, 'base64'),
  };
}

/** Hashes written before Argon2id: scrypt$N$r$p$salt$key. Still accepted, and replaced at the next sign-in. */
function verifyScrypt(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const expected = Buffer.from(key, 'base64');
  const actual = scryptSync(normalized(password), Buffer.from(salt, 'base64'), expected.length, { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function verifyPassword(password: string, stored: string): boolean {
  const a = parseArgon2(stored);
  if (a) {
    const actual = argon2id(password, a.salt, a.cost);
    return actual.length === a.key.length && timingSafeEqual(actual, a.key);
  }
  return verifyScrypt(password, stored);
}

/** Whether a stored hash is weaker than `cost` (or not Argon2id at all): rehashed at the next successful sign-in. */
export function needsRehash(stored: string, cost: PasswordCost): boolean {
  const a = parseArgon2(stored);
  if (!a) return true;
  return a.cost.memoryKiB < cost.memoryKiB || a.cost.passes < cost.passes || a.cost.parallelism !== cost.parallelism;
}

/** A hash no password matches, verified against when the username is unknown so timing says nothing. */
export function decoyHash(cost: PasswordCost): string {
  return hashPassword(randomBytes(24).toString('base64'), cost);
}
