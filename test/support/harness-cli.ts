/**
 * `npm run harness -- [--demo] [--db FILE] [--port N] [--policy FILE] [--verbose]`: the real back
 * end behind the built renderer in any browser on this machine, for trying CareDesk where
 * Electron cannot run. Quiet by default: the per-call log goes to the terminal with --verbose.
 * --policy reads an administrator policy file (JSON, as /etc/caredesk/policy.json) to try it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sourceMigrationsFolder } from '../../db/paths';
import { seedDemoFacility } from '../../db/demo/generate';
import { createCore } from '../../electron/core/app';
import { jsonLogger, silentLogger } from '../../electron/core/log';
import { parsePolicyObject } from '../../shared/policy/schema';
import { policyView, type PolicyView } from '../../shared/policy/view';
import { defaultScryptCost, hashPassword } from '../../electron/core/passwords';
import { startHarness } from './harness';
import { tempDir } from './core';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const demo = process.argv.includes('--demo');
const verbose = process.argv.includes('--verbose');

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
const fresh = !fs.existsSync(file);
const core = createCore({
  file,
  migrationsFolder: sourceMigrationsFolder,
  log: verbose ? jsonLogger((line) => process.stderr.write(line)) : silentLogger,
  checkOutput: true,
  ...(policy ? { policy } : {}),
});
if (demo && fresh) {
  seedDemoFacility(core.opened.db, { seed: 1, now: new Date(), hashPassword: (p) => hashPassword(p, defaultScryptCost) });
}
const harness = await startHarness(core, { port: Number(arg('--port') ?? 0) });
process.stdout.write(`CareDesk harness (database: ${file})\nOpen ${harness.url}\n`);
if (demo) process.stdout.write('Demo accounts: admin, don, charge, nurse, coordinator, aide, driver — password "sunrise harbor window"\n');
process.stdout.write('Ctrl+C to stop.\n');
const stop = () => void harness.close().then(() => (core.close(), process.exit(0)));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
