/**
 * `npm run bench`: builds a large synthetic facility, runs every area's benchmark and writes
 * bench/results.json ({ "key": number }). Speed is measured here, never in timed tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, seedDemoFacility } from '../../db/demo/generate';
import type { SqliteEngine } from '../../db/engine/sqlite';
import { sourceMigrationsRoot } from '../../db/paths';
import { createCore } from '../../electron/core/app';
import { hashPassword } from '../../electron/core/passwords';
import { testPasswordCost, tempDir } from '../support/core';
import { rendererDist } from '../support/harness';
import { benchIpc } from './ipc';
import { benchTraining } from './training';
import { benchResidents } from './residents';
import { benchAppointments } from './appointments';
import { benchTransport } from './transport';
import { benchTransportDb } from './transport-db';
import { benchPrint } from './print';
import { benchHandoff } from './handoff';
import { benchPg } from './pg';
import { benchPrivacy } from './privacy';
import { benchSafety } from './safety';
import type { BenchContext, BenchResults } from './types';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, '../../bench/results.json');

const file = path.join(tempDir('caredesk-bench-'), 'bench.sqlite');
const core = await createCore({ engine: { kind: 'sqlite', file }, migrationsRoot: sourceMigrationsRoot, passwordCost: testPasswordCost });
const seeded = await seedDemoFacility(core.engine, { seed: 42, now: new Date('2026-11-02T12:00:00Z'), hashPassword: (p) => hashPassword(p, testPasswordCost), roomsPerUnit: 1000, residents: 5000, staff: 500, extraCourses: 15, trainingYears: 10 });

const ctx: BenchContext = {
  core,
  sqlite: (core.engine as SqliteEngine).opened.sqlite,
  userIds: Object.values(seeded.userIds),
  rendererDist,
  async signedIn(username) {
    const conn = core.dispatcher.connect();
    const r = await conn.invoke('auth.signIn', { username, password: DEMO_PASSWORD });
    if (!r.ok) throw new Error(`bench sign-in as ${username} failed: ${r.error.code}`);
    return conn;
  },
};

const suites: [string, (c: BenchContext) => Promise<BenchResults>][] = [
  ['ipc', benchIpc],
  ['training', benchTraining],
  ['residents', benchResidents],
  ['appointments', benchAppointments],
  ['transport', benchTransport],
  ['transport-db', benchTransportDb],
  ['print', benchPrint],
  ['handoff', benchHandoff],
  ['pg', benchPg],
  ['privacy', benchPrivacy],
  ['safety', benchSafety],
];

// `npm run bench -- --only pg,residents` runs some suites and updates their keys in the results file.
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg >= 0 ? new Set((process.argv[onlyArg + 1] ?? '').split(',')) : null;
const results: BenchResults = only && fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, 'utf8')) as BenchResults) : {};
for (const [name, suite] of suites) {
  if (only && !only.has(name)) continue;
  const t0 = performance.now();
  Object.assign(results, await suite(ctx));
  process.stdout.write(`${name}: done in ${Math.round(performance.now() - t0)} ms\n`);
}
await core.close();
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(results, null, 2)}\nwritten to ${path.relative(process.cwd(), out)}\n`);
