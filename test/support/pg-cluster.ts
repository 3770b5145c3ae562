/**
 * A private PostgreSQL cluster for one test run (or one bench, or `npm run harness -- --postgres`):
 * initdb in a temp folder owned by the postgres user, started on a free loopback port, stopped and
 * removed at the end. Debian's PostgreSQL binaries, found on the PATH or through pg_config — never
 * a hard-coded version. No server is a failure, not a skip.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { PgConnection } from '../../db/engine/pg';

export interface Cluster {
  host: string;
  port: number;
  user: string;
  dir: string;
  /** A connection to `database` on this cluster (no TLS: loopback only). */
  connection(database: string): PgConnection;
  /** Stops the server but keeps its files, as an outage would (`resume` starts it again on the same port). */
  pause(): void;
  resume(): void;
  stop(): void;
}

function binDir(): string {
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return path.dirname(fs.realpathSync(onPath));
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('PostgreSQL is not installed (no initdb, no pg_config): apt-get install -y postgresql');
  }
}

/** Runs as the postgres user when we are root (initdb refuses root), as ourselves otherwise. */
function asServerUser(cmd: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  const r = root ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' }) : spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} failed: ${(r.stderr || r.stdout || '').slice(0, 500)}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Where the cluster's folder goes: the temp folder, unless the postgres user cannot pass through it
 * (run as root, some machines make /tmp 0700; initdb then fails with "Permission denied"), in
 * which case /var/tmp, which is world-traversable by convention.
 */
function clusterParent(): string {
  const tmp = os.tmpdir();
  if (process.getuid?.() !== 0) return tmp;
  const others = fs.statSync(tmp).mode & 0o001;
  return others ? tmp : '/var/tmp';
}

/**
 * `password`: the cluster asks for it (scram-sha-256) instead of trusting loopback, to test what a
 * station does with a wrong one.
 */
export async function startCluster(o: { password?: string } = {}): Promise<Cluster> {
  const bin = binDir();
  const dir = fs.mkdtempSync(path.join(clusterParent(), 'caredesk-pg-'));
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:', dir]);
  const data = path.join(dir, 'data');
  const user = 'caredesk';
  const auth = ['-A', 'trust'];
  if (o.password !== undefined) {
    const pwfile = path.join(dir, 'pw');
    fs.writeFileSync(pwfile, o.password, { mode: 0o600 });
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres:', pwfile]);
    auth.splice(0, 2, '-A', 'scram-sha-256', `--pwfile=${pwfile}`);
  }
  asServerUser(path.join(bin, 'initdb'), ['-D', data, ...auth, '-U', user, '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  // fsync off: a throwaway cluster; the tests are about behaviour, not the server's durability.
  const start = () =>
    asServerUser(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`, 'start']);
  start();
  const host = '127.0.0.1';
  let stopped = false;
  return {
    host,
    port,
    user,
    dir,
    connection: (database) => ({ host, port, database, user, password: o.password ?? '', tls: 'disable' }),
    // A fast shutdown: every connection is cut, as when the server goes down; what committed stays.
    pause: () => asServerUser(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']),
    resume: start,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        asServerUser(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already stopped (paused by a test).
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Runs one statement on the cluster's maintenance database (CREATE DATABASE cannot run in a transaction). */
export async function admin(c: Pick<Cluster, 'connection'>, statement: string, database = 'postgres'): Promise<void> {
  const client = new pg.Client({ ...c.connection(database), ssl: false });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
