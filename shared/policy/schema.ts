import { z } from 'zod';
import { LanguageSchema, PaperSizeSchema, TimeZone, type Language } from '../contract/common';
import { passwordMaxLength, passwordMinLength } from '../domain/password-policy';

/**
 * The administrator's policy: what IT fixes centrally for every station. Pure, so the renderer
 * can use the managed-settings part and the tests need no file system. The platform readers
 * (registry, policy.json) live in electron/main/policy and hand their raw values to
 * `parsePolicyObject`, which validates each key on its own: one bad key is reported and falls
 * back to its default, the others still apply.
 */

export const POLICY_KEYS = [
  'dataFolder',
  'backupFolder',
  'server',
  'timeZone',
  'language',
  'paperSize',
  'idleLockMinutes',
  'minPasswordLength',
  'defaultPrinter',
  'allowSilentPrinting',
  'allowDevTools',
  'keyProtection',
] as const;
export type PolicyKey = (typeof POLICY_KEYS)[number];

/**
 * Keys that decide where data is read and written. When one of them is wrong (or a policy
 * source cannot be read at all, so we cannot know what it says about them), there is no safe
 * default: opening the profile's own database instead would split a facility's records in two.
 * Main stops with a message instead of guessing.
 */
export const LOCATION_KEYS: readonly PolicyKey[] = ['dataFolder', 'backupFolder', 'server', 'keyProtection'];

/**
 * How the database key is protected (issue 16): 'account' — the operating system's store for the
 * Windows account (safeStorage); 'machine' — DPAPI for every account on this PC, for a data folder
 * shared by several Windows accounts (Windows only). Among the location keys: guessing wrong would
 * leave the other accounts unable to open the facility's database.
 */
export const KEY_PROTECTIONS = { win32: ['account', 'machine'], posix: ['account'] } as const;
export type KeyProtection = (typeof KEY_PROTECTIONS)['win32'][number];

export type ServerPassword = { source: 'credential_store' } | { source: 'file'; path: string };

/** The PostgreSQL server option. Main hands this to the data layer as it is. */
export interface ServerPolicy {
  host: string;
  port: number;
  database: string;
  user: string;
  tls: 'disable' | 'require' | 'verify-full';
  /** Absolute path to a PEM CA bundle. */
  caFile?: string;
  password: ServerPassword;
}

export interface Policy {
  /** Folder holding caredesk.sqlite (SQLite mode). A server, when set, wins over it. */
  dataFolder?: string;
  /** Folder for the copies written before migrations. */
  backupFolder?: string;
  server?: ServerPolicy;
  timeZone?: string;
  language?: Language;
  paperSize?: 'letter' | 'a4';
  idleLockMinutes?: number;
  minPasswordLength?: number;
  defaultPrinter?: string;
  allowSilentPrinting?: boolean;
  allowDevTools?: boolean;
  keyProtection?: KeyProtection;
}

export type PlatformKind = 'win32' | 'posix';

/** Stable reasons, each with a message in shared/i18n (policy.problem.<code>). */
export const POLICY_PROBLEM_CODES = [
  'unknown_key',
  'wrong_type',
  'empty',
  'too_long',
  'not_absolute',
  'out_of_range',
  'not_a_whole_number',
  'invalid_value',
  'invalid_time_zone',
  'invalid_host',
  'tls_disable_not_loopback',
  'required',
  // About a folder the policy names (checked by main on the real disk).
  'not_found',
  'not_a_folder',
  'not_writable',
  'network_share',
  'mounts_unreadable',
  // About a whole source.
  'unreadable',
  'not_json',
  'not_an_object',
  'untrusted_source',
] as const;
export type PolicyProblemCode = (typeof POLICY_PROBLEM_CODES)[number];

export interface PolicyProblem {
  /** Where: a file path or a registry key. */
  source: string;
  /** The dotted key ('idleLockMinutes', 'server.port'); '' when the whole source is at fault. */
  key: string;
  code: PolicyProblemCode;
  params?: Record<string, string | number>;
}

// ------------------------------------------------------------------------------- small checks

export function isAbsolutePathFor(platform: PlatformKind, p: string): boolean {
  if (platform === 'posix') return p.startsWith('/');
  // C:\… or C:/…, or a UNC path \\server\share (refused later if it is a share, but absolute).
  return /^[A-Za-z]:[\\/]/.test(p) || /^[\\/]{2}[^\\/]+[\\/][^\\/]+/.test(p);
}

