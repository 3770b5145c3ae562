/**
 * `npm run harness -- [--demo] [--db FILE | --postgres] [--port N] [--policy FILE] [--verbose]`: the
 * real back end behind the built renderer in any browser on this machine, for trying CareDesk where
 * Electron cannot run. Quiet by default: the per-call log goes to the terminal with --verbose.
 * --postgres runs the same app on a private PostgreSQL server started for this run (and stopped after).
 * --policy reads an administrator policy file (JSON, as /etc/caredesk/policy.json) to try it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sourceMigrationsRoot } from '../../db/paths';
import { seedDemoFacility } from '../../db/demo/generate';
import { createCore } from '../../electron/core/app';
import { jsonLogger, silentLogger } from '../../electron/core/log';
import { parsePolicyObject } from '../../shared/policy/schema';
import { policyView, type PolicyView } from '../../shared/policy/view';
import { defaultPasswordCost, hashPassword } from '../../electron/core/passwords';
import { startHarness } from './harness';
import { tempDir } from './core';
import { admin, startCluster } from './pg-cluster';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const demo = process.argv.includes('--demo');
const verbose = process.argv.includes('--verbose');
const postgres = process.argv.includes('--postgres');

/** The policy file named by --policy, validated as main validates the machine's. */
function readPolicyArg(): PolicyView | undefined {
  const file = arg('--policy');
  if (!file) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    process.stderr.write(`--policy ${file}: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
  const { policy, problems } = parsePolicyObject(raw, { source: file, platform: process.platform === 'win32' ? 'win32' : 'posix' });
  return policyView(policy, problems);
}
const policy = readPolicyArg();
const file = arg('--db') ?? path.join(tempDir('caredesk-harness-'), 'caredesk.sqlite');
const cluster = postgres ? await startCluster() : null;
if (cluster) await admin(cluster, 'CREATE DATABASE caredesk');
const fresh = cluster !== null || !fs.existsSync(file);
const core = await createCore({
  engine: cluster ? { kind: 'pg', connection: cluster.connection('caredesk') } : { kind: 'sqlite', file },
  migrationsRoot: sourceMigrationsRoot,
  log: verbose ? jsonLogger((line) => process.stderr.write(line)) : silentLogger,
  checkOutput: true,
  ...(policy ? { policy } : {}),
});
if (demo && fresh) {
  await seedDemoFacility(core.engine, { seed: 1, now: new Date(), hashPassword: (p) => hashPassword(p, defaultPasswordCost) });
}
const harness = await startHarness(core, { port: Number(arg('--port') ?? 0) });
process.stdout.write(`CareDesk harness (database: ${cluster ? `PostgreSQL on 127.0.0.1:${cluster.port}` : file})\nOpen ${harness.url}\n`);
if (demo) process.stdout.write('Demo accounts: admin, don, charge, nurse, coordinator, aide, driver — password "sunrise harbor window"\n');
process.stdout.write('Ctrl+C to stop.\n');
const stop = () =>
  void harness
    .close()
    .then(() => core.close())
    .finally(() => {
      cluster?.stop();
      process.exit(0);
    });
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
