import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sourceMigrationsFolder } from '../../db/paths';
import { createCore, type Core } from '../../electron/core/app';
import { manualClock } from '../../electron/core/clock';
import { memoryLogger } from '../../electron/core/log';
import type { ScryptCost } from '../../electron/core/passwords';
import type { InputOf, MethodName, OutputOf } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { parsePolicyObject } from '../../shared/policy/schema';
import { policyView, type PolicyView } from '../../shared/policy/view';

/** Cheap scrypt for tests: the same code path, a cost parameter a test can afford 200 times. */
export const testScryptCost: ScryptCost = { N: 1024, r: 8, p: 1 };

const madeDirs: string[] = [];
// Test databases hold synthetic residents only, but a CI box should not fill with them either.
// Vitest ends its workers without an 'exit' event, so test/support/cleanup.ts also calls this.
export function removeTempDirs(): void {
  for (const d of madeDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}
process.once('exit', removeTempDirs);

export function tempDir(prefix = 'caredesk-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  madeDirs.push(dir);
  return dir;
}

export const STRONG_PASSWORD = 'lantern orchard bicycle';

export function makeCore(opts: { now?: string; file?: string; policy?: PolicyView } = {}) {
  const dir = tempDir();
  const file = opts.file ?? path.join(dir, 'caredesk.sqlite');
  const clock = manualClock(opts.now ?? '2026-03-02T14:00:00Z');
  const log = memoryLogger();
  const core = createCore({ file, migrationsFolder: sourceMigrationsFolder, clock, log, scryptCost: testScryptCost, checkOutput: true, ...(opts.policy ? { policy: opts.policy } : {}) });
  return { core, clock, log, file, dir };
}

/** A typed caller over one connection, the way the renderer's client sees the dispatcher. */
export function caller(core: Core) {
  const conn = core.dispatcher.connect();
  const call = <M extends MethodName>(method: M, input: InputOf<M>): Result<OutputOf<M>> =>
    conn.invoke(method, structuredClone(input)) as Result<OutputOf<M>>;
  /** For calls a test expects to succeed: throws with the error code otherwise. */
  const must = <M extends MethodName>(method: M, input: InputOf<M>): OutputOf<M> => {
    const r = call(method, input);
    if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  return { conn, call, must, raw: (method: unknown, input: unknown) => conn.invoke(method, input) };
}

export const setupInput = {
  facility: {
    name: 'Maple Grove Care Center',
    timeZone: 'America/Chicago',
    paperSize: 'letter' as const,
    defaultLanguage: 'en' as const,
    units: [{ name: 'Memory Care' }, { name: 'Skilled 2' }],
    shifts: [
      { name: 'Day', start: '07:00', end: '15:00' },
      { name: 'Evening', start: '15:00', end: '23:00' },
      { name: 'Night', start: '23:00', end: '07:00' },
    ],
  },
  admin: { username: 'admin', displayName: 'Ada Admin', password: STRONG_PASSWORD },
};

/** A core with a facility and a signed-in administrator. */
export function adminCore(opts: { now?: string; policy?: PolicyView } = {}) {
  const made = makeCore(opts);
  const c = caller(made.core);
  c.must('setup.createFacility', setupInput);
  c.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
  return { ...made, ...c };
}

/** A policy as main would hand it to the core: raw keys validated, problems kept for the screen. */
export function policyFrom(raw: Record<string, unknown>, source = '/etc/caredesk/policy.json'): PolicyView {
  const { policy, problems } = parsePolicyObject(raw, { source, platform: 'posix' });
  return policyView(policy, problems);
}
