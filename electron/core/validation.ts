import type { z } from 'zod';
import type { FieldIssue } from '../../shared/result';

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/**
 * Turns zod's issues into stable field codes the renderer translates. The codes are ours,
 * not zod's wording, so a library upgrade cannot change what a nurse reads.
 */
export function toFieldIssues(error: z.ZodError, input: unknown): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String).join('.');
    switch (issue.code) {
      case 'invalid_type': {
        const missing = valueAt(input, issue.path) === undefined;
        out.push({ path: base, code: missing ? 'required' : 'invalid_type' });
        break;
      }
      case 'too_big':
        out.push({
          path: base,
          code: issue.origin === 'string' ? 'too_long' : issue.origin === 'array' ? 'too_many' : 'too_large',
          params: { max: Number(issue.maximum) },
        });
        break;
      case 'too_small': {
        const min = Number(issue.minimum);
        if (issue.origin === 'string' && min === 1) out.push({ path: base, code: 'required' });
        else
          out.push({
            path: base,
            code: issue.origin === 'string' ? 'too_short' : issue.origin === 'array' ? 'too_few' : 'too_small',
            params: { min },
          });
        break;
      }
      case 'unrecognized_keys':
        for (const key of issue.keys) out.push({ path: base ? `${base}.${key}` : key, code: 'unknown_field' });
        break;
      case 'invalid_value':
        // A missing enum field is "required", not "choose one of the listed values".
        out.push({ path: base, code: valueAt(input, issue.path) === undefined ? 'required' : 'invalid_choice' });
        break;
      case 'invalid_format':
        out.push({
          path: base,
          code: /^[a-z_]+$/.test(issue.message) ? issue.message : issue.format === 'datetime' ? 'invalid_instant' : 'invalid_format',
        });
        break;
      case 'custom': {
        // Refinements may carry the values their message needs (a range's min and max) beside the code.
        const { code, ...rest } = (issue.params ?? {}) as Record<string, unknown>;
        const params = Object.fromEntries(Object.entries(rest).filter(([, v]) => typeof v === 'string' || typeof v === 'number')) as Record<string, string | number>;
        out.push({ path: base, code: typeof code === 'string' ? code : issue.message, ...(Object.keys(params).length > 0 ? { params } : {}) });
        break;
      }
      default:
        // Refinements created with { error: 'code' } arrive with that code as their message.
        out.push({ path: base, code: /^[a-z_]+$/.test(issue.message) ? issue.message : 'invalid' });
    }
  }
  return out;
}
