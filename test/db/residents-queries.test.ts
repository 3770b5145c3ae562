import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedDemoFacility } from '../../db/demo/generate';
import { openEngine, type Engine } from '../../db/engine';
import type { PgEngine } from '../../db/engine/pg';
import type { SqliteEngine } from '../../db/engine/sqlite';
import { sourceMigrationsRoot } from '../../db/paths';
import type { Queries } from '../../db/queries';
import { censusPageSql, censusParams, isNarrowSearch } from '../../db/queries/residents';
import { censusSorts, ListInput } from '../../shared/contract/residents';
import { compareRoomLabels } from '../../shared/domain/residents/room-order';
import { isOnCensus } from '../../shared/domain/residents/timeline';
import { tempDir, testEngineConfig } from '../support/core';

let engine: Engine;
let q: Queries;
const today = '2026-03-02';
const list = (input: Partial<ListInput>) => q.residents.list(ListInput.parse(input), today);

beforeAll(async () => {
  engine = await openEngine(await testEngineConfig(path.join(tempDir(), 'residents.sqlite')), { migrationsRoot: sourceMigrationsRoot });
  await seedDemoFacility(engine, { seed: 7, now: new Date('2026-03-02T14:00:00Z'), hashPassword: () => 'x', residents: 150 });
  q = engine.q;
});
afterAll(() => engine.close());

/** One number from portable SQL, on either engine. */
async function scalar(text: string): Promise<number> {
  const rows = engine.kind === 'sqlite' ? ((engine as SqliteEngine).opened.sqlite.prepare(text).raw(true).all() as unknown[][]) : (await (engine as PgEngine).pool.query({ text, rowMode: 'array' })).rows;
  return Number(rows[0]![0]);
}

