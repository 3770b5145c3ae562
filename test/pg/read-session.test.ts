import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { clientConfig } from '../../db/engine/pg';
import { sourceMigrationsRoot } from '../../db/paths';
import { createCore } from '../../electron/core/app';
import { manualClock } from '../../electron/core/clock';
import { STRONG_PASSWORD, caller, freshPgDatabase, setupInput, testPasswordCost, trackCore } from '../support/core';
import { addRooms, admission } from '../support/residents';

/**
 * A read on the server does not wait for its session lookup before starting its own statements
 * (docs/architecture.md, the dispatcher per call; docs/decisions.md): the two are under way together, and the read's
 * answer is released only when the lookup finds the session as the read assumed it. These tests hold
 * the sessions table with a lock from another connection, as a slow or busy server would, to see
 * both halves: what runs meanwhile, and what is released.
 */
async function stationWithNurse() {
  const connection = await freshPgDatabase();
  const clock = manualClock('2026-03-02T14:00:00Z');
  const core = trackCore(await createCore({ engine: { kind: 'pg', connection }, migrationsRoot: sourceMigrationsRoot, clock, passwordCost: testPasswordCost, checkOutput: true }));
  const admin = caller(core);
  await admin.must('setup.createFacility', setupInput);
  await admin.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
  const { units, beds } = await addRooms(admin);
  await admin.must('residents.admit', admission({ unitId: units['Memory Care']!, bedId: beds['101A']! }));
  const user = await admin.must('users.create', { username: 'rosa', displayName: 'Rosa Nurse', role: 'nurse', password: 'quiet meadow lantern' });
  const nurse = caller(core);
  await nurse.must('auth.signIn', { username: 'rosa', password: 'quiet meadow lantern' });
  await nurse.must('auth.changePassword', { currentPassword: 'quiet meadow lantern', newPassword: 'river stone harbor light' });
  // A first read: the session as the database holds it now is this connection's guess for the next.
  await nurse.must('residents.list', {});
  // Another station's connection (holding the locks), and one looking on (pg_stat_activity is read
  // once per transaction, so not from the one holding them).
  const other = new pg.Client(clientConfig(connection));
  await other.connect();
  const observer = new pg.Client(clientConfig(connection));
  await observer.connect();
  return { core, admin, nurse, userId: user.id, other, observer };
}

/** Statements of the station's pool waiting on a lock. */
async function waiting(other: pg.Client): Promise<string[]> {
  const r = await other.query<{ query: string }>(
    `SELECT query FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'CareDesk' AND wait_event_type = 'Lock'`,
  );
  return r.rows.map((row) => row.query);
}

const settledWithin = (p: Promise<unknown>, ms: number) => Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe('a read and its session lookup', () => {
  test('run together: the census statement is under way while the lookup still waits', async () => {
    const s = await stationWithNurse();
    try {
      await s.other.query('BEGIN');
      await s.other.query('LOCK TABLE sessions, residents IN ACCESS EXCLUSIVE MODE');
      const read = s.nurse.call('residents.list', {});
      // Both wait on the lock: the lookup (sessions) and the page (residents), not one after the other.
      await expect.poll(async () => (await waiting(s.observer)).length, { timeout: 5000 }).toBe(2);
      const queries = (await waiting(s.observer)).join('\n');
      expect(queries).toContain('FROM sessions s');
      expect(queries).toContain('FROM residents r');
      await s.other.query('ROLLBACK');
      expect(await read).toMatchObject({ ok: true, value: { total: 1 } });
    } finally {
      await s.other.end();
      await s.observer.end();
    }
  });

  test('nothing is released before the lookup answers, and a role changed meanwhile refuses the read', async () => {
    const s = await stationWithNurse();
    try {
      await s.other.query('BEGIN');
      await s.other.query('LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE');
      const read = s.nurse.call('residents.list', {});
      // The census was read under the guess; its answer waits for the lookup.
      expect(await settledWithin(read, 500)).toBe(false);
      // Another station makes Rosa a driver (no census) and commits: the lookup finds the new role.
      await s.other.query(`UPDATE users SET role = 'driver', version = version + 1 WHERE id = $1`, [s.userId]);
      await s.other.query('COMMIT');
      expect(await read).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      // And the next read is decided on the new role too.
      expect(await s.nurse.call('residents.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      await s.other.end();
      await s.observer.end();
    }
  });

  test('a deactivation committed while the read runs ends the session; the answer is not released', async () => {
    const s = await stationWithNurse();
    try {
      await s.other.query('BEGIN');
      await s.other.query('LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE');
      const read = s.nurse.call('residents.list', {});
      expect(await settledWithin(read, 300)).toBe(false);
      await s.other.query(`UPDATE users SET active = false, version = version + 1 WHERE id = $1`, [s.userId]);
      await s.other.query('COMMIT');
      expect(await read).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      const ended = await s.other.query<{ reason: string }>(`SELECT end_reason AS reason FROM sessions WHERE user_id = $1 AND ended_at IS NOT NULL`, [s.userId]);
      expect(ended.rows.map((r) => r.reason)).toContain('deactivated');
    } finally {
      await s.other.end();
      await s.observer.end();
    }
  });
});
