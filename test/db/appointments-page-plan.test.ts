import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openEngine, type Engine } from '../../db/engine';
import type { PgEngine } from '../../db/engine/pg';
import type { SqliteEngine } from '../../db/engine/sqlite';
import { sourceMigrationsRoot } from '../../db/paths';
import { appointmentsCountAfterSql, appointmentsCountSql, appointmentsPageSql, pageParams, type PageFilter } from '../../db/queries/appointments';
import { tempDir, testEngineConfig } from '../support/core';

// The appointments list's day/unit page (issue 10's page benchmark) is found through one index that
// holds the day's rows in the list's order (start, then id) with their resident beside them: the
// unit filter then passes over other units' rows in the index, and the ORDER BY needs no sort, so
// the LIMIT stops the walk. A plan check on both engines, on a freshly migrated file as the app
// runs it (SQLite: no ANALYZE statistics).

let engine: Engine;

beforeAll(async () => {
  engine = await openEngine(await testEngineConfig(path.join(tempDir(), 'appointments-plan.sqlite')), { migrationsRoot: sourceMigrationsRoot });
});
afterAll(() => engine.close());

const dayUnit: PageFilter = {
  fromAt: '2026-11-04T06:00:00.000Z',
  toAt: '2026-11-05T06:00:00.000Z',
  type: null,
  status: null,
  unitId: 1,
  residentId: null,
  needsTransport: false,
  followUpDue: false,
  familyNotInformed: false,
  nowAt: '2026-11-02T12:00:00.000Z',
  soonAt: '2026-11-04T12:00:00.000Z',
};

/** The plan of a list statement for these parameters, one line per step. */
async function plan(text: string, params: Record<string, unknown>): Promise<string> {
  if (engine.kind === 'sqlite') {
    const rows = (engine as SqliteEngine).opened.sqlite.prepare(`EXPLAIN QUERY PLAN ${text}`).all(params) as { detail: string }[];
    return rows.map((r) => r.detail).join('\n');
  }
  // The same `@name` to `$n` rewrite as the engine's statements; empty tables would be read whole,
  // so sequential scans are switched off to see which index the planner takes for this shape.
  const names: string[] = [];
  const positional = text.replace(/@([A-Za-z_][A-Za-z0-9_]*)/g, (_m, name: string) => `$${(names.indexOf(name) + 1 || names.push(name))}`);
  const client = await (engine as PgEngine).pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL enable_seqscan = off');
    const r = await client.query({ text: `EXPLAIN ${positional}`, values: names.map((n) => params[n] ?? null), rowMode: 'array' });
    await client.query('ROLLBACK');
    return (r.rows as string[][]).map((x) => x[0]).join('\n');
  } finally {
    client.release();
  }
}

describe('the appointments list statements', () => {
  test("a unit's day page walks the page index in list order, with no sort", async () => {
    const page = await plan(appointmentsPageSql, pageParams(dayUnit, 100, 0));
    expect(page).toMatch(/appointments_page_idx/);
    expect(page).not.toMatch(/TEMP B-TREE|Sort/);
  });

  test("a unit's day count, and the count after the rows a page read, are found through the same index", async () => {
    expect(await plan(appointmentsCountSql, pageParams(dayUnit, 1, 0))).toMatch(/appointments_page_idx/);
    expect(await plan(appointmentsCountAfterSql, { ...pageParams({ ...dayUnit, fromAt: '2026-11-04T15:00:00.000Z' }, 1, 0), afterId: 40 })).toMatch(/appointments_page_idx/);
  });
});
