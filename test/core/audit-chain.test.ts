import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { GENESIS, rowHash } from '../../db/audit-chain';
import { STRONG_PASSWORD, adminCore, caller, makeCore, setupInput, tempDir, testEngineConfig } from '../support/core';
import { sqlExec, sqlRows } from '../support/db';

/**
 * Issue 16, item 2: `DELETE FROM audit_log` and `UPDATE audit_log SET user_id=…` succeeded and the
 * History tab showed the altered trail. Now the rows are chained, both engines refuse UPDATE and
 * DELETE, and verification names the first broken link.
 */

type Row = { id: number; prev_hash: string | null; hash: string | null };

async function chainRows(core: Parameters<typeof sqlRows>[0]): Promise<Row[]> {
  return (await sqlRows<Row>(core, 'SELECT id, prev_hash, hash FROM audit_log ORDER BY id')).map((r) => ({ ...r, id: Number(r.id) }));
}

/** What someone with the file (or the server's superuser) can do: take the guards away. */
async function removeGuards(core: Parameters<typeof sqlExec>[0]): Promise<void> {
  if (core.engine.kind === 'sqlite') {
    await sqlExec(core, 'DROP TRIGGER IF EXISTS audit_log_no_update');
    await sqlExec(core, 'DROP TRIGGER IF EXISTS audit_log_no_delete');
  } else {
    await sqlExec(core, 'ALTER TABLE audit_log DISABLE TRIGGER USER');
  }
}

/** A facility with a few users: a dozen chained rows to tamper with. */
async function trail() {
  const a = await adminCore();
  for (const n of [1, 2, 3]) await a.must('users.create', { username: `user${n}`, displayName: `User ${n}`, role: 'nurse', password: 'quiet meadow lantern' });
  const rows = await chainRows(a.core);
  expect(rows.length).toBeGreaterThanOrEqual(6);
  return { ...a, rows };
}

