import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEMO_PASSWORD, seedDemoFacility } from '../../db/demo/generate';
import { sourceMigrationsFolder, sourceMigrationsRoot } from '../../db/paths';
import { copyInto, MoveError, readLocal } from '../../db/transfer/move-to-server';
import { hashPassword } from '../../electron/core/passwords';
import { createCore } from '../../electron/core/app';
import { caller, freshPgDatabase, makeCore, tempDir, testScryptCost, trackCore } from '../support/core';

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

  test("the setup screen's way: offered only on an empty server with a local file, only to that file's administrator", { timeout: 120_000 }, async () => {
    const file = path.join(tempDir(), 'caredesk.sqlite');
    const local = await makeCore({ engine: { kind: 'sqlite', file } });
    await seedDemoFacility(local.core.engine, { seed: 5, now: new Date('2026-03-02T14:00:00Z'), hashPassword: (p) => hashPassword(p, testScryptCost), residents: 12, staff: 8 });
    await local.core.close();
    const station = trackCore(await createCore({ engine: { kind: 'pg', connection: await freshPgDatabase() }, migrationsRoot: sourceMigrationsRoot, passwordCost: testScryptCost, checkOutput: true, localDatabaseFile: file }));
    const c = caller(station);
    expect(await c.must('setup.localDatabase', {})).toEqual({ available: true, facilityName: 'Maple Grove Care Center', residents: 13, staff: 8 });
    expect(await c.call('setup.moveFromLocal', { username: 'charge', password: DEMO_PASSWORD })).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: 'setup.moveBadCredentials' } });
    expect(await c.call('setup.moveFromLocal', { username: 'admin', password: 'not the password at all' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect((await c.must('setup.status', {})).needsSetup).toBe(true);
    const moved = await c.must('setup.moveFromLocal', { username: 'admin', password: DEMO_PASSWORD });
    expect(moved.rows).toBeGreaterThan(100);
    expect((await c.must('setup.status', {})).needsSetup).toBe(false);
    expect(await c.must('setup.localDatabase', {})).toMatchObject({ available: false });
    expect(await c.call('setup.moveFromLocal', { username: 'admin', password: DEMO_PASSWORD })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await c.must('auth.signIn', { username: 'admin', password: DEMO_PASSWORD });
    const history = await c.must('audit.list', { entity: 'facility', entityId: '1' });
    expect(history.rows[0]).toMatchObject({ method: 'setup.moveFromLocal', userName: 'Alex Administrator', after: { movedFromStation: true } });
  });

  test('a file that is not a database is named, and nothing is written to the server', async () => {
    const file = path.join(tempDir(), 'not.sqlite');
    fs.writeFileSync(file, 'this is a shopping list');
    await expect(readLocal(file, { migrationsFolder: path.join(sourceMigrationsRoot, 'sqlite') })).rejects.toMatchObject({ reason: 'source_unreadable' });
  });
});
