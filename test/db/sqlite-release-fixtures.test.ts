/**
 * Migrations tested from fixtures (issue 15): a database from every earlier release — built by
 * applying the migrations up to each tag in db/migrations/sqlite/meta/_journal.json (never a list
 * written here, so migrations added on other branches are covered as they land) and filled with
 * rows in every table it knows — migrates to today's schema with every row and value intact and
 * `foreign_key_check` clean. And a failing migration rolls back and keeps its backup.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { listBackupFiles } from '../../db/backup';
import { DatabaseOpenError, openDatabase } from '../../db/open';
import { sourceMigrationsFolder } from '../../db/paths';
import { tempDir } from '../support/core';

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}
const journal = JSON.parse(fs.readFileSync(path.join(sourceMigrationsFolder, 'meta/_journal.json'), 'utf8')) as Journal;
const earlier = journal.entries.slice(0, -1).map((e, i) => ({ tag: e.tag, count: i + 1 }));

function releaseWith(count: number, extra?: { tag: string; sql: string }): string {
  const dir = tempDir('caredesk-release-');
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

interface Column {
  name: string;
  type: string;
  notnull: number;
  dflt_value: unknown;
  pk: number;
}
interface ForeignKey {
  table: string;
  from: string;
  to: string | null;
}

const userTables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

/** Tables ordered parents first, so a row can point at a row of the table it references. */
function parentsFirst(db: Database.Database): string[] {
  const tables = userTables(db);
  const deps = new Map(tables.map((t) => [t, (db.prepare(`PRAGMA foreign_key_list("${t}")`).all() as ForeignKey[]).map((f) => f.table).filter((p) => p !== t)]));
  const out: string[] = [];
  const visit = (t: string, seen: Set<string>) => {
    if (out.includes(t) || seen.has(t)) return;
    seen.add(t);
    for (const p of deps.get(t) ?? []) visit(p, seen);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}

/**
 * Fills every table of an old release with rows, whatever its schema: each column gets a value
 * of its type (references point at an existing parent row); a row a CHECK refuses is tried with
 * other values, then left out. Up to three rows a table. Returns how many rows went in.
 */
function fill(db: Database.Database, salt: number): number {
  let total = 0;
  const candidates = (c: Column, i: number): unknown[] => {
    const t = c.type.toUpperCase();
    if (t.includes('INT')) return [i + 1, 0, 1, 2];
    if (t.includes('REAL') || t.includes('NUM')) return [i + 1.5, 0, 1];
    return [`v${salt}-${i}-${c.name}`, '2026-01-01', '2026-01-01T00:00:00.000Z', 'en', 'active', 'other', 'none', 'low', 'regular', 'ipass', 'administrator', 'nurse', 'months', 'entry', 'x'];
  };
  for (const table of parentsFirst(db)) {
    const cols = db.prepare(`PRAGMA table_info("${table}")`).all() as Column[];
    const fks = db.prepare(`PRAGMA foreign_key_list("${table}")`).all() as ForeignKey[];
    for (let i = 0; i < 3; i++) {
      const row: Record<string, unknown> = {};
      const choices: [string, unknown[]][] = [];
      for (const c of cols) {
        const fk = fks.find((f) => f.from === c.name);
        if (fk) {
          const parent = db.prepare(`SELECT ${fk.to ? `"${fk.to}"` : 'rowid'} AS v FROM "${fk.table}" ORDER BY rowid LIMIT 1 OFFSET ?`).get(i) as { v: unknown } | undefined;
          row[c.name] = parent?.v ?? null;
          continue;
        }
        if (c.pk && c.type.toUpperCase().includes('INT')) continue; // the row id
        choices.push([c.name, candidates(c, i)]);
        row[c.name] = candidates(c, i)[0];
      }
      const insert = (r: Record<string, unknown>) => {
        const names = Object.keys(r);
        db.prepare(`INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...names.map((n) => r[n]));
      };
      let done = false;
      // Try the first choice of every column, then vary one column at a time (enough for enum CHECKs).
      for (let attempt = 0; attempt < 200 && !done; attempt++) {
        try {
          insert(row);
          done = true;
        } catch (e) {
          const m = /CHECK constraint failed: (.+)$/.exec((e as Error).message);
          const col = m ? choices.find(([n]) => m[1]!.includes(n)) : undefined;
          if (!col) break;
          const opts = col[1];
          const at = opts.indexOf(row[col[0]]);
          if (at + 1 >= opts.length) break;
          row[col[0]] = opts[at + 1];
        }
      }
      if (done) total++;
    }
  }
  return total;
}

function snapshot(db: Database.Database): Map<string, { cols: string[]; rows: Map<string, Record<string, unknown>> }> {
  const out = new Map<string, { cols: string[]; rows: Map<string, Record<string, unknown>> }>();
  for (const t of userTables(db)) {
    const cols = (db.prepare(`PRAGMA table_info("${t}")`).all() as Column[]).map((c) => c.name);
    const rows = new Map<string, Record<string, unknown>>();
    for (const r of db.prepare(`SELECT rowid AS __rowid, * FROM "${t}"`).all() as Record<string, unknown>[]) rows.set(String(r.__rowid), r);
    out.set(t, { cols, rows });
  }
  return out;
}

/**
 * Columns a migration recomputes on purpose, with the reason: derived keys, not data anyone typed.
 * Everything else must come through unchanged.
 */
const RECOMPUTED: Record<string, string> = {
  'residents.search_compact': 'the search key (names without spaces and punctuation) is rebuilt from the name columns',
};

describe('a database from every earlier release migrates with every row intact', () => {
  test('there are earlier releases to test (the journal is read, not a list)', () => {
    expect(earlier.length).toBe(journal.entries.length - 1);
  });

  test.each(earlier)('from $tag', ({ count }) => {
    const file = path.join(tempDir(), 'release.sqlite');
    const old = openDatabase(file, { migrationsFolder: releaseWith(count) });
    const filled = fill(old.sqlite, count);
    expect(filled).toBeGreaterThan(10);
    expect(old.sqlite.pragma('foreign_key_check')).toEqual([]);
    const before = snapshot(old.sqlite);
    old.close();

    const migrated = openDatabase(file, { migrationsFolder: sourceMigrationsFolder });
    expect(migrated.applied).toBe(journal.entries.length - count);
    expect(migrated.backupFile).not.toBeNull();
    expect(migrated.sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(migrated.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const after = snapshot(migrated.sqlite);
    migrated.close();
    const lost: string[] = [];
    for (const [table, { cols, rows }] of before) {
      const now = after.get(table);
      if (!now) {
        if (rows.size > 0) lost.push(`${table}: table gone with ${rows.size} rows`);
        continue;
      }
      for (const [id, row] of rows) {
        const kept = now.rows.get(id);
        if (!kept) {
          lost.push(`${table} row ${id}`);
          continue;
        }
        for (const c of cols) if (now.cols.includes(c) && !RECOMPUTED[`${table}.${c}`] && kept[c] !== row[c]) lost.push(`${table} row ${id}.${c}: ${String(row[c])} → ${String(kept[c])}`);
      }
    }
    expect(lost).toEqual([]);
  });
});

test('a failing migration rolls back, leaves the database as it was and keeps the backup made before it', () => {
  const dir = tempDir();
  const file = path.join(dir, 'caredesk.sqlite');
  const backups = path.join(dir, 'backups');
  const old = openDatabase(file, { migrationsFolder: sourceMigrationsFolder });
  fill(old.sqlite, 1);
  const before = snapshot(old.sqlite);
  old.close();
  const broken = releaseWith(journal.entries.length, { tag: '9999_broken', sql: 'ALTER TABLE users ADD COLUMN extra text;\n--> statement-breakpoint\nDROP TABLE units;\n--> statement-breakpoint\nTHIS IS NOT SQL;' });
  let reason = '';
  try {
    openDatabase(file, { migrationsFolder: broken, backupFolder: backups });
  } catch (e) {
    reason = e instanceof DatabaseOpenError ? e.reason : String(e);
  }
  expect(reason).toBe('migration_failed');
  const raw = new Database(file, { readonly: true });
  expect(snapshot(raw)).toEqual(before);
  raw.close();
  const kept = listBackupFiles(backups);
  expect(kept.map((b) => b.kind)).toEqual(['before-migration']);
  const copy = new Database(kept[0]!.file, { readonly: true });
  expect(snapshot(copy)).toEqual(before);
  copy.close();
});
