/**
 * What went wrong with the database, decided once here from the driver's codes. drizzle wraps
 * driver errors (DrizzleQueryError), so the real one is found by walking `.cause`.
 */
export type DbFailure =
  /** PostgreSQL could not serialize this transaction against another, or chose it as a deadlock victim: run it again. */
  | 'serialization'
  /** A unique index refused the row (two stations taking one bed). */
  | 'unique'
  /** The server cannot be reached or went away. */
  | 'unavailable'
  /** Another program holds the SQLite file's lock past the busy timeout. */
  | 'busy'
  /** The disk (or the database's size limit) is full. */
  | 'full'
  /** The file or folder cannot be written. */
  | 'readonly'
  | 'other';

const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN']);

function codeOf(e: unknown): string | undefined {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
}

/** The chain of causes, outermost first. */
export function causes(e: unknown): unknown[] {
  const out: unknown[] = [];
  let cur: unknown = e;
  for (let i = 0; cur && i < 8; i++) {
    out.push(cur);
    cur = (cur as { cause?: unknown }).cause;
  }
  return out;
}

export function classify(e: unknown): DbFailure {
  for (const c of causes(e)) {
    const code = codeOf(c);
    if (code === '40001' || code === '40P01') return 'serialization';
    if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE') return 'unique';
    if (code === 'SQLITE_BUSY' || code?.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED' || code?.startsWith('SQLITE_LOCKED_')) return 'busy';
    if (code === 'SQLITE_FULL' || code === '53100') return 'full';
    if (code === 'SQLITE_READONLY' || code?.startsWith('SQLITE_READONLY_') || code === 'SQLITE_CANTOPEN') return 'readonly';
    // Class 08 is connection exceptions; 57P01–57P03 an administrator shut the server down or it is starting.
    if (code && (UNAVAILABLE_NODE_CODES.has(code) || code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03')) return 'unavailable';
    const message = c instanceof Error ? c.message : '';
    if (/Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(message)) return 'unavailable';
  }
  return 'other';
}

/** The name of the constraint a unique violation names, when the driver says (PostgreSQL does; SQLite names the columns). */
export function constraintOf(e: unknown): string | null {
  for (const c of causes(e)) {
    const name = (c as { constraint?: unknown }).constraint;
    if (typeof name === 'string') return name;
    const m = c instanceof Error ? /UNIQUE constraint failed: (.+)$/.exec(c.message) : null;
    if (m?.[1]) return m[1];
  }
  return null;
}