function ipv4Octets(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const octets = m.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

/** 127.0.0.0/8, ::1 (in any spelling, bracketed or not, or IPv4-mapped) and localhost. */
export function isLoopbackHost(raw: string): boolean {
  let host = raw.trim().toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host === 'localhost' || host === 'localhost.') return true;
  const v4 = ipv4Octets(host);
  if (v4) return v4[0] === 127;
  const mapped = /^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(host);
  if (mapped) return ipv4Octets(mapped[1]!)?.[0] === 127;
  if (!host.includes(':')) return false;
  // Expand '::' and compare with 0:0:0:0:0:0:0:1.
  const [head = '', tail = ''] = host.split('::');
  if (host.split('::').length > 2) return false;
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = host.includes('::') ? 8 - h.length - t.length : 0;
  if (fill < 0) return false;
  const groups = [...h, ...Array<string>(fill).fill('0'), ...t];
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return false;
  return groups.slice(0, 7).every((g) => parseInt(g, 16) === 0) && parseInt(groups[7]!, 16) === 1;
}

/** A DNS name, an IPv4 address, or an IPv6 address (optionally in brackets). */
export function isValidHost(raw: string): boolean {
  const host = raw.startsWith('[') && raw.endsWith(']') ? raw.slice(1, -1) : raw;
  if (host.length === 0 || host.length > 253) return false;
  if (host.includes(':')) return /^[0-9A-Fa-f:.]+$/.test(host) && (host.match(/::/g) ?? []).length <= 1;
  if (/^[\d.]+$/.test(host)) return ipv4Octets(host) !== null;
  return host.split('.').every((label, i, all) => (label === '' ? i === all.length - 1 && i > 0 : /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label)));
}

// ------------------------------------------------------------------------------ the schemas

const PATH_MAX = 1024;

const text = (max: number) =>
  z
    .string({ error: 'wrong_type' })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, { error: 'empty', abort: true }).max(max, { error: 'too_long', abort: true }));

const absolutePath = (platform: PlatformKind) => text(PATH_MAX).refine((p) => isAbsolutePathFor(platform, p), { error: 'not_absolute' });

const wholeNumber = (min: number, max: number) =>
  z
    .number({ error: 'wrong_type' })
    .int({ error: 'not_a_whole_number' })
    .min(min, { error: 'out_of_range' })
    .max(max, { error: 'out_of_range' });

const choice = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: 'invalid_value' });

function serverSchema(platform: PlatformKind) {
  return z
    .strictObject(
      {
        host: text(253).refine(isValidHost, { error: 'invalid_host' }),
        port: wholeNumber(1, 65535).default(5432),
        database: text(63),
        user: text(63),
        tls: choice(['disable', 'require', 'verify-full']),
        caFile: absolutePath(platform).optional(),
        password: z.discriminatedUnion(
          'source',
          [z.strictObject({ source: z.literal('credential_store') }), z.strictObject({ source: z.literal('file'), path: absolutePath(platform) })],
          { error: 'invalid_value' },
        ),
      },
      { error: 'wrong_type' },
    )
    .superRefine((s, ctx) => {
      // Unencrypted only where the packets never leave the machine.
      if (s.tls === 'disable' && !isLoopbackHost(s.host)) ctx.addIssue({ code: 'custom', path: ['tls'], message: 'tls_disable_not_loopback' });
    });
}

/** Allowed ranges, exported for the messages and the ADMX template. */
export const POLICY_RANGES = {
  idleLockMinutes: { min: 1, max: 120 },
  minPasswordLength: { min: passwordMinLength, max: passwordMaxLength },
  port: { min: 1, max: 65535 },
} as const;

export function policyKeySchemas(platform: PlatformKind) {
  return {
    dataFolder: absolutePath(platform),
    backupFolder: absolutePath(platform),
    server: serverSchema(platform),
    timeZone: z.string({ error: 'wrong_type' }).pipe(TimeZone),
    language: LanguageSchema,
    paperSize: PaperSizeSchema,
    idleLockMinutes: wholeNumber(POLICY_RANGES.idleLockMinutes.min, POLICY_RANGES.idleLockMinutes.max),
    // Only ever raises the floor: 15 is where NIST puts a password that is the only factor.
    minPasswordLength: wholeNumber(POLICY_RANGES.minPasswordLength.min, POLICY_RANGES.minPasswordLength.max),
    defaultPrinter: text(256),
    allowSilentPrinting: z.boolean({ error: 'wrong_type' }),
    allowDevTools: z.boolean({ error: 'wrong_type' }),
    keyProtection: choice(KEY_PROTECTIONS[platform]),
  } satisfies Record<PolicyKey, z.ZodType>;
}

