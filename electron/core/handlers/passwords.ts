import { checkPassword, passwordMinLength } from '../../../shared/domain/password-policy';
import { fieldError, type Err } from '../../../shared/result';

/** Applies the password policy; returns the field error to send back, or null when acceptable. */
export function passwordPolicyError(path: string, password: string, context: readonly string[], minLength: number = passwordMinLength): Err | null {
  const problems = checkPassword(password, context, minLength);
  const first = problems[0];
  if (!first) return null;
  return first === 'too_short' ? fieldError(path, 'password_too_short', { min: minLength }) : fieldError(path, `password_${first}`);
}
