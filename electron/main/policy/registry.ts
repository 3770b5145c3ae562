import { POLICY_KEYS, POLICY_VALUE_KINDS, type PolicyKey } from '../../../shared/policy/schema';

/**
 * Windows policy keys, read through `reg.exe export`, which writes a UTF-16 .reg file: unlike
 * `reg query`'s console output it keeps every character of a path (no code page in the way).
 * Parsing is pure, so it is tested here on Linux with .reg text as Windows writes it.
 */

export const POLICY_REGISTRY_PATH = 'SOFTWARE\\Policies\\CareDesk';
export const SERVER_SUBKEY = 'Server';

export type RegValue =
  | { type: 'sz'; value: string }
  | { type: 'expand_sz'; value: string }
  | { type: 'multi_sz'; value: string[] }
  | { type: 'dword'; value: number }
  | { type: 'qword'; value: number }
  | { type: 'binary'; value: number[] };

/** Key path (as written in the file, e.g. HKEY_LOCAL_MACHINE\SOFTWARE\Policies\CareDesk) → values. */
export type RegKeys = Map<string, Map<string, RegValue>>;

function utf16(bytes: number[]): string {
  let s = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode(bytes[i]! | (bytes[i + 1]! << 8));
  return s;
}

function hexBytes(text: string): number[] {
  return text
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean)
    .map((b) => parseInt(b, 16));
}

function unquote(s: string): { text: string; rest: string } | null {
  if (!s.startsWith('"')) return null;
  let out = '';
  for (let i = 1; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) out += s[++i];
    else if (c === '"') return { text: out, rest: s.slice(i + 1) };
    else out += c;
  }
  return null;
}

function parseData(data: string): RegValue | null {
  if (data.startsWith('"')) {
    const q = unquote(data);
    return q ? { type: 'sz', value: q.text } : null;
  }
  const dword = /^dword:([0-9a-fA-F]{8})$/.exec(data);
  if (dword) return { type: 'dword', value: parseInt(dword[1]!, 16) };
  const hex = /^hex(?:\(([0-9a-fA-F]+)\))?:(.*)$/.exec(data);
  if (!hex) return null;
  const kind = hex[1]?.toLowerCase();
  const bytes = hexBytes(hex[2]!);
  if (kind === '2') return { type: 'expand_sz', value: utf16(bytes).replace(/\0+$/, '') };
  if (kind === '7') return { type: 'multi_sz', value: utf16(bytes).split('\0').filter(Boolean) };
  if (kind === 'b' && bytes.length === 8) {
    const lo = bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24);
    const hi = bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16) | (bytes[7]! << 24);
    return { type: 'qword', value: (hi >>> 0) * 2 ** 32 + (lo >>> 0) };
  }
  if (kind === '4' && bytes.length === 4) return { type: 'dword', value: (bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0 };
  return { type: 'binary', value: bytes };
}

/** Parses a .reg file ("Windows Registry Editor Version 5.00"), BOM and CRLF included. */
export function parseRegFile(text: string): RegKeys {
  const keys: RegKeys = new Map();
  let current: Map<string, RegValue> | null = null;
  // Long hex values wrap with a trailing backslash; join them first.
  const lines = text.replace(/^\uFEFF/, '').replace(/\\\r?\n\s*/g, '').split(/\r?\n/);
  for (const line of lines) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith(';')) continue;
    const key = /^\[(-?)(.+)\]$/.exec(trimmed);
    if (key) {
      current = key[1] ? null : new Map();
      if (current) keys.set(key[2]!, current);
      continue;
    }
    if (!current) continue;
    let name: string;
    let rest: string;
    if (trimmed.startsWith('@=')) {
      name = '';
      rest = trimmed.slice(1);
    } else {
      const q = unquote(trimmed);
      if (!q) continue;
      name = q.text;
      rest = q.rest;
    }
    if (!rest.startsWith('=')) continue;
    const value = parseData(rest.slice(1));
    if (value) current.set(name, value);
  }
  return keys;
}

function expand(s: string, env: Record<string, string | undefined>): string {
  const lower = new Map(Object.entries(env).map(([k, v]) => [k.toLowerCase(), v]));
  return s.replace(/%([^%]+)%/g, (whole, name: string) => lower.get(name.toLowerCase()) ?? whole);
}

/**
 * A registry value as the policy schema expects it: DWORDs become numbers, or booleans for
 * the on/off keys (0 and 1 only; anything else stays a number so the schema names it);
 * REG_EXPAND_SZ expands %ProgramData% and the like. A string where a number is expected is
 * passed on as it is, and the schema reports it as the wrong type.
 */
function toRaw(kind: 'string' | 'number' | 'boolean' | 'server' | undefined, v: RegValue, env: Record<string, string | undefined>): unknown {
  switch (v.type) {
    case 'sz':
      return v.value;
    case 'expand_sz':
      return expand(v.value, env);
    case 'dword':
    case 'qword':
      if (kind === 'boolean' && (v.value === 0 || v.value === 1)) return v.value === 1;
      return v.value;
    case 'multi_sz':
      return v.value;
    case 'binary':
      return { binary: v.value.length };
  }
}

const canonical = (known: readonly string[], name: string) => known.find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;

const SERVER_FIELDS = ['host', 'port', 'database', 'user', 'tls', 'caFile'] as const;
const SERVER_KINDS: Record<string, 'string' | 'number'> = { port: 'number' };

/**
 * The values of HK??\SOFTWARE\Policies\CareDesk (and its Server subkey) as a raw policy object.
 * Registry names are case-insensitive, so `DataFolder` is `dataFolder`; an unknown name is
 * kept as written so the schema names it. The server's password is two flat values in the
 * registry (PasswordSource, PasswordFile) and one object in the policy.
 */
export function registryToRawPolicy(values: Map<string, RegValue>, server: Map<string, RegValue> | null, env: Record<string, string | undefined>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [name, value] of values) {
    if (name === '') continue; // the key's unnamed default value carries nothing of ours
    const key = canonical(POLICY_KEYS, name);
    raw[key] = toRaw(POLICY_VALUE_KINDS[key as PolicyKey], value, env);
  }
  if (server) {
    const s: Record<string, unknown> = {};
    let passwordSource: unknown;
    let passwordFile: unknown;
    for (const [name, value] of server) {
      if (name === '') continue;
      const lower = name.toLowerCase();
      const v = toRaw('string', value, env);
      if (lower === 'passwordsource') passwordSource = v;
      else if (lower === 'passwordfile') passwordFile = v;
      else {
        const field = canonical(SERVER_FIELDS, name);
        // Group Policy writes an empty string for an optional text box left blank: not set.
        if (field === 'caFile' && v === '') continue;
        s[field] = toRaw(SERVER_KINDS[field] ?? 'string', value, env);
      }
    }
    // The template keeps both values; the file path counts only when the source is a file.
    if (passwordSource !== undefined) s.password = passwordSource === 'file' ? { source: passwordSource, path: passwordFile ?? '' } : { source: passwordSource };
    raw.server = s;
  }
  return raw;
}

/** Finds a key in an export regardless of how the hive was spelled (HKLM vs HKEY_LOCAL_MACHINE) or cased. */
export function findKey(keys: RegKeys, suffix: string): Map<string, RegValue> | null {
  const want = suffix.toLowerCase();
  for (const [path, values] of keys) if (path.toLowerCase().endsWith(`\\${want}`)) return values;
  return null;
}
