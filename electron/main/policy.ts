import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The admin policy for locked-down PCs. No 'electron' import: index.ts passes in what it knows
 * (environment, platform), so the parse and the lookup are plain functions under test.
 */

export interface Policy {
  /** Folder for caredesk.sqlite; absent means Electron's userData folder. */
  dataFolder?: string;
  allowDevTools?: boolean;
}

export class PolicyError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`The CareDesk policy file ${file} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PolicyError';
  }
}

type Platform = NodeJS.Platform;

function schemaFor(platform: Platform) {
  const isAbsolute = platform === 'win32' ? path.win32.isAbsolute : path.posix.isAbsolute;
  // Strict: an admin who misspells "dataFolder" must hear about it, not get the default silently.
  return z.strictObject({
    dataFolder: z
      .string()
      .trim()
      .min(1)
      .refine(isAbsolute, { message: 'must be an absolute path (a relative one would depend on where the app was started)' })
      .optional(),
    allowDevTools: z.boolean().optional(),
  });
}

/** Parses the policy file's text; throws PolicyError naming every problem. */
export function parsePolicy(text: string, file: string, platform: Platform): Policy {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new PolicyError(file, [`not valid JSON (${e instanceof Error ? e.message : String(e)})`]);
  }
  const parsed = schemaFor(platform).safeParse(raw);
  if (!parsed.success) {
    throw new PolicyError(
      file,
      parsed.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)),
    );
  }
  const policy: Policy = {};
  if (parsed.data.dataFolder !== undefined) policy.dataFolder = parsed.data.dataFolder;
  if (parsed.data.allowDevTools !== undefined) policy.allowDevTools = parsed.data.allowDevTools;
  return policy;
}

/** Where the policy lives: CAREDESK_POLICY if set, else the machine-wide path for this OS. */
export function policyLocation(env: NodeJS.ProcessEnv, platform: Platform): { file: string; explicit: boolean } {
  const fromEnv = env.CAREDESK_POLICY?.trim();
  if (fromEnv) return { file: fromEnv, explicit: true };
  if (platform === 'win32') {
    const programData = env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData';
    return { file: path.win32.join(programData, 'CareDesk', 'policy.json'), explicit: false };
  }
  return { file: '/etc/caredesk/policy.json', explicit: false };
}

/**
 * Reads the policy. A missing machine-wide file means "no policy"; a missing file that
 * CAREDESK_POLICY names is an error, since someone asked for it on purpose.
 */
export function readPolicy(env: NodeJS.ProcessEnv = process.env, platform: Platform = process.platform): { policy: Policy; file: string | null } {
  const { file, explicit } = policyLocation(env, platform);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!explicit && (code === 'ENOENT' || code === 'ENOTDIR')) return { policy: {}, file: null };
    throw new PolicyError(file, [`cannot be read (${code ?? 'unknown error'})`]);
  }
  return { policy: parsePolicy(text, file, platform), file };
}
