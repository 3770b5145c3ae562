import { is, SQL, type Column } from 'drizzle-orm';
import { getTableConfig as pgConfig, PgDialect, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteSyncDialect, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, test } from 'vitest';
import * as pgSchema from '../../db/schema/pg';
import * as sqliteSchema from '../../db/schema/sqlite';

/**
 * The two engines' schemas are written twice (drizzle has no dialect-neutral table) and kept equal
 * here: the same tables, columns, logical types, nullability, defaults, keys, indexes, foreign keys
 * and checks. The spellings that must differ are normalised below, each with its reason.
 */

const sqliteSql = new SQLiteSyncDialect();
const pgSql = new PgDialect();

function logicalType(c: Column): string {
  const t = c.getSQLType().toLowerCase();
  // SQLite has no boolean: drizzle stores one as integer 0/1.
  if (c.dataType === 'boolean') return 'boolean';
  if (t === 'real' || t === 'double precision') return 'double';
  if (t === 'blob' || t === 'bytea') return 'bytes';
  return t;
}

/** Index and check expressions: `x COLLATE NOCASE` (SQLite) and `lower(x)` (PostgreSQL) are one case-insensitive key. */
function normalizeSql(text: string): string {
  return text
    .replaceAll('"', '')
    .replace(/lower\(([a-z_.]+)\)/gi, 'nocase($1)')
    .replace(/([a-z_.]+) COLLATE NOCASE/gi, 'nocase($1)')
    // A byte-order sort key: SQLite's default collation for text, "C" spelled out on the server.
    .replace(/ COLLATE C\b/gi, '')
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .trim();
}

function render(x: unknown, kind: 'sqlite' | 'pg'): string {
  if (is(x, SQL)) return normalizeSql((kind === 'sqlite' ? sqliteSql : pgSql).sqlToQuery(x).sql);
  return (x as Column).name;
}

function defaultOf(c: Column): unknown {
  // A SQLite INTEGER PRIMARY KEY is the rowid and always "has a default"; whether an id is generated
  // (autoincrement / identity) is compared through `generated` below, not here.
  if (c.primary && logicalType(c) === 'integer') return 'key';
  if (!c.hasDefault) return null;
  // SQLite's boolean default is stored as 1/0 under a boolean mode; compare as booleans.
  return c.default === undefined ? 'generated' : c.dataType === 'boolean' ? Boolean(c.default) : c.default;
}

type Config = ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>;

function shape(cfg: Config, kind: 'sqlite' | 'pg') {
  return {
    columns: Object.fromEntries(
      cfg.columns.map((c) => [
        c.name,
        {
          type: logicalType(c),
          notNull: c.notNull,
          primary: c.primary,
          default: defaultOf(c),
          generated: c.primary && logicalType(c) === 'integer' ? Boolean((c as unknown as { config: { autoIncrement?: boolean } }).config.autoIncrement || (c as unknown as { generatedIdentity?: unknown }).generatedIdentity) : false,
          enum: c.enumValues ?? null,
        },
      ]),
    ),
    primaryKeys: cfg.primaryKeys.map((pk) => pk.columns.map((c) => c.name)),
    indexes: cfg.indexes
      .map((i) => ({
        name: i.config.name ?? '',
        unique: i.config.unique,
        on: i.config.columns.map((c) => render(c, kind)),
        where: i.config.where ? render(i.config.where, kind) : null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    foreignKeys: cfg.foreignKeys
      .map((fk) => {
        const r = fk.reference();
        return { columns: r.columns.map((c) => c.name), to: `${(r.foreignTable as unknown as { [k: symbol]: string })[Symbol.for('drizzle:Name')]}.${r.foreignColumns.map((c) => c.name).join(',')}`, onDelete: fk.onDelete ?? 'no action' };
      })
      .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
    checks: cfg.checks.map((c) => ({ name: c.name, value: render(c.value, kind) })).sort((a, b) => a.name.localeCompare(b.name)),
    uniqueConstraints: cfg.uniqueConstraints.map((u) => u.columns.map((c) => c.name)),
  };
}

const sqliteTables = (Object.values(sqliteSchema) as unknown[]).filter((t): t is SQLiteTable => is(t, SQLiteTable));
const pgTables = (Object.values(pgSchema) as unknown[]).filter((t): t is PgTable => is(t, PgTable));

describe('schema twins', () => {
  test('the same tables on both engines', () => {
    const names = (ts: { [k: symbol]: unknown }[]) => ts.map((t) => String(t[Symbol.for('drizzle:Name')])).sort();
    expect(names(pgTables as never)).toEqual(names(sqliteTables as never));
    expect(sqliteTables.length).toBeGreaterThan(10);
  });

  test.each(sqliteTables.map((t) => [sqliteConfig(t).name, t] as const))('%s: same columns, types, keys, indexes, checks', (name, table) => {
    const twin = pgTables.find((t) => pgConfig(t).name === name);
    expect(twin, `no PostgreSQL twin for ${name}`).toBeDefined();
    const s = shape(sqliteConfig(table), 'sqlite');
    const p = shape(pgConfig(twin!), 'pg');
    expect(p).toEqual(s);
  });

  test('the normalisation is not hiding a real difference', () => {
    // A deliberately different pair must not compare equal.
    expect(normalizeSql('lower("username")')).toBe(normalizeSql('"username" COLLATE NOCASE'));
    expect(normalizeSql('lower("username")')).not.toBe(normalizeSql('"display_name" COLLATE NOCASE'));
  });
});