/** What kind of value each key takes: the registry reader turns a DWORD into a boolean with it. */
export const POLICY_VALUE_KINDS: Record<PolicyKey, 'string' | 'number' | 'boolean' | 'server'> = {
  dataFolder: 'string',
  backupFolder: 'string',
  server: 'server',
  timeZone: 'string',
  language: 'string',
  paperSize: 'string',
  idleLockMinutes: 'number',
  minPasswordLength: 'number',
  defaultPrinter: 'string',
  allowSilentPrinting: 'boolean',
  allowDevTools: 'boolean',
  keyProtection: 'string',
};

const KNOWN = new Set<string>(POLICY_KEYS);
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** 'datafolder' → 'dataFolder': a typo an administrator makes is named with its fix. */
export function suggestKey(key: string, known: readonly string[] = POLICY_KEYS): string | null {
  const folded = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return known.find((k) => k.toLowerCase() === folded) ?? null;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const k of path) v = isPlainObject(v) ? v[String(k)] : undefined;
  return v;
}

function problemsFrom(source: string, key: PolicyKey, value: unknown, error: z.ZodError): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  for (const issue of error.issues) {
    const path = [key, ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys') {
      const known = key === 'server' ? ['host', 'port', 'database', 'user', 'tls', 'caFile', 'password'] : [];
      for (const k of issue.keys) {
        const suggestion = suggestKey(k, known);
        out.push({ source, key: [...path, k].join('.'), code: 'unknown_key', ...(suggestion ? { params: { suggestion } } : {}) });
      }
      continue;
    }
    let code: PolicyProblemCode = (POLICY_PROBLEM_CODES as readonly string[]).includes(issue.message) ? (issue.message as PolicyProblemCode) : 'invalid_value';
    const params: Record<string, string | number> = {};
    if (issue.code === 'invalid_type') {
      // A missing member of the server object arrives as a type error; so does 2.5 for an integer.
      if (valueAt(value, issue.path) === undefined) code = 'required';
      else if (issue.expected === 'int') code = 'not_a_whole_number';
      else {
        code = 'wrong_type';
        params.expected = issue.expected;
      }
    }
    if (issue.code === 'invalid_value' && 'values' in issue) params.allowed = issue.values.map(String).join(', ');
    if (code === 'out_of_range') {
      const range = key === 'server' ? POLICY_RANGES.port : POLICY_RANGES[key as 'idleLockMinutes' | 'minPasswordLength'];
      if (range) Object.assign(params, range);
    }
    if (code === 'too_long') params.max = key === 'defaultPrinter' ? 256 : PATH_MAX;
    if (key === 'timeZone' && issue.message === 'invalid_time_zone') code = 'invalid_time_zone';
    out.push({ source, key: path.join('.'), code, ...(Object.keys(params).length ? { params } : {}) });
  }
  return out;
}

/**
 * Validates one source's raw values key by key. Unknown keys are named (with the likely
 * intended key), never ignored silently; a key with a bad value is left out of the result.
 */
export function parsePolicyObject(raw: unknown, o: { source: string; platform: PlatformKind }): { policy: Policy; problems: PolicyProblem[] } {
  if (!isPlainObject(raw)) return { policy: {}, problems: [{ source: o.source, key: '', code: 'not_an_object' }] };
  const schemas = policyKeySchemas(o.platform);
  const policy: Record<string, unknown> = {};
  const problems: PolicyProblem[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (!KNOWN.has(key)) {
      const suggestion = suggestKey(key);
      problems.push({ source: o.source, key, code: 'unknown_key', ...(suggestion ? { params: { suggestion } } : {}) });
      continue;
    }
    const k = key as PolicyKey;
    const parsed = schemas[k].safeParse(value);
    if (parsed.success) policy[k] = parsed.data;
    else problems.push(...problemsFrom(o.source, k, value, parsed.error));
  }
  return { policy: policy as Policy, problems };
}

/**
 * Several sources (Windows: HKLM, then HKCU, then policy.json): for each key the first source
 * that sets it wins, the way Group Policy ranks machine over user.
 */
export function mergePolicies(sources: readonly Policy[]): Policy {
  const out: Record<string, unknown> = {};
  for (const p of sources) for (const [k, v] of Object.entries(p)) if (!(k in out) && v !== undefined) out[k] = v;
  return out as Policy;
}

/** True when a problem leaves the data location unknown, so main must not open any database. */
export function isLocationProblem(p: PolicyProblem): boolean {
  return p.key === '' || LOCATION_KEYS.includes(p.key.split('.')[0] as PolicyKey);
}
