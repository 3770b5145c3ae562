import path from 'node:path';
import { mergePolicies, parsePolicyObject, type Policy, type PolicyKey, type PolicyProblem } from '../../../shared/policy/schema';
import type { PolicyDeps } from './deps';
import { checkFolder } from './folders';
import { findKey, parseRegFile, POLICY_REGISTRY_PATH, registryToRawPolicy, SERVER_SUBKEY } from './registry';
import { posixTrustProblem, windowsTrustProblem } from './trust';

/**
 * The administrator's policy, read before any window exists, from the platform's machine-wide
 * places (first listed wins, key by key):
 *   Windows  HKLM\SOFTWARE\Policies\CareDesk, HKCU\SOFTWARE\Policies\CareDesk, %ProgramData%\CareDesk\policy.json
 *   Linux    /etc/caredesk/policy.json
 *   macOS    /Library/Application Support/CareDesk/policy.json
 * In development (never in the installed app) CAREDESK_POLICY names one file that replaces them.
 * Nothing here throws for a bad policy: every problem is returned, naming its source and key.
 */

export type PolicySource =
  | { kind: 'registry'; hive: 'HKLM' | 'HKCU'; label: string }
  | { kind: 'file'; file: string; label: string; trust: 'windows' | 'posix' | 'none'; explicit: boolean };

export interface LoadedPolicy {
  /** Every key that passed validation and the folder checks. */
  policy: Policy;
  problems: PolicyProblem[];
  /** Where a policy was found, in precedence order. */
  sources: string[];
}

export function policySources(deps: Pick<PolicyDeps, 'platform' | 'env' | 'isPackaged'>): PolicySource[] {
  const explicit = deps.isPackaged ? undefined : deps.env.CAREDESK_POLICY?.trim();
  if (explicit) return [{ kind: 'file', file: explicit, label: explicit, trust: 'none', explicit: true }];
  if (deps.platform === 'win32') {
    const programData = deps.env.ProgramData ?? deps.env.PROGRAMDATA ?? 'C:\\ProgramData';
    const file = path.win32.join(programData, 'CareDesk', 'policy.json');
    return [
      { kind: 'registry', hive: 'HKLM', label: `HKLM\\${POLICY_REGISTRY_PATH}` },
      { kind: 'registry', hive: 'HKCU', label: `HKCU\\${POLICY_REGISTRY_PATH}` },
      { kind: 'file', file, label: file, trust: 'windows', explicit: false },
    ];
  }
  const file = deps.platform === 'darwin' ? '/Library/Application Support/CareDesk/policy.json' : '/etc/caredesk/policy.json';
  return [{ kind: 'file', file, label: file, trust: 'posix', explicit: false }];
}

type Read = { raw: unknown } | { absent: true } | { problem: PolicyProblem };

function systemTool(deps: PolicyDeps, ...parts: string[]): string {
  // A full path: a reg.exe or powershell.exe earlier on the PATH must not answer for Windows.
  return path.win32.join(deps.env.SystemRoot ?? deps.env.windir ?? 'C:\\Windows', 'System32', ...parts);
}

function decodeRegExport(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  return bytes.toString('utf8');
}

function readRegistry(source: Extract<PolicySource, { kind: 'registry' }>, deps: PolicyDeps): Read {
  const reg = systemTool(deps, 'reg.exe');
  const unreadable = (detail: string): Read => ({ problem: { source: source.label, key: '', code: 'unreadable', params: { detail } } });
  // Listing the parent tells apart "reg.exe works and there is no CareDesk key" from "reg.exe
  // is blocked" (which must not be mistaken for "no policy").
  const parent = `${source.hive}\\SOFTWARE\\Policies`;
  const list = deps.exec(reg, ['query', parent]);
  if (list.status !== 0) return unreadable(`reg.exe query ${parent} failed: ${(list.stderr || list.stdout).trim().slice(0, 200)}`);
  const exists = list.stdout.split(/\r?\n/).some((l) => l.trim().toLowerCase().endsWith('\\policies\\caredesk'));
  if (!exists) return { absent: true };
  return deps.withTempFile('policy.reg', (file) => {
    const key = `${source.hive}\\${POLICY_REGISTRY_PATH}`;
    const r = deps.exec(reg, ['export', key, file, '/y']);
    if (r.status !== 0) return unreadable(`reg.exe export ${key} failed: ${(r.stderr || r.stdout).trim().slice(0, 200)}`);
    const keys = parseRegFile(decodeRegExport(deps.readBytes(file)));
    const root = findKey(keys, POLICY_REGISTRY_PATH) ?? new Map();
    const server = findKey(keys, `${POLICY_REGISTRY_PATH}\\${SERVER_SUBKEY}`);
    return { raw: registryToRawPolicy(root, server, deps.env) };
  });
}

