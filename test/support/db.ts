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
 * (total_changes); on the server, every table's row count and the sum of its row versions, in one
 * statement built once per database. The trail's own rows are left out on both (a refusal and a
 * read of health information are recorded by design, just after the call): the trail is settled
 * first, so the figure does not depend on when its batch was written.
 */
const fingerprintSql = new WeakMap<Core, string>();
const TRAIL_ROWS = "SELECT count(*) AS n FROM audit_log WHERE kind IN ('denied', 'access')";
export async function fingerprint(core: Core): Promise<string> {
  await core.dispatcher.settled();
  if (core.engine.kind === 'sqlite') {
    const db = (core.engine as SqliteEngine).opened.sqlite;
    const changed = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    return String(changed - (db.prepare(TRAIL_ROWS).get() as { n: number }).n);
  }
  const pool = (core.engine as PgEngine).pool;
  let text = fingerprintSql.get(core);
  if (!text) {
    const cols = (
      await pool.query<{ t: string; v: boolean }>(
        `SELECT t.table_name AS t, EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = 'version') AS v
         FROM information_schema.tables t WHERE t.table_schema = current_schema() ORDER BY 1`,
      )
    ).rows;
    const rowsOf = (t: string) => (t === 'audit_log' ? `(SELECT count(*) FROM audit_log) - (${TRAIL_ROWS})` : `(SELECT count(*) FROM "${t}")`);
    text = `SELECT concat_ws('|', ${cols.map((c) => `(${rowsOf(c.t)})::text${c.v ? ` || ':' || (SELECT coalesce(sum(version), 0) FROM "${c.t}")::text` : ''}`).join(', ')}) AS f`;
    fingerprintSql.set(core, text);
  }
  return (await pool.query<{ f: string }>(text)).rows[0]!.f;
}

/** Runs a statement that returns no rows (DDL, UPDATE, DELETE) on either engine: how a test plays someone tampering with the file. */
export async function sqlExec(core: Core, text: string, params: unknown[] = []): Promise<void> {
  if (core.engine.kind === 'sqlite') {
    (core.engine as SqliteEngine).opened.sqlite.prepare(text).run(...params);
    return;
  }
  let i = 0;
  await (core.engine as PgEngine).pool.query(text.replace(/\?/g, () => `$${++i}`), params);
}
