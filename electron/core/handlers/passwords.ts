import { checkPassword } from '../../../shared/domain/password-policy';
import { fieldError, type Err } from '../../../shared/result';

/** Applies the password policy; returns the field error to send back, or null when acceptable. */
export function passwordPolicyError(path: string, password: string, context: readonly string[]): Err | null {
  const problems = checkPassword(password, context);
  const first = problems[0];
  return first ? fieldError(path, `password_${first}`) : null;
}
