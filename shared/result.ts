/**
 * Errors travel as values with a stable code, never as thrown Errors: Electron flattens
 * thrown errors across IPC, and a code lets the renderer pick the message and the field.
 */
export const errorCodes = [
  'validation',
  'not_found',
  'conflict',
  'forbidden',
  'unauthenticated',
  'throttled',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** A field-level problem: `path` is the dotted input path, `code` a stable reason for i18n. */
export interface FieldIssue {
  path: string;
  code: string;
  /** Extra values the message needs, e.g. { max: 120 }. Plain JSON only. */
  params?: Record<string, string | number>;
}

export interface AppError {
  code: ErrorCode;
  /** A stable i18n key (e.g. 'auth.badCredentials'); the renderer translates it. */
  message: string;
  fields?: FieldIssue[];
  params?: Record<string, string | number>;
}

export type Ok<T> = { ok: true; value: T };
export type Err = { ok: false; error: AppError };
export type Result<T> = Ok<T> | Err;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });

export function err(
  code: ErrorCode,
  message: string,
  extra: { fields?: FieldIssue[]; params?: Record<string, string | number> } = {},
): Err {
  return { ok: false, error: { code, message, ...extra } };
}

/** Shorthand for the most common failure: one field is wrong. */
export function fieldError(path: string, code: string, params?: Record<string, string | number>): Err {
  return err('validation', 'error.validation', { fields: [{ path, code, ...(params ? { params } : {}) }] });
}
