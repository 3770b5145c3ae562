import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Engine } from '../engine';
import { sqliteQueryEnv } from '../engine/sqlite';
import { openDatabase } from '../open';
import { createQueries, type Queries } from '../queries';
import { tableChecksum } from './checksum';
import { copyOrder, type TableInfo } from './tables';

/**
 * Moving a facility from one station's SQLite file onto the facility server: every row of every
 * table, ids kept, verified by row count and a checksum per table inside the same transaction, so
 * the server database is either a faithful copy or untouched. The SQLite file is never written: it is
 * read through a copy (VACUUM INTO), which is also brought to the current schema if it is older.
 */

export interface TableCopy {
  name: string;
  rows: number;
  checksum: string;
}

export interface LocalSnapshot {
  tables: (TableCopy & { info: TableInfo; data: Record<string, unknown>[] })[];
}

export class MoveError extends Error {
  constructor(
    readonly reason: 'source_unreadable' | 'target_not_empty' | 'count_mismatch' | 'checksum_mismatch',
    detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'MoveError';
  }
}

// Filled by the server's own migrations, not copied.
const SKIP = new Set(['roles']);

export async function readLocal(file: string, o: { migrationsFolder: string }): Promise<LocalSnapshot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caredesk-move-'));
  const copy = path.join(dir, 'copy.sqlite');
  try {
    try {
      const source = new Database(file, { readonly: true, fileMustExist: true });
      try {
        source.prepare('VACUUM INTO ?').run(copy);
      } finally {
        source.close();
      }
    } catch (e) {
      throw new MoveError('source_unreadable', e instanceof Error ? e.message : String(e));
    }
    const opened = openDatabase(copy, { migrationsFolder: o.migrationsFolder, backupFolder: path.join(dir, 'backups') });
    try {
      const q = createQueries(sqliteQueryEnv(opened));
      const tables: LocalSnapshot['tables'] = [];
      for (const info of copyOrder()) {
        if (SKIP.has(info.name)) continue;
        const data = await q.transfer.rows(info);
        tables.push({ info, name: info.name, rows: data.length, checksum: tableChecksum(data), data });
      }
      return { tables };
    } finally {
      opened.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Copies the snapshot into the current transaction's (empty) database through `q`, and reads every
 * table back to check its count and checksum: a mismatch throws, so the transaction rolls back.
 */
export async function copySnapshot(q: Queries, snapshot: LocalSnapshot): Promise<TableCopy[]> {
  for (const t of snapshot.tables) {
    const present = await q.transfer.count(t.info);
    if (present > 0) throw new MoveError('target_not_empty', `${t.name} already holds ${present} rows`);
  }
  for (const t of snapshot.tables) {
    await q.transfer.insert(t.info, t.data);
    await q.transfer.followIds(t.info);
  }
  const report: TableCopy[] = [];
  for (const t of snapshot.tables) {
    const back = await q.transfer.rows(t.info);
    if (back.length !== t.rows) throw new MoveError('count_mismatch', `${t.name}: ${t.rows} rows read, ${back.length} on the server`);
    const checksum = tableChecksum(back);
    if (checksum !== t.checksum) throw new MoveError('checksum_mismatch', `${t.name}: the server's rows differ from the file's`);
    report.push({ name: t.name, rows: t.rows, checksum });
  }
  await q.transfer.analyze();
  return report;
}

/** The command's form: one transaction of its own, with the move on the record. */
export async function copyInto(engine: Engine, snapshot: LocalSnapshot, o: { now?: Date; by?: number | null } = {}): Promise<TableCopy[]> {
  return engine.write(async () => {
    const report = await copySnapshot(engine.q, snapshot);
    await engine.q.audit.insert({
      at: (o.now ?? new Date()).toISOString(),
      userId: o.by ?? null,
      method: 'system.moveToServer',
      entity: 'facility',
      entityId: '1',
      before: null,
      after: { tables: report.length, rows: report.reduce((n, t) => n + t.rows, 0) },
    });
    return report;
  });
}

/** What a station's file holds, to name it before moving it: read only, nothing else opened. */
export function summarizeLocal(file: string): { facilityName: string | null; residents: number; staff: number } | null {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const name = (db.prepare('SELECT name FROM facility WHERE id = 1').get() as { name: string } | undefined)?.name ?? null;
      const residents = (db.prepare('SELECT count(*) AS n FROM residents').get() as { n: number }).n;
      const staff = (db.prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n;
      return { facilityName: name, residents, staff };
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/** The local file's administrator, checked against its own accounts: only they may move its data. */
export function localAdministrator(file: string, username: string): { id: number; passwordHash: string } | null {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (
      (db.prepare(`SELECT id, password_hash AS passwordHash FROM users WHERE username = ? COLLATE NOCASE AND role = 'administrator' AND active = 1`).get(username) as
        | { id: number; passwordHash: string }
        | undefined) ?? null
    );
  } finally {
    db.close();
  }
}
