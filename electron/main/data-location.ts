import path from 'node:path';
import type { Policy, ServerPolicy } from '../../shared/policy/schema';

/**
 * Where the facility's data lives, by the policy's precedence: a server wins over a data folder,
 * a data folder over the per-user default. No 'electron' import, so the rule is tested directly.
 */
export type DataLocation =
  | { kind: 'server'; server: ServerPolicy; backupFolder: string | null }
  | { kind: 'sqlite'; file: string; backupFolder: string | null };

export const DATABASE_FILE_NAME = 'caredesk.sqlite';

export function dataLocation(policy: Policy, userData: string): DataLocation {
  const backupFolder = policy.backupFolder ?? null;
  if (policy.server) return { kind: 'server', server: policy.server, backupFolder };
  return { kind: 'sqlite', file: path.join(policy.dataFolder ?? userData, DATABASE_FILE_NAME), backupFolder };
}
