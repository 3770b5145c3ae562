import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openDatabase } from '../../db/open';
import { sourceMigrationsFolder } from '../../db/paths';
import { tempDir } from '../support/core';

/** A migrations folder holding only the journal entries up to `tag`: the schema an older release shipped. */
function foldersUpTo(tag: string): string {
  const dir = tempDir('caredesk-migrations-');
  const journal = JSON.parse(fs.readFileSync(path.join(sourceMigrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const upTo = journal.entries.findIndex((e) => e.tag === tag);
  const entries = journal.entries.slice(0, upTo + 1);
  fs.mkdirSync(path.join(dir, 'meta'));
  fs.writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const e of entries) fs.copyFileSync(path.join(sourceMigrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

describe('residents migration', () => {
  test('a foundation database with rooms and beds migrates, keeps its rows and passes foreign_key_check', () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const old = openDatabase(file, { migrationsFolder: foldersUpTo('0000_foundation') });
    old.sqlite.exec(`INSERT INTO units (name, sort_order) VALUES ('Memory Care', 0);
      INSERT INTO rooms (unit_id, label) VALUES (1, '101');
      INSERT INTO beds (room_id, label) VALUES (1, 'A'), (1, 'B');`);
    expect(() => old.sqlite.prepare('SELECT count(*) FROM residents').get()).toThrow();
    old.close();

    const migrated = openDatabase(file, { migrationsFolder: sourceMigrationsFolder });
    expect(migrated.applied).toBeGreaterThanOrEqual(1);
    expect(migrated.backupFile).not.toBeNull();
    expect(migrated.sqlite.prepare('SELECT count(*) AS n FROM beds').get()).toEqual({ n: 2 });
    expect(migrated.sqlite.prepare('SELECT count(*) AS n FROM residents').get()).toEqual({ n: 0 });
    expect(migrated.sqlite.pragma('foreign_key_check')).toEqual([]);
    // The bed can hold one resident only, whatever the caller does.
    const insert = migrated.sqlite.prepare(
      `INSERT INTO residents (record_number, legal_given, legal_family, date_of_birth, sex, search_key, search_compact, name_sort, status, status_since, admitted_on, bed_id, location_key,
        code_status, allergy_state, diet_type, iddsi_food, iddsi_drink, transfer, aid, fall_risk, wandering_risk, isolation, created_at, updated_at)
       VALUES (?, 'A', 'B', '1940-01-01', 'female', 'a b', 'ab', 'b a', 'active', '2026-01-01', '2026-01-01', 1, 'k',
        'dnr', 'not_recorded', 'regular', 'regular_7', 'thin_0', 'independent', 'none', 'low', 'low', 'none', 'x', 'x')`,
    );
    insert.run('R1');
    expect(() => insert.run('R2')).toThrow(/UNIQUE/);
    migrated.close();
  });
});

describe('training credentials and sessions migration', () => {
  test('a database with training records migrates: records kept with no session, new tables empty and checked', () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const old = openDatabase(file, { migrationsFolder: foldersUpTo('0003_row_versions') });
    old.sqlite.exec(`INSERT INTO staff (name, role, employee_id, hire_date, created_at, updated_at) VALUES ('Ann Aide', 'cna', 'E1', '2020-01-06', 'x', 'x');
      INSERT INTO courses (code, name, validity_kind, validity_value, created_at, updated_at) VALUES ('cpr_bls', 'CPR / BLS', 'months', 24, 'x', 'x');
      INSERT INTO training_records (staff_id, course_id, completed_on, created_at, updated_at) VALUES (1, 1, '2025-01-10', 'x', 'x');`);
    old.close();

    const migrated = openDatabase(file, { migrationsFolder: sourceMigrationsFolder });
    expect(migrated.applied).toBeGreaterThanOrEqual(1);
    expect(migrated.sqlite.prepare('SELECT staff_id, completed_on, source, session_id FROM training_records').all()).toEqual([{ staff_id: 1, completed_on: '2025-01-10', source: 'entry', session_id: null }]);
    expect(migrated.sqlite.prepare('SELECT count(*) AS n FROM staff_credentials').get()).toEqual({ n: 0 });
    expect(migrated.sqlite.pragma('foreign_key_check')).toEqual([]);
    migrated.sqlite.exec(`INSERT INTO credential_types (code, name, created_at, updated_at) VALUES ('rn_licence', 'RN licence', 'x', 'x')`);
    const insert = migrated.sqlite.prepare(
      `INSERT INTO staff_credentials (staff_id, type_id, number, issuing_state, issuing_body, issued_on, expires_on, verified_at, created_at, updated_at) VALUES (1, 1, 'RN-1', ?, ?, ?, ?, 'x', 'x', 'x')`,
    );
    // The database itself refuses an expiry not after the issue date, and a credential with no issuer.
    expect(() => insert.run('IL', null, '2025-01-10', '2025-01-10')).toThrow(/CHECK/);
    expect(() => insert.run(null, null, '2025-01-10', '2027-01-10')).toThrow(/CHECK/);
    insert.run('IL', null, '2025-01-10', '2027-01-10');
    expect(() => insert.run(null, 'Board', '2025-01-10', '2027-06-10')).toThrow(/UNIQUE/);
    migrated.close();
  });
});
