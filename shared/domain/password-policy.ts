/**
 * Password rules after NIST SP 800-63B (rev. 4): length over composition, no forced
 * character classes, no periodic expiry, and a check against commonly used and
 * context-specific passwords. A password is the only factor here, so the floor is 15.
 */
export const passwordMinLength = 15;
export const passwordMaxLength = 128;

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'repetitive' | 'contains_context';

// Kept short and lower-case; matched after normalisation, also as the core of a longer
// password ("password12345678" is "password" padded), which is how these lists are abused.
const common = new Set([
  'password', 'passw0rd', 'p@ssword', 'p@ssw0rd', 'qwerty', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm',
  'letmein', 'welcome', 'welcome1', 'iloveyou', 'admin', 'administrator', 'changeme', 'default',
  'monkey', 'dragon', 'football', 'baseball', 'sunshine', 'princess', 'trustno1', 'abc123',
  'master', 'superman', 'batman', 'starwars', 'whatever', 'freedom', 'shadow', 'michael',
  'nurse', 'nursing', 'caregiver', 'hospital', 'patient', 'resident', 'medical', 'health',
  'secret', 'login', 'access', 'contraseña', 'contrasena', 'bienvenido', 'hola', 'clave',
  'summer', 'winter', 'spring', 'autumn', 'january', 'december', 'computer', 'internet',
]);

const commonByLength = [...common].map((w) => w.replace(/[^\p{L}]+/gu, '')).filter(Boolean).sort((a, b) => b.length - a.length);
const MIN_UNGUESSABLE_LETTERS = 6;

function normalise(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

/** Strips digits, spaces and punctuation so "Password 2026!!!!" meets "password". */
function core(s: string): string {
  return s.replace(/[^\p{L}]+/gu, '');
}

function isRepetitive(s: string): boolean {
  const chars = [...s];
  if (new Set(chars).size <= 2) return true;
  // Runs like "123456789012345" or "abcdefghijklmno": mostly +1 steps between code points.
  let steps = 0;
  for (let i = 1; i < chars.length; i++) {
    const d = (chars[i]!.codePointAt(0) ?? 0) - (chars[i - 1]!.codePointAt(0) ?? 0);
    if (d === 1 || d === -1 || d === -9) steps++;
  }
  return steps >= chars.length - 2;
}

/**
 * Returns the problems with a proposed password, or an empty list.
 * `context` holds words a guesser would try first: username, display name, facility name.
 */
export function checkPassword(password: string, context: readonly string[] = [], minLength: number = passwordMinLength): PasswordProblem[] {
  const length = [...password.normalize('NFKC')].length;
  // An administrator's policy may raise the floor (never lower it below NIST's 15).
  if (length < Math.max(minLength, passwordMinLength)) return ['too_short'];
  if (length > passwordMaxLength) return ['too_long'];
  const n = normalise(password);
  const problems: PasswordProblem[] = [];
  // What is left once the guessable parts are taken out must still be a real password.
  const contextWords = ['caredesk', ...context.flatMap((c) => normalise(c).split(/\s+/))].map(core).filter((w) => w.length >= 3);
  let rest = core(n);
  let usedContext = false;
  for (const w of [...contextWords].sort((a, b) => b.length - a.length)) {
    if (rest.includes(w)) {
      rest = rest.replaceAll(w, '');
      usedContext = true;
    }
  }
  for (const w of commonByLength) if (rest.includes(w)) rest = rest.replaceAll(w, '');
  if (rest.length < MIN_UNGUESSABLE_LETTERS) problems.push(usedContext ? 'contains_context' : 'common');
  if (isRepetitive(n)) problems.push('repetitive');
  return problems;
}
