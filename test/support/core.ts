import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { EngineConfig } from '../../db/engine';
import type { PgConnection } from '../../db/engine/pg';
import { sourceMigrationsRoot } from '../../db/paths';
import { createCore, type Core } from '../../electron/core/app';
import { manualClock } from '../../electron/core/clock';
import { memoryLogger } from '../../electron/core/log';
import type { PasswordCost } from '../../electron/core/passwords';
import type { InputOf, MethodName, OutputOf } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { parsePolicyObject } from '../../shared/policy/schema';
import { policyView, type PolicyView } from '../../shared/policy/view';

/** Cheap Argon2id for tests: the same code path, a cost a test can afford 200 times (about 0.1 ms). */
export const testPasswordCost: PasswordCost = { memoryKiB: 64, passes: 1, parallelism: 1 };
/** The name branches written before Argon2id use. */
export const testScryptCost = testPasswordCost;

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

/** Which engine this test run exercises: the `pg` vitest project sets CAREDESK_DB=pg for the same files. */
export const engineKind: 'sqlite' | 'pg' = process.env.CAREDESK_DB === 'pg' ? 'pg' : 'sqlite';

/** An empty, migrated database of its own on the run's private PostgreSQL cluster (see pg-global-setup.ts). */
export async function freshPgDatabase(): Promise<PgConnection> {
  const c = inject('pgCluster');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const { admin } = await import('./pg-cluster');
  const { TEMPLATE } = await import('./pg-global-setup');
  const connection = (database: string): PgConnection => ({ host: c.host, port: c.port, database, user: c.user, password: '', tls: 'disable' });
  await admin({ connection }, `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
  return connection(name);
}

/** The engine a test core runs on: a SQLite file in a temp folder, or a fresh database on the test cluster. */
export async function testEngineConfig(file: string): Promise<EngineConfig> {
  return engineKind === 'pg' ? { kind: 'pg', connection: await freshPgDatabase() } : { kind: 'sqlite', file };
}

// Cores are closed for the test: those made inside a test (or its beforeEach) after it, the rest
// after the file (test/support/cleanup.ts). A server connection left open would outlive the file.
const openCores: { core: Core; inTest: boolean }[] = [];
let inTest = false;
export function markTestScope(on: boolean): void {
  inTest = on;
}
export async function closeCores(onlyTestScoped: boolean): Promise<void> {
  const closing = openCores.filter((c) => !onlyTestScoped || c.inTest);
  for (const c of closing) openCores.splice(openCores.indexOf(c), 1);
  await Promise.all(closing.map((c) => c.core.close().catch(() => undefined)));
}
export function trackCore(core: Core): Core {
  openCores.push({ core, inTest });
  return core;
}

export async function makeCore(opts: { now?: string; file?: string; engine?: EngineConfig; policy?: PolicyView } = {}) {
  const dir = tempDir();
  const file = opts.file ?? path.join(dir, 'caredesk.sqlite');
  const clock = manualClock(opts.now ?? '2026-03-02T14:00:00Z');
  const log = memoryLogger();
  const engine = opts.engine ?? (opts.file ? { kind: 'sqlite' as const, file } : await testEngineConfig(file));
  const core = trackCore(await createCore({ engine, migrationsRoot: sourceMigrationsRoot, clock, log, passwordCost: testPasswordCost, checkOutput: true, ...(opts.policy ? { policy: opts.policy } : {}) }));
  return { core, clock, log, file, dir };
}

/** A typed caller over one connection, the way the renderer's client sees the dispatcher. */
export function caller(core: Core) {
  const conn = core.dispatcher.connect();
  const call = <M extends MethodName>(method: M, input: InputOf<M>): Promise<Result<OutputOf<M>>> =>
    conn.invoke(method, structuredClone(input)).then((r) => r as Result<OutputOf<M>>);
  /** For calls a test expects to succeed: throws with the error code otherwise. */
  const must = async <M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> => {
    const r = await call(method, input);
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
export async function adminCore(opts: { now?: string; policy?: PolicyView } = {}) {
  const made = await makeCore(opts);
  const c = caller(made.core);
  await c.must('setup.createFacility', setupInput);
  await c.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
  return { ...made, ...c };
}

/** A policy as main would hand it to the core: raw keys validated, problems kept for the screen. */
export function policyFrom(raw: Record<string, unknown>, source = '/etc/caredesk/policy.json'): PolicyView {
  const { policy, problems } = parsePolicyObject(raw, { source, platform: 'posix' });
  return policyView(policy, problems);
}
