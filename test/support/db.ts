import type { Core } from '../../electron/core/app';
import type { PgEngine } from '../../db/engine/pg';
import type { SqliteEngine } from '../../db/engine/sqlite';

/**
 * Hand-written SQL against a test core's database, on either engine: what a test uses to look
 * under the data layer (row counts, a row as stored). `?` placeholders; keep the SQL portable.
 */
export async function sqlRows<T = Record<string, unknown>>(core: Core, text: string, params: unknown[] = []): Promise<T[]> {
  if (core.engine.kind === 'sqlite') return (core.engine as SqliteEngine).opened.sqlite.prepare(text).all(...params) as T[];
  let i = 0;
  const r = await (core.engine as PgEngine).pool.query(text.replace(/\?/g, () => `$${++i}`), params);
  return r.rows as T[];
}

/** Rows in a table. */
export async function countRows(core: Core, table: string): Promise<number> {
  const rows = await sqlRows<{ n: number | string }>(core, `SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Changes a refused call must not make, on either engine: SQLite counts every changed row
 * (total_changes); on the server, every table's row count and row versions, and the newest session touch.
 */
export async function fingerprint(core: Core): Promise<string> {
  if (core.engine.kind === 'sqlite') return String(((core.engine as SqliteEngine).opened.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n);
  const pool = (core.engine as PgEngine).pool;
  const tables = (await pool.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1")).rows.map((r) => r.t);
  const parts: string[] = [];
  for (const t of tables) {
    const hasVersion = (await pool.query("SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'version'", [t])).rowCount;
    const r = await pool.query(`SELECT count(*)::text AS n${hasVersion ? ', coalesce(sum(version), 0)::text AS v' : ''} FROM "${t}"`);
    parts.push(`${t}:${r.rows[0].n}:${r.rows[0].v ?? ''}`);
  }
  return parts.join('|');
}
