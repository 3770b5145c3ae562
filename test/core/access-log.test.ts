import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { readAccess } from '../../electron/core/access';
import { contract, methodNames } from '../../shared/contract';
import { STRONG_PASSWORD, adminCore, caller, makeCore, setupInput, tempDir, testEngineConfig } from '../support/core';
import { sqlExec, sqlRows } from '../support/db';
import { addRooms, admission } from '../support/residents';

/**
 * Issue 16, items 3 and 4: reads of health information left no trace ("who looked at this
 * resident" could not be answered), and refused calls were only in the call log, without the user.
 */

type Row = { user_id: number | string | null; method: string; entity: string; entity_id: string | null; after_json: string | null; kind: string; station: string | null };

async function trailRows(a: Awaited<ReturnType<typeof adminCore>>, kind: 'access' | 'denied'): Promise<Row[]> {
  await a.core.dispatcher.settled();
  return sqlRows<Row>(a.core, 'SELECT user_id, method, entity, entity_id, after_json, kind, station FROM audit_log WHERE kind = ? ORDER BY id', [kind]);
}

async function withResident() {
  const a = await adminCore();
  const { units, beds } = await addRooms(a);
  const r = await a.must('residents.admit', admission({ unitId: units['Memory Care']!, bedId: beds['101A']! }));
  const me = (await a.must('auth.session', {})).user!;
  return { ...a, r, me };
}

async function aide(a: Awaited<ReturnType<typeof adminCore>>) {
  const u = await a.must('users.create', { username: 'cna', displayName: 'Carla Aide', role: 'care_aide', password: 'quiet meadow lantern' });
  const c = caller(a.core);
  await c.must('auth.signIn', { username: 'cna', password: 'quiet meadow lantern' });
  await c.must('auth.changePassword', { currentPassword: 'quiet meadow lantern', newPassword: 'river stone harbor light' });
  return { ...c, user: u };
}

