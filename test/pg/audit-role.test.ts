import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { sourceMigrationsRoot } from '../../db/paths';
import { createCore } from '../../electron/core/app';
import { manualClock } from '../../electron/core/clock';
import { STRONG_PASSWORD, caller, freshPgDatabase, setupInput, testPasswordCost, trackCore } from '../support/core';

/** The GRANT block of docs/deploy.md ("The database roles"), exactly as IT would run it. */
function grantsFromDocs(): string {
  const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/deploy.md'), 'utf8');
  const block = /<!-- grants:begin -->\s*```sql\n([\s\S]*?)```\s*<!-- grants:end -->/.exec(doc);
  if (!block?.[1]) throw new Error('docs/deploy.md has no grants block');
  return block[1];
}

describe('the stations’ database role (issue 16, item 2)', () => {
  test('with the documented grants a station works, but cannot delete, change or empty the audit trail', async () => {
    const owner = await freshPgDatabase();
    const role = `caredesk_app_${randomBytes(4).toString('hex')}`;
    const clock = manualClock('2026-03-02T14:00:00Z');
    // The owner creates the tables and the facility (the first start).
    const first = trackCore(await createCore({ engine: { kind: 'pg', connection: owner }, migrationsRoot: sourceMigrationsRoot, clock, passwordCost: testPasswordCost }));
    await caller(first).must('setup.createFacility', setupInput);
    await first.close();

    const sql = grantsFromDocs().replaceAll('caredesk_owner', owner.user).replaceAll('caredesk_app', role).replace('DATABASE caredesk ', `DATABASE ${owner.database} `);
    const su = new pg.Client({ ...owner, ssl: false });
    await su.connect();
    try {
      await su.query(sql);
    } finally {
      await su.end();
    }

    const app = { ...owner, user: role };
    const station = trackCore(await createCore({ engine: { kind: 'pg', connection: app }, migrationsRoot: sourceMigrationsRoot, clock, passwordCost: testPasswordCost }));
    const admin = caller(station);
    await admin.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    await admin.must('users.create', { username: 'rosa', displayName: 'Rosa Nurse', role: 'nurse', password: 'quiet meadow lantern' });
    expect(await admin.must('audit.verify', { scope: 'full' })).toMatchObject({ ok: true });

    const asApp = new pg.Client({ ...app, ssl: false });
    await asApp.connect();
    try {
      for (const statement of ['DELETE FROM audit_log', 'UPDATE audit_log SET user_id = NULL', 'TRUNCATE audit_log']) {
        await expect(asApp.query(statement), statement).rejects.toMatchObject({ code: '42501' });
      }
      // Reading and appending is what the role is for.
      expect(Number((await asApp.query<{ n: string }>('SELECT count(*) AS n FROM audit_log')).rows[0]!.n)).toBeGreaterThan(2);
    } finally {
      await asApp.end();
    }
    await station.close();
  });
});
