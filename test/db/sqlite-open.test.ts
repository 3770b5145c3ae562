import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { DatabaseOpenError, openDatabase, type OpenedDatabase } from '../../db/open';
import { sourceMigrationsFolder } from '../../db/paths';
import { createQueries } from '../../db/queries';
import { sqliteQueryEnv } from '../../db/engine/sqlite';
import { tempDir } from '../support/core';

const opened: OpenedDatabase[] = [];
afterEach(() => opened.splice(0).forEach((o) => o.close()));
const open = (file: string, migrationsFolder = sourceMigrationsFolder) => {
  const o = openDatabase(file, { migrationsFolder, now: () => new Date('2026-01-01T00:00:00Z') });
  opened.push(o);
  return o;
};

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}
const journal = JSON.parse(fs.readFileSync(path.join(sourceMigrationsFolder, 'meta/_journal.json'), 'utf8')) as Journal;

/** A migrations folder as an earlier release shipped it: only the first `count` migrations. */
function releaseWith(count: number): string {
  const dir = tempDir('caredesk-migrations-');
  fs.mkdirSync(path.join(dir, 'meta'));
  const entries = journal.entries.slice(0, count);
  fs.writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const e of entries) fs.copyFileSync(path.join(sourceMigrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

/** Rows as the first release wrote them: plain SQL against its tables, not today's query modules. */
function seedMinimal(o: OpenedDatabase) {
  const at = '2026-01-01T00:00:00.000Z';
  o.sqlite.prepare("INSERT INTO facility (id, name, time_zone, paper_size, default_language, idle_lock_minutes, created_at) VALUES (1, 'Maple Grove', 'America/Chicago', 'letter', 'en', 10, ?)").run(at);
  o.sqlite.prepare("INSERT INTO units (name, sort_order) VALUES ('Memory Care', 0)").run();
  const id = o.sqlite
    .prepare("INSERT INTO users (username, display_name, role, password_hash, must_change_password, created_at, updated_at) VALUES ('ada', 'Ada', 'administrator', 'x', 0, ?, ?)")
    .run(at, at).lastInsertRowid;
  o.sqlite.prepare("INSERT INTO audit_log (at, user_id, method, entity, entity_id, after_json) VALUES (?, ?, 'test', 'user', ?, '{\"a\":1}')").run(at, id, String(id));
}

describe('openDatabase', () => {
  test('a new file gets every migration, the pragmas, and the roles', () => {
    const file = path.join(tempDir(), 'new.sqlite');
    const o = open(file);
    expect(o.applied).toBe(journal.entries.length);
    expect(o.backupFile).toBeNull();
    expect(o.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(o.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(o.sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    // 64 MB of page cache: a conflict check reads rows scattered over years of trips (the default is 2 MB).
    expect(o.sqlite.pragma('cache_size', { simple: true })).toBe(-65_536);
    expect(o.sqlite.prepare('SELECT count(*) AS n FROM roles').get()).toEqual({ n: 7 });
  });

  test('opening again applies nothing', () => {
    const file = path.join(tempDir(), 'again.sqlite');
    open(file).close();
    opened.length = 0;
    expect(open(file).applied).toBe(0);
  });

  test.each(journal.entries.map((_, i) => i + 1).filter((k) => k < journal.entries.length || journal.entries.length === 1))(
    'a database from a release with %i migration(s) upgrades with its rows and foreign keys intact, after a backup',
    async (count) => {
      const file = path.join(tempDir(), 'old.sqlite');
      const old = openDatabase(file, { migrationsFolder: releaseWith(count) });
      seedMinimal(old);
      old.close();
      const o = open(file);
      expect(o.applied).toBe(journal.entries.length - count);
      if (o.applied > 0) expect(fs.existsSync(o.backupFile!)).toBe(true);
      expect(o.sqlite.pragma('foreign_key_check')).toEqual([]);
      const q = createQueries(sqliteQueryEnv(o));
      expect((await q.facility.get())?.name).toBe('Maple Grove');
      expect((await q.users.getAuthByUsername('ADA'))?.displayName).toBe('Ada');
      expect(await q.audit.count()).toBe(1);
    },
  );

  test('a file that is not a database is refused and left as it was', () => {
    const file = path.join(tempDir(), 'notes.sqlite');
    fs.writeFileSync(file, 'these are my handoff notes, not a database'.repeat(200));
    const before = fs.readFileSync(file);
    expect(() => open(file)).toThrow(DatabaseOpenError);
    try {
      open(file);
    } catch (e) {
      expect((e as DatabaseOpenError).reason).toBe('not_a_database');
    }
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  test('a damaged database is refused, never replaced by an empty one', () => {
    const file = path.join(tempDir(), 'damaged.sqlite');
    const o = openDatabase(file, { migrationsFolder: sourceMigrationsFolder });
    seedMinimal(o);
    o.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    o.close();
    // Overwrite the middle of the file (table b-tree pages) with garbage.
    const bytes = fs.readFileSync(file);
    for (let i = 4096; i < bytes.length - 1; i++) bytes[i] = (i * 7) & 0xff;
    fs.writeFileSync(file, bytes);
    let reason = '';
    try {
      open(file);
    } catch (e) {
      reason = (e as DatabaseOpenError).reason;
    }
    expect(['damaged', 'not_a_database']).toContain(reason);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  test('a database written by a newer CareDesk is refused', () => {
    const file = path.join(tempDir(), 'newer.sqlite');
    open(file).close();
    opened.length = 0;
    const raw = new Database(file);
    raw.prepare('INSERT INTO "__drizzle_migrations" (hash, created_at) VALUES (?, ?)').run('future', Date.now() + 10 ** 12);
    raw.close();
    expect(() => open(file)).toThrow(/newer_schema/);
  });

  test('a failing migration rolls back completely', () => {
    const file = path.join(tempDir(), 'rollback.sqlite');
    const dir = releaseWith(journal.entries.length);
    const last = journal.entries.at(-1)!;
    const broken = { ...journal, entries: [...journal.entries, { ...last, idx: last.idx + 1, tag: '9999_broken', when: last.when + 1 }] };
    fs.writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify(broken));
    fs.writeFileSync(path.join(dir, '9999_broken.sql'), 'CREATE TABLE ok_table (id integer);\n--> statement-breakpoint\nTHIS IS NOT SQL;');
    open(file).close();
    opened.length = 0;
    expect(() => openDatabase(file, { migrationsFolder: dir })).toThrow(/migration_failed/);
    const raw = new Database(file);
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE name = 'ok_table'").get()).toBeUndefined();
    raw.close();
  });
});
