import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEMO_PASSWORD, seedDemoFacility } from '../../db/demo/generate';
import { sourceMigrationsFolder, sourceMigrationsRoot } from '../../db/paths';
import { copyInto, MoveError, readLocal } from '../../db/transfer/move-to-server';
import { hashPassword } from '../../electron/core/passwords';
import { caller, freshPgDatabase, makeCore, tempDir, testScryptCost } from '../support/core';

const fileHash = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');

describe("moving a station's SQLite file onto the facility server", () => {
  test('every row of every table, verified per table; the file untouched; a second run refused', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const file = path.join(dir, 'caredesk.sqlite');
    const local = await makeCore({ engine: { kind: 'sqlite', file } });
    await seedDemoFacility(local.core.engine, { seed: 9, now: new Date('2026-03-02T14:00:00Z'), hashPassword: (p) => hashPassword(p, testScryptCost), residents: 40, staff: 25 });
    const localCensus = await (async () => {
      const c = caller(local.core);
      await c.must('auth.signIn', { username: 'charge', password: DEMO_PASSWORD });
      return c.must('residents.list', { status: 'all', limit: 500 });
    })();
    await local.core.close();
    const before = fileHash(file);

    const snapshot = await readLocal(file, { migrationsFolder: sourceMigrationsFolder });
    const server = await makeCore({ engine: { kind: 'pg', connection: await freshPgDatabase() } });
    const report = await copyInto(server.core.engine, snapshot);
    expect(report.map((t) => t.name)).toContain('residents');
    expect(report.find((t) => t.name === 'residents')!.rows).toBe(localCensus.total);
    expect(report.every((t, i) => t.checksum === snapshot.tables[i]!.checksum)).toBe(true);
    expect(fileHash(file)).toBe(before);

    // The facility works on the server as it did on the file: same people, same census.
    const c = caller(server.core);
    await c.must('auth.signIn', { username: 'charge', password: DEMO_PASSWORD });
    const serverCensus = await c.must('residents.list', { status: 'all', limit: 500 });
    expect(serverCensus.rows.map((r) => [r.id, r.recordNumber, r.status, r.location?.bedId ?? null])).toEqual(localCensus.rows.map((r) => [r.id, r.recordNumber, r.status, r.location?.bedId ?? null]));
    // New rows continue after the copied ids.
    const unit = await c.call('facility.addUnit', { name: 'Skilled 9' });
    expect(unit.ok).toBe(false); // the charge nurse may not; the administrator may:
    const admin = caller(server.core);
    await admin.must('auth.signIn', { username: 'admin', password: DEMO_PASSWORD });
    const added = await admin.must('facility.addUnit', { name: 'Skilled 9' });
    expect(added.id).toBeGreaterThan(4);

    // Run again: the server is not empty now; nothing is overwritten.
    await expect(copyInto(server.core.engine, snapshot)).rejects.toBeInstanceOf(MoveError);
    await expect(copyInto(server.core.engine, snapshot)).rejects.toMatchObject({ reason: 'target_not_empty' });
    expect((await admin.must('residents.list', { status: 'all', limit: 500 })).total).toBe(localCensus.total);
  });

  test("the administrator's command: the policy's server, the password from a protected file, a table of what was copied", { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const file = path.join(dir, 'caredesk.sqlite');
    const local = await makeCore({ engine: { kind: 'sqlite', file } });
    await seedDemoFacility(local.core.engine, { seed: 4, now: new Date('2026-03-02T14:00:00Z'), hashPassword: (p) => hashPassword(p, testScryptCost), residents: 10, staff: 8 });
    await local.core.close();
    const target = await freshPgDatabase();
    const passwordFile = path.join(dir, 'server-password');
    fs.writeFileSync(passwordFile, 'not needed by the test server\n', { mode: 0o600 });
    const policyFile = path.join(dir, 'policy.json');
    const server = { host: target.host, port: target.port, database: target.database, user: target.user, tls: 'disable', password: { source: 'file', path: passwordFile } };
    fs.writeFileSync(policyFile, JSON.stringify({ server }));
    const run = () => spawnSync(path.resolve('node_modules/.bin/tsx'), ['scripts/move-to-server.ts', '--from', file, '--policy', policyFile], { encoding: 'utf8' });
    const first = run();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/residents\s+11 rows\s+sha256 [0-9a-f]{16}… {2}ok/);
    expect(first.stdout).toMatch(/Done: \d+ rows in \d+ tables, each verified on the server\./);
    const second = run();
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('Refused: the server database already holds data');
    // A password file others can read is refused before anything is read or written.
    fs.chmodSync(passwordFile, 0o644);
    const unsafe = run();
    expect(unsafe.status).toBe(1);
    expect(unsafe.stderr).toContain('password_file_unsafe');
  });

  test('a file that is not a database is named, and nothing is written to the server', async () => {
    const file = path.join(tempDir(), 'not.sqlite');
    fs.writeFileSync(file, 'this is a shopping list');
    await expect(readLocal(file, { migrationsFolder: path.join(sourceMigrationsRoot, 'sqlite') })).rejects.toMatchObject({ reason: 'source_unreadable' });
  });
});