describe('census queries on a real file', () => {
  test('the demo facility has its census, past residents, and consistent history', async () => {
    const all = await list({ status: 'all', limit: 500 });
    expect(all.total).toBe(165);
    const census = await list({ limit: 500 });
    expect(census.total).toBe(150);
    expect(census.rows.every((r) => isOnCensus(r.status) && r.location !== null)).toBe(true);
    // One resident per bed, and every open bed assignment matches residents.bed_id.
    expect(await scalar('SELECT count(*) FROM (SELECT bed_id FROM residents WHERE bed_id IS NOT NULL GROUP BY bed_id HAVING count(*) > 1) x')).toBe(0);
    expect(await scalar('SELECT count(*) FROM residents r JOIN resident_bed_assignments a ON a.resident_id = r.id AND a.to_date IS NULL WHERE a.bed_id <> r.bed_id OR r.bed_id IS NULL')).toBe(0);
    // The server enforces foreign keys on every statement; SQLite is asked.
    if (engine.kind === 'sqlite') expect((engine as SqliteEngine).opened.sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  test('sorted by unit and room in door order, paged without overlap', async () => {
    const first = await list({ limit: 40 });
    const second = await list({ limit: 40, offset: 40 });
    const rows = [...first.rows, ...second.rows];
    expect(new Set(rows.map((r) => r.id)).size).toBe(80);
    const units = await q.facility.units();
    const unitOrder = (id: number) => units.findIndex((u) => u.id === id);
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1]!.location!;
      const b = rows[i]!.location!;
      const order = unitOrder(a.unitId) - unitOrder(b.unitId) || compareRoomLabels(a.roomLabel, b.roomLabel) || compareRoomLabels(a.bedLabel, b.bedLabel);
      expect(order).toBeLessThanOrEqual(0);
    }
    const desc = await list({ limit: 5, desc: true });
    expect(desc.rows[0]!.location!.unitName).toBe('Assisted Living');
  });

  test('filters combine: unit, status, code status, fall risk, isolation', async () => {
    const unitId = (await q.facility.units())[0]!.id;
    const r = await list({ unitId, codeStatus: 'dnr', fallRisk: 'high', limit: 500 });
    expect(r.rows.length).toBe(r.total);
    expect(r.rows.every((x) => x.location?.unitId === unitId && x.codeStatus === 'dnr' && x.fallRisk === 'high')).toBe(true);
    const iso = await list({ isolation: 'any', limit: 500 });
    expect(iso.total).toBeGreaterThan(0);
    expect(iso.rows.every((x) => x.isolation !== 'none')).toBe(true);
    const discharged = await list({ status: 'discharged', limit: 500 });
    expect(discharged.rows.every((x) => x.status === 'discharged' && x.location === null)).toBe(true);
  });

  test('search ignores case, accents and punctuation; shared names are told apart by room and birth date', async () => {
    const r = await list({ query: 'jose obrien', sort: 'dateOfBirth' });
    const twins = r.rows.filter((x) => x.legalGiven === 'José' && x.legalFamily === "O'Brien");
    expect(twins.map((x) => x.dateOfBirth)).toEqual(['1941-05-12', '1947-11-03']);
    expect(twins[0]!.location!.bedId).not.toBe(twins[1]!.location!.bedId);
    expect((await list({ query: 'GARCÍA maria' })).rows.some((x) => x.dateOfBirth === '1936-02-29')).toBe(true);
    expect((await list({ query: '김' })).rows.some((x) => x.legalFamily === '김')).toBe(true);
    expect((await list({ query: 'MG0100' })).total).toBeGreaterThan(0);
    expect((await list({ query: 'zzzz-nobody' })).total).toBe(0);
  });

  test('a name search reads the table in order instead of walking the sort index, with the same rows in every sort', async () => {
    expect([' ', 'm', 'ma', 'm a g'].map(isNarrowSearch)).toEqual([false, false, false, false]);
    expect(['kim', 'jose obrien', 'o brien', '김민준', 'MG0012'].map(isNarrowSearch)).toEqual([true, true, true, true, true]);
    // PostgreSQL plans this itself; the SQL only differs on SQLite.
    if (engine.kind !== 'sqlite') return;
    const sqlite = (engine as SqliteEngine).opened.sqlite;
    const params = censusParams(ListInput.parse({ query: 'garcia', status: 'all', limit: 100 }));
    for (const sort of censusSorts) {
      const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${censusPageSql(sort, false, 'sqlite', true)}`).all(params) as { detail: string }[];
      expect(plan.map((r) => r.detail).join(' | ')).not.toMatch(/SCAN r USING/);
    }
    for (const query of ['kim', 'garcia', 'o brien', 'ana', 'MG01', 'zzzz-nobody'])
      for (const sort of censusSorts)
        for (const desc of [false, true]) {
          const p = censusParams(ListInput.parse({ query, status: 'all', limit: 20, offset: 3 }));
          const walked = sqlite.prepare(censusPageSql(sort, desc, 'sqlite', false)).raw(true).all(p);
          const read = sqlite.prepare(censusPageSql(sort, desc, 'sqlite', true)).raw(true).all(p);
          expect(read, `${query} by ${sort}${desc ? ' desc' : ''}`).toEqual(walked);
        }
  });

  test('a Feb-29 birthday is a year older on March 1, not Feb 28', async () => {
    const row = (await list({ query: 'maria garcia', sort: 'dateOfBirth' })).rows.find((x) => x.dateOfBirth === '1936-02-29')!;
    expect((await q.residents.list(ListInput.parse({ query: row.recordNumber }), '2026-02-28')).rows[0]!.age).toBe(89);
    expect((await q.residents.list(ListInput.parse({ query: row.recordNumber }), '2026-03-01')).rows[0]!.age).toBe(90);
  });

  test('name sort puts accented names with their letter', async () => {
    const rows = (await list({ sort: 'name', limit: 500 })).rows.map((r) => r.legalFamily);
    const firstNunez = rows.findIndex((f) => f === 'Núñez');
    const firstO = rows.findIndex((f) => f === "O'Brien");
    if (firstNunez >= 0 && firstO >= 0) expect(firstNunez).toBeLessThan(firstO);
  });

  test('each occupied bed on the bed board carries the allergy flag of its census row', async () => {
    const census = new Map((await list({ limit: 500 })).rows.map((r) => [r.id, r.allergies]));
    const occupants = (await q.residents.bedBoard(null)).units.flatMap((u) => u.rooms.flatMap((r) => r.beds.flatMap((b) => (b.occupant ? [b.occupant] : []))));
    expect(occupants.length).toBe(census.size);
    for (const o of occupants) expect(o.allergies).toEqual({ state: census.get(o.id)!.state, hasSevere: census.get(o.id)!.hasSevere });
    expect(occupants.some((o) => o.allergies.hasSevere)).toBe(true);
  });
});