describe('the audit trail is a hash chain', () => {
  test('every row stores the previous row hash and its own; the whole trail verifies', async () => {
    const { rows, must } = await trail();
    expect(rows[0]!.prev_hash).toBe(GENESIS);
    rows.forEach((r, i) => {
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
      if (i > 0) expect(r.prev_hash).toBe(rows[i - 1]!.hash);
    });
    const verdict = await must('audit.verify', { scope: 'full' });
    expect(verdict).toMatchObject({ ok: true, broken: null, checked: rows.length, total: rows.length });
    expect(verdict.tail).toMatchObject({ id: rows.at(-1)!.id });
  });

  test('UPDATE and DELETE on audit_log are refused by the database itself', async () => {
    const { core, rows } = await trail();
    const id = rows[2]!.id;
    await expect(sqlExec(core, 'UPDATE audit_log SET user_id = NULL WHERE id = ?', [id])).rejects.toThrow(/append-only/);
    await expect(sqlExec(core, 'UPDATE audit_log SET hash = NULL, prev_hash = NULL WHERE id = ?', [id])).rejects.toThrow(/append-only/);
    await expect(sqlExec(core, 'DELETE FROM audit_log WHERE id = ?', [id])).rejects.toThrow(/append-only/);
    await expect(sqlExec(core, 'DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    if (core.engine.kind === 'pg') await expect(sqlExec(core, 'TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect(await chainRows(core)).toEqual(rows);
  });

  test('an edited row is the first broken link', async () => {
    const { core, rows, must } = await trail();
    await removeGuards(core);
    const id = rows[3]!.id;
    await sqlExec(core, 'UPDATE audit_log SET user_id = NULL WHERE id = ?', [id]);
    expect(await must('audit.verify', { scope: 'full' })).toMatchObject({ ok: false, broken: { id, reason: 'edited' } });
  });

  test('a deleted row breaks the link of the row after it', async () => {
    const { core, rows, must } = await trail();
    await removeGuards(core);
    await sqlExec(core, 'DELETE FROM audit_log WHERE id = ?', [rows[2]!.id]);
    expect(await must('audit.verify', { scope: 'full' })).toMatchObject({ ok: false, broken: { id: rows[3]!.id, reason: 'link' } });
  });

  test('an inserted row breaks a link even when its own hash is computed correctly', async () => {
    const { core, rows, must } = await trail();
    await removeGuards(core);
    const k = rows[2]!;
    // Make room after row k, then slip in a row that claims to follow it.
    await sqlExec(core, 'UPDATE audit_log SET id = id + 1000 WHERE id > ?', [k.id]);
    const forged = { at: '2026-03-02T14:00:00.000Z', userId: null, method: 'users.update', entity: 'user', entityId: '1', beforeJson: null, afterJson: '{"role":"administrator"}', kind: 'change', station: null };
    await sqlExec(core, 'INSERT INTO audit_log (id, at, user_id, method, entity, entity_id, before_json, after_json, kind, station, prev_hash, hash) VALUES (?, ?, NULL, ?, ?, ?, NULL, ?, ?, NULL, ?, ?)', [
      k.id + 1,
      forged.at,
      forged.method,
      forged.entity,
      forged.entityId,
      forged.afterJson,
      forged.kind,
      k.hash,
      rowHash(k.hash!, forged),
    ]);
    expect(await must('audit.verify', { scope: 'full' })).toMatchObject({ ok: false, broken: { id: rows[3]!.id + 1000, reason: 'link' } });
  });

  test('two rows swapped are found', async () => {
    const { core, rows, must } = await trail();
    await removeGuards(core);
    const [a, b] = [rows[2]!.id, rows[3]!.id];
    await sqlExec(core, 'UPDATE audit_log SET id = ? WHERE id = ?', [-1, a]);
    await sqlExec(core, 'UPDATE audit_log SET id = ? WHERE id = ?', [a, b]);
    await sqlExec(core, 'UPDATE audit_log SET id = ? WHERE id = ?', [b, -1]);
    expect(await must('audit.verify', { scope: 'full' })).toMatchObject({ ok: false, broken: { id: a, reason: 'link' } });
  });

  test('the start-up check verifies the tail and logs it; rows from before the chain are sealed once', async () => {
    const file = path.join(tempDir(), 'caredesk.sqlite');
    const engine = await testEngineConfig(file);
    const first = await makeCore({ engine });
    const c = caller(first.core);
    await c.must('setup.createFacility', setupInput);
    await c.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    // A trail written by the release before the chain: no hashes at all.
    await removeGuards(first.core);
    await sqlExec(first.core, 'UPDATE audit_log SET prev_hash = NULL, hash = NULL');
    await first.core.close();

    const second = await makeCore({ engine });
    const rows = await chainRows(second.core);
    expect(rows.every((r) => r.hash !== null)).toBe(true);
    expect(rows[0]!.prev_hash).toBe(GENESIS);
    const logged = second.log.lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.ev === 'audit_chain');
    expect(logged).toMatchObject({ ok: true, sealed: rows.length, tailId: rows.at(-1)!.id, tailHash: rows.at(-1)!.hash });
    await second.core.close();

    // Tampered with while the app was closed: the next start says so in its log.
    const third = await makeCore({ engine });
    await removeGuards(third.core);
    await sqlExec(third.core, 'UPDATE audit_log SET user_id = NULL WHERE id = ?', [rows.at(-1)!.id]);
    await third.core.close();
    const fourth = await makeCore({ engine });
    const again = fourth.log.lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.ev === 'audit_chain');
    expect(again).toMatchObject({ ok: false, brokenId: rows.at(-1)!.id, reason: 'edited', sealed: 0 });
  });

  test('writes from two connections at once never fork the chain', async () => {
    const a = await adminCore();
    const other = caller(a.core);
    await other.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? a : other).must('users.create', { username: `u${i}`, displayName: `Person ${i}`, role: 'nurse', password: 'quiet meadow lantern' })),
    );
    expect(await a.must('audit.verify', { scope: 'full' })).toMatchObject({ ok: true });
  });

  test('two rows can never follow the same row: each takes the id after its predecessor, so a second one collides on the key', async () => {
    const { core, rows } = await trail();
    // Every row's id is the one after the row it follows: the trail is contiguous.
    rows.forEach((r, i) => {
      if (i > 0) expect(r.id).toBe(rows[i - 1]!.id + 1);
    });
    // What a second station that read the same tail would write: a row after the last one, with the last one's successor id.
    const last = rows.at(-1)!;
    const before = rows.at(-2)!;
    const fork = { at: '2026-03-02T14:00:00.000Z', userId: null, method: 'users.update', entity: 'user', entityId: '1', beforeJson: null, afterJson: '{"role":"administrator"}', kind: 'change', station: null };
    await expect(
      sqlExec(core, 'INSERT INTO audit_log (id, at, method, entity, entity_id, after_json, kind, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
        before.id + 1,
        fork.at,
        fork.method,
        fork.entity,
        fork.entityId,
        fork.afterJson,
        fork.kind,
        before.hash,
        rowHash(before.hash!, fork),
      ]),
    ).rejects.toThrow(/UNIQUE|unique|duplicate/);
    expect((await chainRows(core)).at(-1)).toEqual(last);
  });

  test('only the audit readers may verify', async () => {
    const a = await adminCore();
    await a.must('users.create', { username: 'rn', displayName: 'Rosa Nurse', role: 'nurse', password: 'quiet meadow lantern' });
    const rn = caller(a.core);
    await rn.must('auth.signIn', { username: 'rn', password: 'quiet meadow lantern' });
    await rn.must('auth.changePassword', { currentPassword: 'quiet meadow lantern', newPassword: 'river stone harbor light' });
    expect(await rn.call('audit.verify', { scope: 'full' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
  test('a call\'s one row (a prepared statement) and a batch (one multi-row insert) are stored alike and chain as one trail', async () => {
    const { core, must } = await adminCore();
    const at = '2026-11-02T12:00:00.000Z';
    await core.engine.write(async () => {
      await core.q.audit.insert({ at, userId: null, method: 'test.one', entity: 'user', entityId: null, before: null, after: { language: 'es', note: "O'Brien \u00f1" } });
      await core.q.audit.insertMany([
        { at, userId: 1, method: 'test.batch', entity: 'resident', entityId: '7', before: { a: 1 }, after: null, kind: 'access', station: 'ST-2' },
        { at, userId: 1, method: 'test.batch', entity: 'resident', entityId: '8', before: null, after: null, kind: 'denied', station: null },
      ]);
      await core.q.audit.insert({ at, userId: 1, method: 'test.two', entity: 'user', entityId: '1', before: { language: 'en' }, after: { language: 'es' }, kind: 'change', station: 'ST-1' });
    });
    const rows = (
      await sqlRows<{ id: number; user_id: number | null; method: string; entity_id: string | null; before_json: string | null; after_json: string | null; kind: string; station: string | null }>(
        core,
        "SELECT id, user_id, method, entity_id, before_json, after_json, kind, station FROM audit_log WHERE method LIKE 'test.%' ORDER BY id",
      )
    ).map((r) => ({ ...r, id: undefined, user_id: r.user_id === null ? null : Number(r.user_id) }));
    expect(rows).toEqual([
      { id: undefined, user_id: null, method: 'test.one', entity_id: null, before_json: null, after_json: JSON.stringify({ language: 'es', note: "O'Brien \u00f1" }), kind: 'change', station: null },
      { id: undefined, user_id: 1, method: 'test.batch', entity_id: '7', before_json: '{"a":1}', after_json: null, kind: 'access', station: 'ST-2' },
      { id: undefined, user_id: 1, method: 'test.batch', entity_id: '8', before_json: null, after_json: null, kind: 'denied', station: null },
      { id: undefined, user_id: 1, method: 'test.two', entity_id: '1', before_json: '{"language":"en"}', after_json: '{"language":"es"}', kind: 'change', station: 'ST-1' },
    ]);
    const chained = await chainRows(core);
    chained.forEach((r, i) => {
      if (i > 0) expect(r.prev_hash).toBe(chained[i - 1]!.hash);
    });
    expect(await must('audit.verify', { scope: 'full' })).toMatchObject({ ok: true, broken: null });
  });
});
