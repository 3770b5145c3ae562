/**
 * `npm run harness -- [--demo] [--db FILE] [--port N]`: the real back end behind the built
 * renderer in any browser on this machine, for trying CareDesk where Electron cannot run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sourceMigrationsRoot } from '../../db/paths';
import { seedDemoFacility } from '../../db/demo/generate';
import { createCore } from '../../electron/core/app';
import { jsonLogger } from '../../electron/core/log';
import { defaultScryptCost, hashPassword } from '../../electron/core/passwords';
import { startHarness } from './harness';
import { tempDir } from './core';
import { admin, startCluster } from './pg-cluster';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const demo = process.argv.includes('--demo');
const postgres = process.argv.includes('--postgres');
const file = arg('--db') ?? path.join(tempDir('caredesk-harness-'), 'caredesk.sqlite');
// --postgres: the same app on a private PostgreSQL server started for this run (and stopped after).
const cluster = postgres ? await startCluster() : null;
if (cluster) await admin(cluster, 'CREATE DATABASE caredesk');
const fresh = cluster !== null || !fs.existsSync(file);
const core = await createCore({
  engine: cluster ? { kind: 'pg', connection: cluster.connection('caredesk') } : { kind: 'sqlite', file },
  migrationsRoot: sourceMigrationsRoot,
  log: jsonLogger((line) => process.stderr.write(line)),
  checkOutput: true,
});
if (demo && fresh) {
  await seedDemoFacility(core.engine, { seed: 1, now: new Date(), hashPassword: (p) => hashPassword(p, defaultScryptCost) });
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
