import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openEngine } from '../../db/engine';
import type { PgConnection } from '../../db/engine/pg';
import { DatabaseOpenError } from '../../db/open';
import { sourceMigrationsRoot } from '../../db/paths';
import { createCore } from '../../electron/core/app';
import { manualClock } from '../../electron/core/clock';
import { STRONG_PASSWORD, caller, freshPgDatabase, setupInput, tempDir, testPasswordCost, trackCore } from '../support/core';
import { admin, freePort, startCluster, type Cluster } from '../support/pg-cluster';

/** What opening a server database that cannot be used says, and what it wrote: nothing. */
async function openFailure(connection: PgConnection, migrationsRoot = sourceMigrationsRoot): Promise<string> {
  try {
    const engine = await openEngine({ kind: 'pg', connection }, { migrationsRoot });
    await engine.close();
    return 'opened';
  } catch (e) {
    if (e instanceof DatabaseOpenError) return e.reason;
    throw e;
  }
}

async function tables(connection: PgConnection): Promise<string[]> {
  const client = new pg.Client({ ...connection, ssl: false });
  await client.connect();
  try {
    return (await client.query<{ t: string }>('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1')).rows.map((r) => r.t);
  } finally {
    await client.end();
  }
}

describe('a server that cannot be used: a specific reason, nothing written', () => {
  let secured: Cluster;
  beforeAll(async () => {
    secured = await startCluster({ password: 'the right password' });
    await admin(secured, 'CREATE DATABASE caredesk');
  });
  afterAll(() => secured.stop());

  test('a wrong password', async () => {
    expect(await openFailure({ ...secured.connection('caredesk'), password: 'a wrong one' })).toBe('auth_failed');
    expect(await tables(secured.connection('caredesk'))).toEqual([]);
  });

  test('the right password opens it', async () => {
    expect(await openFailure(secured.connection('caredesk'))).toBe('opened');
  });

  test('an unreachable host (nothing listens on the port)', async () => {
    expect(await openFailure({ ...secured.connection('caredesk'), port: await freePort() })).toBe('unreachable');
  });

  test('TLS required by the policy, and a server that does not offer it', async () => {
    expect(await openFailure({ ...secured.connection('caredesk'), tls: 'require' })).toBe('tls_refused');
  });

  test('a database that does not exist', async () => {
    expect(await openFailure(secured.connection('nowhere'))).toBe('no_database');
  });

  test("a database that is not CareDesk's is never written into", async () => {
    await admin(secured, 'CREATE DATABASE payroll');
    await admin(secured, 'CREATE TABLE employees (id int)', 'payroll');
    expect(await openFailure(secured.connection('payroll'))).toBe('not_caredesk');
    expect(await tables(secured.connection('payroll'))).toEqual(['employees']);
  });

  test('a database written by a newer CareDesk is refused', async () => {
    const connection = await freshPgDatabase();
    await admin({ connection: () => connection }, `INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('future', 99999999999999)`, connection.database);
    expect(await openFailure(connection)).toBe('newer_schema');
  });

  test('a database from every earlier release upgrades, under the migration lock', async () => {
    const journal = JSON.parse(fs.readFileSync(path.join(sourceMigrationsRoot, 'pg', 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    for (let k = 1; k < journal.entries.length; k++) {
      const older = tempDir('caredesk-pg-release-');
      fs.mkdirSync(path.join(older, 'pg', 'meta'), { recursive: true });
      for (const e of journal.entries.slice(0, k)) fs.copyFileSync(path.join(sourceMigrationsRoot, 'pg', `${e.tag}.sql`), path.join(older, 'pg', `${e.tag}.sql`));
      fs.writeFileSync(path.join(older, 'pg', 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, k) }));
      await admin(secured, `CREATE DATABASE release_${k}`);
      const c = secured.connection(`release_${k}`);
      expect(await openFailure(c, older)).toBe('opened');
      const engine = await openEngine({ kind: 'pg', connection: c }, { migrationsRoot: sourceMigrationsRoot });
      expect((engine as unknown as { applied: number }).applied).toBe(journal.entries.length - k);
      await engine.close();
    }
  });
});

describe('the server going away mid-session', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster();
    await admin(cluster, 'CREATE DATABASE caredesk');
  });
  afterAll(() => cluster.stop());

  test('every call is a typed "unavailable" with since when; the station reconnects by itself', { timeout: 60_000 }, async () => {
    const clock = manualClock('2026-03-02T14:00:00Z');
    const core = trackCore(await createCore({ engine: { kind: 'pg', connection: cluster.connection('caredesk') }, migrationsRoot: sourceMigrationsRoot, clock, passwordCost: testPasswordCost, checkOutput: true }));
    const a = caller(core);
    await a.must('setup.createFacility', setupInput);
    await a.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    const heard: string[] = [];
    core.engine.changes.subscribe((events) => events.forEach((e) => e.kind && e.kind !== 'change' && heard.push(e.kind)));

    cluster.pause();
    clock.advance(60_000);
    const down = await a.call('residents.list', {});
    expect(down).toMatchObject({ ok: false, error: { code: 'unavailable', message: 'error.serverUnavailable' } });
    expect(!down.ok && typeof down.error.params?.since).toBe('string');
    // A write refused the same way, and nothing crashed.
    expect(await a.call('facility.addUnit', { name: 'Skilled 3' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(heard).toContain('unavailable');

    cluster.resume();
    await expect.poll(async () => JSON.stringify(await a.call('residents.list', {})).slice(0, 200), { timeout: 20_000, interval: 250 }).toContain('"ok":true');
    await expect.poll(() => heard.includes('reconnected'), { timeout: 20_000, interval: 250 }).toBe(true);
    // Still signed in: the session lives in the database, which kept it.
    expect((await a.must('facility.addUnit', { name: 'Skilled 3' })).name).toBe('Skilled 3');
  });
});
