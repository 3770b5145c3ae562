import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { openEngine, type Engine, type EngineConfig } from '../../db/engine';
import type { PgEngine } from '../../db/engine/pg';
import type { SqliteEngine } from '../../db/engine/sqlite';
import { sourceMigrationsRoot } from '../../db/paths';
import { searchColumns } from '../../db/queries/residents';
import { engineKind, tempDir } from '../support/core';

// The clinical-record migration (SQLite 0006–0007, PostgreSQL 0003–0004) on a database written by the
// release before it: every row keeps what it had — recorded or defaulted, the migration cannot tell
// which, so it invents nothing in either direction — and the derived columns are filled in from
// data the rows already hold.

const LAST_BEFORE = { sqlite: '0005_training_credentials_sessions', pg: '0002_training_credentials_sessions' } as const;

/** A migrations root holding each dialect's journal up to the release before this change. */
function oldMigrationsRoot(): string {
  const root = tempDir('caredesk-old-migrations-');
  for (const dialect of ['sqlite', 'pg'] as const) {
    const from = path.join(sourceMigrationsRoot, dialect);
    const to = path.join(root, dialect);
    const journal = JSON.parse(fs.readFileSync(path.join(from, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === LAST_BEFORE[dialect]) + 1);
    fs.mkdirSync(path.join(to, 'meta'), { recursive: true });
    fs.writeFileSync(path.join(to, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
    for (const e of entries) fs.copyFileSync(path.join(from, `${e.tag}.sql`), path.join(to, `${e.tag}.sql`));
  }
  return root;
}

async function emptyDatabase(): Promise<EngineConfig> {
  if (engineKind === 'sqlite') return { kind: 'sqlite', file: path.join(tempDir(), 'old.sqlite') };
  const c = inject('pgCluster');
  const { admin } = await import('../support/pg-cluster');
  const name = `m_${randomBytes(6).toString('hex')}`;
  const connection = (database: string) => ({ host: c.host, port: c.port, database, user: c.user, password: '', tls: 'disable' as const });
  await admin({ connection }, `CREATE DATABASE ${name} TEMPLATE template0`);
  return { kind: 'pg', connection: connection(name) };
}

/** Portable SQL with `?` placeholders on either engine. */
async function sql<T = Record<string, unknown>>(engine: Engine, text: string, params: unknown[] = []): Promise<T[]> {
  if (engine.kind === 'sqlite') {
    const statement = (engine as SqliteEngine).opened.sqlite.prepare(text);
    return statement.reader ? (statement.all(...params) as T[]) : (statement.run(...params), []);
  }
  let i = 0;
  return (await (engine as PgEngine).pool.query(text.replace(/\?/g, () => `$${++i}`), params)).rows as T[];
}

const people = [
  { recordNumber: 'R-1', legalGiven: '민준', legalFamily: '김', preferredName: null, state: 'listed', severe: true, clinical: ['regular', 'regular_7', 'thin_0', 'independent', 'none', 'low', 'low', 'none'] },
  { recordNumber: 'R-2', legalGiven: 'José', legalFamily: "O'Brien", preferredName: 'Pepe', state: 'nka', severe: false, clinical: ['renal', 'pureed_4', 'mildly_thick_2', 'two_person', 'wheelchair', 'high', 'moderate', 'contact'] },
] as const;

describe('the clinical-record migration', () => {
  test('keeps every value, fills allergy_items from the items and the family-first search from name_sort', { timeout: 60_000 }, async () => {
    const config = await emptyDatabase();
    const old = await openEngine(config, { migrationsRoot: oldMigrationsRoot() });
    for (const p of people) {
      const s = searchColumns(p);
      const oldCompact = s.searchKey.replaceAll(' ', '');
      await sql(
        old,
        `INSERT INTO residents (record_number, legal_given, legal_family, preferred_name, date_of_birth, sex, search_key, search_compact, name_sort, status, status_since, admitted_on,
          code_status, allergy_state, allergy_recorded_on, allergy_text, allergy_severe, diet_type, iddsi_food, iddsi_drink, transfer, aid, bariatric, fall_risk, wandering_risk, isolation,
          interpreter_needed, created_at, updated_at)
         VALUES (?, ?, ?, ?, '1940-01-01', 'male', ?, ?, ?, 'discharged', '2026-01-01', '2025-01-01', 'dnr', ?, ?, ?, ${p.severe ? 'true' : 'false'}, ?, ?, ?, ?, ?, false, ?, ?, ?, false, 'x', 'x')`,
        [p.recordNumber, p.legalGiven, p.legalFamily, p.preferredName, s.searchKey, oldCompact, s.nameSort, p.state, p.state === 'nka' ? '2025-01-01' : null, p.state === 'listed' ? 'Shellfish (severe), Latex (mild)' : null, ...p.clinical],
      );
    }
    const [first] = await sql<{ id: number }>(old, "SELECT id FROM residents WHERE record_number = 'R-1'");
    // Entered in the order Latex, Shellfish: allergy_items lists the severe one first.
    await sql(old, "INSERT INTO resident_allergies (resident_id, position, substance, reaction, severity) VALUES (?, 0, 'Latex', '', 'mild'), (?, 1, 'Shellfish', 'throat swelling', 'severe')", [first!.id, first!.id]);
    await old.close();

    const engine = await openEngine(config, { migrationsRoot: sourceMigrationsRoot });
    try {
      const rows = await sql<Record<string, unknown>>(
        engine,
        'SELECT record_number, search_compact, allergy_items, diet_type, iddsi_food, iddsi_drink, transfer, aid, bariatric, fall_risk, wandering_risk, isolation FROM residents ORDER BY record_number',
      );
      for (const [i, p] of people.entries()) {
        const r = rows[i]!;
        // What the code writes today, to the character.
        expect(r.search_compact).toBe(searchColumns(p).searchCompact);
        expect([r.diet_type, r.iddsi_food, r.iddsi_drink, r.transfer, r.aid, r.fall_risk, r.wandering_risk, r.isolation]).toEqual([...p.clinical]);
        expect(Boolean(r.bariatric)).toBe(false);
      }
      expect(JSON.parse(rows[0]!.allergy_items as string)).toEqual([
        { substance: 'Shellfish', reaction: 'throat swelling', severity: 'severe' },
        { substance: 'Latex', reaction: '', severity: 'mild' },
      ]);
      expect(rows[1]!.allergy_items).toBeNull();
      // The history tables gained their columns, empty.
      expect(await sql(engine, 'SELECT count(*) AS n FROM resident_status_periods WHERE entered_in_error_at IS NOT NULL')).toEqual([{ n: engine.kind === 'pg' ? '0' : 0 }]);
      if (engine.kind === 'sqlite') expect((engine as SqliteEngine).opened.sqlite.pragma('foreign_key_check')).toEqual([]);
    } finally {
      await engine.close();
    }
  });
});
