/**
 * `npm run db:move-to-server -- --from <caredesk.sqlite> [--policy <policy.json>]`
 *
 * The administrator's command for moving a facility onto the server option: copies every table of a
 * station's SQLite file into the EMPTY PostgreSQL database the policy names (this machine's policy,
 * or the file given), verifies row counts and a checksum per table in the same transaction, and
 * prints them. The SQLite file is only read. Run twice, it refuses: the server is no longer empty.
 * The server password comes from where the policy says (credential store or a protected file).
 */
import fs from 'node:fs';
import path from 'node:path';
import { openEngine } from '../db/engine';
import { DatabaseOpenError } from '../db/open';
import { sourceMigrationsRoot } from '../db/paths';
import { copyInto, MoveError, readLocal } from '../db/transfer/move-to-server';
import { loadPolicy } from '../electron/main/policy';
import { machineDeps } from '../electron/main/policy/deps';
import { readServerPassword } from '../electron/main/server-password';
import { parsePolicyObject } from '../shared/policy/schema';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function die(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const from = arg('--from') ?? die('Name the station database to move: --from <path to caredesk.sqlite>');
if (!fs.existsSync(from)) die(`No such file: ${from}`);
const deps = machineDeps({ isPackaged: false });
const policyFile = arg('--policy');
const { policy, problems } = policyFile
  ? parsePolicyObject(JSON.parse(fs.readFileSync(policyFile, 'utf8').replace(/^\uFEFF/, '')), { source: policyFile, platform: process.platform === 'win32' ? 'win32' : 'posix' })
  : loadPolicy(deps);
for (const p of problems) process.stderr.write(`policy: ${p.key || p.source}: ${p.code}\n`);
const server = policy.server ?? die('The policy names no server (the "server" key): set it up first, see docs/deploy.md.');
const secret = readServerPassword(server, deps);
if (!secret.ok) die(`The server password could not be read (${secret.reason}): ${secret.detail}`);

const where = `${server.user}@${server.host}:${server.port}/${server.database}`;
process.stdout.write(`Reading ${path.resolve(from)} (the file is not changed)…\n`);
try {
  const snapshot = await readLocal(from, { migrationsFolder: path.join(sourceMigrationsRoot, 'sqlite') });
  const engine = await openEngine(
    { kind: 'pg', connection: { host: server.host, port: server.port, database: server.database, user: server.user, password: secret.password, tls: server.tls, ...(server.caFile ? { ca: fs.readFileSync(server.caFile, 'utf8') } : {}) } },
    { migrationsRoot: sourceMigrationsRoot },
  );
  try {
    process.stdout.write(`Copying into ${where}…\n`);
    const report = await copyInto(engine, snapshot);
    const width = Math.max(...report.map((t) => t.name.length));
    for (const t of report) process.stdout.write(`  ${t.name.padEnd(width)}  ${String(t.rows).padStart(8)} rows  sha256 ${t.checksum.slice(0, 16)}…  ok\n`);
    process.stdout.write(`Done: ${report.reduce((n, t) => n + t.rows, 0)} rows in ${report.length} tables, each verified on the server.\n`);
  } finally {
    await engine.close();
  }
} catch (e) {
  if (e instanceof MoveError) die(e.reason === 'target_not_empty' ? `Refused: the server database already holds data (${e.message}). Nothing was written.` : `Refused (${e.reason}): ${e.message}. Nothing was written.`);
  if (e instanceof DatabaseOpenError) die(`The server database cannot be used (${e.reason}): ${e.message}`);
  throw e;
}
