import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { backupName, writeBackup } from '../../db/backup';
import { encryptInPlace, keyApplier } from '../../db/encryption';
import { tempDir } from '../support/core';
import { round, timePair } from './measure';
import type { BenchContext, BenchResults } from './types';

/**
 * Issue 15's figures. `backup.ms_per_100mb`: one verified backup (VACUUM INTO, then integrity_check
 * on the copy) of the bench facility's database, scaled to 100 MB of database. `write.full_sync_ratio`:
 * a typical write (a staff member added, through the dispatcher, with its audit row) with
 * synchronous=FULL over the same with NORMAL, in the same run: the price of not losing a commit to a power cut.
 * `db.cipher_read_ratio`: see below.
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

  // db.cipher_read_ratio (issue 16): a census page (active residents by name, 50 at a time, pages
  // all over the list) on an encrypted copy over the same on a plain copy, each on its own connection.
  const plainFile = path.join(folder, 'plain.sqlite');
  const encFile = path.join(folder, 'encrypted.sqlite');
  ctx.sqlite.prepare('VACUUM INTO ?').run(plainFile);
  fs.copyFileSync(plainFile, encFile);
  const key = randomBytes(32);
  encryptInPlace(encFile, key);
  const plain = new Database(plainFile, { readonly: true });
  const enc = new Database(encFile, { readonly: true });
  keyApplier(key)(enc);
  const census = 'SELECT id, legal_family, legal_given, date_of_birth, status, bed_id, code_status FROM residents WHERE status = ? ORDER BY name_sort LIMIT 50 OFFSET ?';
  const total = (plain.prepare("SELECT count(*) AS n FROM residents WHERE status = 'active'").get() as { n: number }).n;
  const pages = Math.max(1, Math.floor(total / 50));
  const ps = plain.prepare(census);
  const es = enc.prepare(census);
  let k = 0;
  let j = 0;
  const [e, p] = await timePair(
    () => es.all('active', ((k++ * 7919) % pages) * 50),
    () => ps.all('active', ((j++ * 7919) % pages) * 50),
    { warmup: 50, rounds: 200, batch: 5 },
  );
  plain.close();
  enc.close();
  return {
    'backup.ms_per_100mb': Math.round(msPer100mb),
    'write.full_sync_ratio': round(f.median / nrm.median, 2),
    'db.cipher_read_ratio': round(e.median / p.median, 2),
  };
}
