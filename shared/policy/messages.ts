import type { Messages } from '../i18n';
import type { PolicyProblem } from './schema';

/**
 * One wording for a policy problem, wherever it is shown: main's start-up dialog (before any
 * renderer exists) formats it here from the same catalogs the renderer gives to i18next.
 */

/** The i18n key for a problem: the variant with a suggestion or the allowed values when there is one. */
export function policyProblemKey(p: PolicyProblem): string {
  const params = p.params ?? {};
  if (p.code === 'unknown_key' && params.suggestion !== undefined) return 'policy.problem.unknown_key_suggestion';
  if (p.code === 'invalid_value' && params.allowed !== undefined) return 'policy.problem.invalid_value_allowed';
  if (p.code === 'wrong_type' && params.expected !== undefined) return 'policy.problem.wrong_type_expected';
  return `policy.problem.${p.code}`;
}

/** The values a problem's message interpolates: its params plus the key it is about. */
export function policyProblemParams(p: PolicyProblem): Record<string, string | number> {
  return { ...p.params, key: p.key || '—', source: p.source };
}

/** i18next's {{name}} interpolation, for text formatted outside the renderer. */
export function interpolate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (params[name] !== undefined ? String(params[name]) : whole));
}

function lookup(messages: Messages, key: string): string {
  let node: unknown = messages;
  for (const part of key.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? node : key;
}

export function formatPolicyMessage(messages: Messages, key: string, params: Record<string, string | number> = {}): string {
  return interpolate(lookup(messages, key), params);
}

export function formatPolicyProblem(p: PolicyProblem, messages: Messages): string {
  return formatPolicyMessage(messages, policyProblemKey(p), policyProblemParams(p));
}