/** The chain [file, its folder, …, root] of a real path, for the ownership check. */
function ancestors(file: string): string[] {
  const out = [file];
  let dir = path.dirname(file);
  for (;;) {
    out.push(dir);
    const up = path.dirname(dir);
    if (up === dir) return out;
    dir = up;
  }
}

function trustProblem(source: Extract<PolicySource, { kind: 'file' }>, deps: PolicyDeps): string | null {
  if (source.trust === 'none') return null;
  if (source.trust === 'posix') {
    const own = deps.stat(source.file);
    if (!own.isFile) return `${source.file} is not a regular file (a link could point anywhere)`;
    const real = deps.realpath(source.file);
    const chain = ancestors(real).map((p) => ({ path: p, stat: deps.stat(p) }));
    return posixTrustProblem(chain, { trustedGids: deps.platform === 'darwin' ? [80] : [] });
  }
  // Windows: the owner and access list of the file and its folder, as SDDL (language-neutral SIDs).
  const folder = path.win32.dirname(source.file);
  const r = deps.exec(
    systemTool(deps, 'WindowsPowerShell', 'v1.0', 'powershell.exe'),
    ['-NoProfile', '-NonInteractive', '-Command', "$ErrorActionPreference='Stop'; foreach ($p in ($env:CAREDESK_ACL_PATHS -split '\\|')) { (Get-Acl -LiteralPath $p).Sddl }"],
    { env: { ...deps.env, CAREDESK_ACL_PATHS: `${source.file}|${folder}` } },
  );
  const lines = r.stdout.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (r.status !== 0 || lines.length !== 2) return `who may change ${source.file} could not be checked (PowerShell Get-Acl failed)`;
  return windowsTrustProblem(lines[0]!, 'file', source.file) ?? windowsTrustProblem(lines[1]!, 'folder', folder);
}

function readFile(source: Extract<PolicySource, { kind: 'file' }>, deps: PolicyDeps): Read {
  let text: string;
  try {
    text = deps.readText(source.file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unknown error';
    if (!source.explicit && (code === 'ENOENT' || code === 'ENOTDIR')) return { absent: true };
    return { problem: { source: source.label, key: '', code: 'unreadable', params: { detail: code } } };
  }
  const distrust = trustProblem(source, deps);
  if (distrust) return { problem: { source: source.label, key: '', code: 'untrusted_source', params: { detail: distrust } } };
  try {
    // Notepad writes a byte-order mark; JSON.parse would choke on it.
    return { raw: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (e) {
    return { problem: { source: source.label, key: '', code: 'not_json', params: { detail: e instanceof Error ? e.message.slice(0, 200) : 'parse error' } } };
  }
}

export function loadPolicy(deps: PolicyDeps): LoadedPolicy {
  const parts: Policy[] = [];
  const problems: PolicyProblem[] = [];
  const sources: string[] = [];
  const origin = new Map<PolicyKey, string>();
  const platform = deps.platform === 'win32' ? 'win32' : 'posix';

  for (const source of policySources(deps)) {
    const read = source.kind === 'registry' ? readRegistry(source, deps) : readFile(source, deps);
    if ('absent' in read) continue;
    sources.push(source.label);
    if ('problem' in read) {
      problems.push(read.problem);
      continue;
    }
    const parsed = parsePolicyObject(read.raw, { source: source.label, platform });
    problems.push(...parsed.problems);
    parts.push(parsed.policy);
    for (const k of Object.keys(parsed.policy) as PolicyKey[]) if (!origin.has(k)) origin.set(k, source.label);
  }

  const policy = mergePolicies(parts);
  // With a server, the data folder is not used, so it is not checked either.
  const folders = (['dataFolder', 'backupFolder'] as const).filter((k) => policy[k] !== undefined && !(k === 'dataFolder' && policy.server));
  for (const key of folders) {
    const problem = checkFolder(key, policy[key]!, origin.get(key) ?? '', deps);
    if (problem) {
      problems.push(problem);
      delete policy[key];
    }
  }
  return { policy, problems, sources };
}
