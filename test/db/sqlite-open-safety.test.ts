/**
 * Issue 15, found item 1: a busy, locked or read-only database is not "damaged", opening writes
 * nothing when nothing needs writing, and retries do not pile up backups.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { DatabaseOpenError, openDatabase, type OpenOptions } from '../../db/open';
import { sourceMigrationsFolder } from '../../db/paths';
import { tempDir } from '../support/core';

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}
const journal = JSON.parse(fs.readFileSync(path.join(sourceMigrationsFolder, 'meta/_journal.json'), 'utf8')) as Journal;

function releaseWith(count: number, extra?: { tag: string; sql: string }): string {
  const dir = tempDir('caredesk-migrations-');
  fs.mkdirSync(path.join(dir, 'meta'));
  const entries = journal.entries.slice(0, count);
  for (const e of entries) fs.copyFileSync(path.join(sourceMigrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  if (extra) {
    const last = entries.at(-1)!;
    entries.push({ ...last, idx: last.idx + 1, tag: extra.tag, when: last.when + 1 });
    fs.writeFileSync(path.join(dir, `${extra.tag}.sql`), extra.sql);
  }
  fs.writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  return dir;
}

const holders: Database.Database[] = [];
afterEach(() => holders.splice(0).forEach((h) => h.open && h.close()));

function reasonOf(fn: () => unknown): string {
  try {
    const o = fn() as { close?: () => void };
    o.close?.();
    return 'opened';
  } catch (e) {
    if (e instanceof DatabaseOpenError) return e.reason;
    throw e;
  }
}

/** Another program holding the write lock, as a second CareDesk mid-write would. */
function holdWriteLock(file: string): Database.Database {
  const h = new Database(file);
  holders.push(h);
  h.exec('BEGIN IMMEDIATE');
  h.exec("INSERT INTO units (name, sort_order) VALUES ('Held', 9)");
  return h;
}

function backupsIn(folder: string): string[] {
  return fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => !f.endsWith('.tmp')) : [];
}

const opts = (o: Partial<OpenOptions> = {}): OpenOptions => ({ migrationsFolder: sourceMigrationsFolder, busyTimeoutMs: 100, ...o });

describe('opening a database that is busy, locked or read-only', () => {
  test('a database another connection is writing to is "in use", not damaged', () => {
    const file = path.join(tempDir(), 'busy.sqlite');
    openDatabase(file, opts()).close();
    holdWriteLock(file);
    expect(reasonOf(() => openDatabase(file, opts()))).toBe('locked');
  });

  test('an older database needing a migration while locked is "in use", and no backup is written, however often it is retried', () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.sqlite');
    const backups = path.join(dir, 'backups');
    openDatabase(file, opts({ migrationsFolder: releaseWith(journal.entries.length - 1) })).close();
    holdWriteLock(file);
    for (let i = 0; i < 3; i++) expect(reasonOf(() => openDatabase(file, opts({ backupFolder: backups })))).toBe('locked');
    expect(backupsIn(backups)).toEqual([]);
  });

  test('a database that cannot be written is "cannot write here", not damaged', () => {
    const file = path.join(tempDir(), 'ro.sqlite');
    openDatabase(file, opts()).close();
    // Root ignores chmod; a read-only connection is what SQLite falls back to for a file it cannot write.
    expect(reasonOf(() => openDatabase(file, opts({ readOnlyForTest: true })))).toBe('read_only');
    if (process.getuid?.() !== 0) {
      fs.chmodSync(file, 0o444);
      expect(reasonOf(() => openDatabase(file, opts()))).toBe('read_only');
    }
  });

  test('opening a current database twice writes no backup', () => {
    const dir = tempDir();
    const file = path.join(dir, 'current.sqlite');
    const backups = path.join(dir, 'backups');
    openDatabase(file, opts({ backupFolder: backups })).close();
    const o = openDatabase(file, opts({ backupFolder: backups }));
    expect(o.backupFile).toBeNull();
    o.close();
    expect(backupsIn(backups)).toEqual([]);
  });

  test('a failing migration retried three times keeps one backup, not three', () => {
    const dir = tempDir();
    const file = path.join(dir, 'retry.sqlite');
    const backups = path.join(dir, 'backups');
    const old = openDatabase(file, opts());
    old.sqlite.exec("INSERT INTO units (name, sort_order) VALUES ('Memory Care', 0)");
    old.close();
    const broken = releaseWith(journal.entries.length, { tag: '9999_broken', sql: 'CREATE TABLE ok_table (id integer);\n--> statement-breakpoint\nTHIS IS NOT SQL;' });
    let t = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < 3; i++) {
      expect(reasonOf(() => openDatabase(file, opts({ migrationsFolder: broken, backupFolder: backups, now: () => new Date((t += 60_000)) })))).toBe('migration_failed');
    }
    const kept = backupsIn(backups);
    expect(kept).toHaveLength(1);
    // The backup kept is a good copy of the database as it was.
    const copy = new Database(path.join(backups, kept[0]!), { readonly: true });
    expect(copy.prepare('SELECT name FROM units').all()).toEqual([{ name: 'Memory Care' }]);
    copy.close();
    // And the database itself is as it was: the failed migration left nothing behind.
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE name = 'ok_table'").get()).toBeUndefined();
    raw.close();
  });
});
