/**
 * The crash test (issue 15): kill a writer (the real core, realistic writes) with SIGKILL at random
 * moments, reopen the file the way the app does, and check that it opens, that `integrity_check`
 * is ok, and that every write the writer reported committed is there with its audit row.
 * Used by test/crash/crash.test.ts (a short run) and `npm run crash-test -- --kills N` (the full one).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import type { SqliteEngine } from '../../db/engine/sqlite';
import { createCore } from '../../electron/core/app';

export interface CrashFigures {
  kills: number;
  corrupt: number;
  lost_commits: number;
  /** Writes reported committed over the run (each checked after the kill that followed it). */
  commits: number;
  /** The same, by method: the writes reach every area. */
  byMethod: Record<string, number>;
}

interface Commit {
  method: string;
  table: string;
  id: number;
}

const cheap = { memoryKiB: 64, passes: 1, parallelism: 1 };

/** Bundles the writer once (so each start is a plain `node`, not a TypeScript loader). */
async function bundleWriter(root: string, dir: string): Promise<string> {
  const out = path.join(dir, 'writer.cjs');
  await build({
    entryPoints: [path.join(root, 'test/crash/writer.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['better-sqlite3'],
    logLevel: 'warning',
    absWorkingDir: root,
  });
  return out;
}

/** Runs the writer until `ms` after it is ready, then SIGKILL; returns the writes it reported committed. */
function runAndKill(writer: string, file: string, migrationsRoot: string, root: string, seed: number, ms: number): Promise<{ commits: Commit[]; stderr: string; ready: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, file, migrationsRoot, String(seed)], { env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let ready = false;
    let timer: NodeJS.Timeout | null = null;
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (!ready && out.includes('"ready":true')) {
        ready = true;
        timer = setTimeout(() => child.kill('SIGKILL'), ms);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(guard);
      if (timer) clearTimeout(timer);
      // Only complete lines: a line cut by the kill was never fully reported.
      const lines = out.split('\n').slice(0, -1);
      const commits = lines.map((l) => JSON.parse(l) as Commit & { ready?: boolean }).filter((c) => !c.ready);
      resolve({ commits, stderr, ready });
    });
  });
}

/** How many of the reported commits lack their row or their audit entry. */
function countLost(sqlite: SqliteEngine['opened']['sqlite'], reported: Commit[]): number {
  const audited = new Set(
    (sqlite.prepare('SELECT method, entity_id AS id FROM audit_log').all() as { method: string; id: string }[]).map((a) => `${a.method}\u0000${a.id}`),
  );
  const ids = new Map<string, Set<number>>();
  const idsOf = (table: string) => {
    let set = ids.get(table);
    if (!set) {
      set = new Set((sqlite.prepare(`SELECT id FROM "${table}"`).all() as { id: number }[]).map((r) => r.id));
      ids.set(table, set);
    }
    return set;
  };
  let lost = 0;
  for (const w of reported) if (!idsOf(w.table).has(w.id) || !audited.has(`${w.method}\u0000${w.id}`)) lost++;
  return lost;
}

export async function runCrashTest(o: { kills: number; root: string; migrationsRoot: string; seed?: number; maxDelayMs?: number; onKill?: (i: number, f: CrashFigures) => void }): Promise<CrashFigures & { dir: string; writerErrors: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caredesk-crash-'));
  const file = path.join(dir, 'caredesk.sqlite');
  const writer = await bundleWriter(o.root, dir);
  let seed = o.seed ?? 1;
  const random = () => {
    // mulberry32: a repeatable run for a given seed.
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  // The facility, set up once the normal way.
  const setup = await createCore({ engine: { kind: 'sqlite', file }, migrationsRoot: o.migrationsRoot, passwordCost: cheap });
  const c = setup.dispatcher.connect();
  const made = await c.invoke('setup.createFacility', {
    facility: {
      name: 'Crash Test Care',
      timeZone: 'America/Chicago',
      paperSize: 'letter',
      defaultLanguage: 'en',
      units: [{ name: 'Memory Care' }],
      shifts: [
        { name: 'Day', start: '07:00', end: '15:00' },
        { name: 'Evening', start: '15:00', end: '23:00' },
        { name: 'Night', start: '23:00', end: '07:00' },
      ],
    },
    admin: { username: 'admin', displayName: 'Ada Admin', password: 'lantern orchard bicycle' },
  });
  if (!made.ok) throw new Error(`setup failed: ${JSON.stringify(made.error)}`);
  await setup.close();

  const figures: CrashFigures = { kills: 0, corrupt: 0, lost_commits: 0, commits: 0, byMethod: {} };
  let writerErrors = '';
  const reported: Commit[] = [];
  for (let i = 0; i < o.kills; i++) {
    const delay = Math.floor(random() * (o.maxDelayMs ?? 250));
    const run = await runAndKill(writer, file, o.migrationsRoot, o.root, i, delay);
    if (!run.ready) writerErrors += run.stderr.slice(0, 2000);
    figures.kills++;
    reported.push(...run.commits);
    figures.commits += run.commits.length;
    for (const w of run.commits) figures.byMethod[w.method] = (figures.byMethod[w.method] ?? 0) + 1;
    // Reopen the way the app does: the file lock of the dead writer taken over, quick_check, migrations.
    let core;
    try {
      core = await createCore({ engine: { kind: 'sqlite', file }, migrationsRoot: o.migrationsRoot, passwordCost: cheap });
    } catch {
      figures.corrupt++;
      break;
    }
    const sqlite = (core.engine as SqliteEngine).opened.sqlite;
    if (sqlite.pragma('integrity_check', { simple: true }) !== 'ok') figures.corrupt++;
    // Every write reported so far, not only this run's: a later crash must not lose an earlier commit either.
    // Read as sets (one scan per table) rather than one lookup per commit: the audit log has no index on
    // (method, entity_id), and per-commit lookups made each kill slower than the last.
    if (run.commits.length > 0) figures.lost_commits += countLost(sqlite, reported);
    await core.close();
    o.onKill?.(i, figures);
  }
  return { ...figures, dir, writerErrors };
}