describe('access rows: reads of health information', () => {
  test('opening a resident leaves one access row per person, resident and minute', async () => {
    const a = await withResident();
    await a.must('residents.get', { id: a.r.id });
    await a.must('residents.get', { id: a.r.id });
    // Reading the history in the same minute is the same look at the same person.
    await a.must('residents.history', { id: a.r.id });
    expect(await trailRows(a, 'access')).toEqual([{ user_id: a.me.id, method: 'residents.get', entity: 'resident', entity_id: String(a.r.id), after_json: null, kind: 'access', station: 'local' }]);
    a.clock.advance(61_000);
    await a.must('residents.history', { id: a.r.id });
    expect((await trailRows(a, 'access')).map((r) => r.method)).toEqual(['residents.get', 'residents.history']);
  });

  test('a search is recorded with its filter, once per minute however many pages are read', async () => {
    const a = await withResident();
    await a.must('residents.list', { query: ' brien ', limit: 10 });
    await a.must('residents.list', { query: 'brien', offset: 10, limit: 10 });
    await a.must('residents.list', { query: 'brien', sort: 'name' });
    const rows = await trailRows(a, 'access');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ method: 'residents.list', entity: 'resident', entity_id: null });
    expect(JSON.parse(rows[0]!.after_json!)).toEqual({ filter: { query: 'brien', status: 'census', unitId: null, codeStatus: null, fallRisk: null, isolation: null } });
  });

  test('the once-a-minute rule holds in the database too (after a restart, at another station)', async () => {
    const engine = await testEngineConfig(path.join(tempDir(), 'caredesk.sqlite'));
    const first = await makeCore({ engine });
    const c1 = caller(first.core);
    await c1.must('setup.createFacility', setupInput);
    await c1.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    const { units, beds } = await addRooms(c1);
    const r = await c1.must('residents.admit', admission({ unitId: units['Memory Care']!, bedId: beds['101A']! }));
    await c1.must('residents.get', { id: r.id });
    await first.core.close();
    // Same minute, a station that has never seen this read: only the database can tell.
    const second = await makeCore({ engine });
    const c2 = second.core.dispatcher.connect({ station: 'ns-2' });
    await c2.invoke('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    expect(await c2.invoke('residents.get', { id: r.id })).toMatchObject({ ok: true });
    await second.core.dispatcher.settled();
    expect(await sqlRows(second.core, "SELECT station FROM audit_log WHERE kind = 'access'")).toEqual([{ station: 'local' }]);
  });

  test('a failed access-row write never costs the read its answer, and the row is written once it can be', async () => {
    const a = await withResident();
    if (a.core.engine.kind === 'sqlite') await sqlExec(a.core, "CREATE TRIGGER refuse_access BEFORE INSERT ON audit_log WHEN NEW.kind = 'access' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END");
    else {
      await sqlExec(a.core, "CREATE FUNCTION refuse_access() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.kind = 'access' THEN RAISE EXCEPTION 'disk trouble'; END IF; RETURN NEW; END $$");
      await sqlExec(a.core, 'CREATE TRIGGER refuse_access BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_access()');
    }
    expect(await a.call('residents.get', { id: a.r.id })).toMatchObject({ ok: true, value: { id: a.r.id } });
    expect(await trailRows(a, 'access')).toHaveLength(0);
    await sqlExec(a.core, a.core.engine.kind === 'sqlite' ? 'DROP TRIGGER refuse_access' : 'DROP TRIGGER refuse_access ON audit_log');
    await vi.waitFor(async () => expect(await trailRows(a, 'access')).toHaveLength(1), { timeout: 5000, interval: 200 });
    expect(await a.must('audit.verify', { scope: 'full' })).toMatchObject({ ok: true });
  });

  test('who looked at this resident: the viewer filters by resident and kind', async () => {
    const a = await withResident();
    const c = await aide(a);
    await c.must('residents.get', { id: a.r.id });
    await a.core.dispatcher.settled();
    const page = await a.must('audit.list', { residentId: a.r.id, kind: 'access' });
    expect(page.rows.map((r) => [r.userName, r.method, r.kind])).toEqual([['Carla Aide', 'residents.get', 'access']]);
    // The resident's History tab shows changes only.
    expect((await a.must('residents.history', { id: a.r.id })).rows.every((r) => r.kind === 'change')).toBe(true);
  });

  test('every read method says whether it reads health information', () => {
    const reads = methodNames.filter((m) => !contract[m].write);
    expect(reads.filter((m) => !(m in readAccess))).toEqual([]);
    // And nothing is listed that is not a read.
    expect(Object.keys(readAccess).filter((m) => !reads.includes(m as (typeof reads)[number]))).toEqual([]);
  });
});

describe('refused calls are in the audit trail', () => {
  test('a care aide trying to create a user or edit a resident is recorded: who, what, when', async () => {
    const a = await withResident();
    const c = await aide(a);
    expect(await c.call('users.create', { username: 'x', displayName: 'X', role: 'administrator', password: 'quiet meadow lantern' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await c.call('users.create', { username: 'y', displayName: 'Y', role: 'administrator', password: 'quiet meadow lantern' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const r = await c.must('residents.get', { id: a.r.id });
    expect(await c.call('residents.update', { ...admission({ unitId: 1, bedId: 1 }), id: r.id, expectedVersion: r.version, preferredName: 'Pepe' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const rows = await trailRows(a, 'denied');
    expect(rows.map((x) => [Number(x.user_id), x.method, x.entity])).toEqual([
      [c.user.id, 'users.create', 'call'],
      [c.user.id, 'residents.update', 'call'],
    ]);
    const listed = await a.must('audit.list', { kind: 'denied' });
    expect(listed.rows[0]).toMatchObject({ userName: 'Carla Aide', method: 'residents.update', kind: 'denied', at: '2026-03-02T14:00:00.000Z', after: { reason: 'error.forbidden' } });
  });
});
