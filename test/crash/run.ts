/**
 * `npm run crash-test -- --kills N` (default 1,000): the full crash test; writes crash.kills,
 * crash.corrupt and crash.lost_commits into bench/results.json beside the benchmarks' figures.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceMigrationsRoot } from '../../db/paths';
import { runCrashTest } from './crash';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const out = path.join(root, 'bench', 'results.json');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const kills = arg('--kills', 1000);
const seed = arg('--seed', Date.now() % 100_000);

/** Written as the run goes (every 50 kills) and at its end: a run stopped early still leaves its figures. */
function save(f: { kills: number; corrupt: number; lost_commits: number }): void {
  // Read again each time: the benchmarks may have written their figures meanwhile.
  const results = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, number>) : {};
  Object.assign(results, { 'crash.kills': f.kills, 'crash.corrupt': f.corrupt, 'crash.lost_commits': f.lost_commits });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
}

const started = performance.now();
const r = await runCrashTest({
  kills,
  root,
  migrationsRoot: sourceMigrationsRoot,
  seed,
  onKill: (i, f) => {
    if ((i + 1) % 50 === 0) {
      save(f);
      process.stdout.write(`${i + 1} kills: ${f.commits} commits checked, corrupt ${f.corrupt}, lost ${f.lost_commits}\n`);
    }
  },
});
fs.rmSync(r.dir, { recursive: true, force: true });
if (r.writerErrors) process.stderr.write(`writer errors:\n${r.writerErrors}\n`);
save(r);
process.stdout.write(`seed ${seed}: ${r.kills} kills, ${r.commits} commits reported, ${r.corrupt} corrupt, ${r.lost_commits} lost, ${Math.round((performance.now() - started) / 1000)} s; written to ${path.relative(process.cwd(), out)}\n`);
process.stdout.write(`commits by method: ${JSON.stringify(r.byMethod)}\n`);
if (r.corrupt > 0 || r.lost_commits > 0) process.exitCode = 1;
