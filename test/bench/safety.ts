import fs from 'node:fs';
import path from 'node:path';
import { backupName, writeBackup } from '../../db/backup';
import { tempDir } from '../support/core';
import { round, timePair } from './measure';
import type { BenchContext, BenchResults } from './types';

/**
 * Issue 15's figures. `backup.ms_per_100mb`: one verified backup (VACUUM INTO, then integrity_check
 * on the copy) of the bench facility's database, scaled to 100 MB of database. `write.full_sync_ratio`:
 * a typical write (a staff member added, through the dispatcher, with its audit row) with
 * synchronous=FULL over the same with NORMAL, in the same run: the price of not losing a commit to a power cut.
 */
export async function benchSafety(ctx: BenchContext): Promise<BenchResults> {
  const folder = tempDir('caredesk-bench-backups-');
  const runs: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const made = writeBackup(ctx.sqlite, folder, backupName('manual', new Date(Date.UTC(2026, 0, 1, 0, 0, i))));
    runs.push(performance.now() - t0);
    bytes = made.bytes;
    fs.rmSync(path.join(folder, made.name));
  }
  runs.sort((a, b) => a - b);
  const msPer100mb = (runs[1]! / bytes) * 100 * 1024 * 1024;

  const conn = await ctx.signedIn('admin');
  let n = 0;
  const write = async () => {
    const r = await conn.invoke('training.createStaff', { name: `Bench Sync ${n}`, role: 'cna', employeeId: `BS${n++}`, hireDate: '2020-01-06', unitId: null });
    if (!r.ok) throw new Error(`bench write failed: ${r.error.code}`);
  };
  const sqlite = ctx.sqlite;
  const full = async () => {
    sqlite.pragma('synchronous = FULL');
    await write();
  };
  const normal = async () => {
    sqlite.pragma('synchronous = NORMAL');
    await write();
  };
  const [f, nrm] = await timePair(full, normal, { warmup: 20, rounds: 60, batch: 5 });
  sqlite.pragma('synchronous = FULL');
  return { 'backup.ms_per_100mb': Math.round(msPer100mb), 'write.full_sync_ratio': round(f.median / nrm.median, 2) };
}
