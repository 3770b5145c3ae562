/**
 * The boundary log: method, duration, result code. Its shape has no room for resident data,
 * and that is the point: there is no free-text field a handler could put a name into.
 */
export interface CallRecord {
  method: string;
  ms: number;
  code: 'ok' | string;
}

export interface Logger {
  call(record: CallRecord): void;
  /** Unexpected failures: the error class and a message with quoted values removed. */
  internal(method: string, error: unknown): void;
  event(name: string, detail?: Record<string, string | number | boolean>): void;
}

/** Removes quoted literals and long digit runs, where SQLite and libraries echo values. */
export function scrub(message: string): string {
  return message
    .replace(/(["'`]).*?\1/g, '<value>')
    .replace(/\d{4,}/g, '<n>')
    .slice(0, 300);
}

export function errorSummary(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${scrub(error.message)}`;
  return 'non-error thrown';
}

/** Writes JSON lines to a sink (a file stream in the app, stderr in the harness). */
export function jsonLogger(write: (line: string) => void): Logger {
  const emit = (o: Record<string, unknown>) => write(`${JSON.stringify({ t: new Date().toISOString(), ...o })}\n`);
  return {
    call: (r) => emit({ ev: 'ipc', m: r.method, ms: Math.round(r.ms * 1000) / 1000, code: r.code }),
    internal: (method, error) => emit({ ev: 'internal', m: method, err: errorSummary(error) }),
    event: (name, detail) => emit({ ev: name, ...detail }),
  };
}

/** Keeps the last N records in memory; tests read them to prove what is (and is not) logged. */
export function memoryLogger(max = 1000): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = jsonLogger((line) => {
    lines.push(line);
    if (lines.length > max) lines.shift();
  });
  return Object.assign(logger, { lines });
}

export const silentLogger: Logger = { call: () => {}, internal: () => {}, event: () => {} };
