import { describe, expect, test } from 'vitest';
import { adminCore, caller } from '../support/core';
import { sqlRows } from '../support/db';

/**
 * Issue 16, item 9: print.finished was open to any signed-in user (a driver could record a print
 * of a document they may not print), and its outcome was lost when the save dialog outlasted the
 * idle lock. Now it is bound to its print.pdf call by a one-time token only main receives.
 */

type Conn = ReturnType<typeof caller>['conn'];

/** print.pdf as main calls it: the renderer's answer, and the token main alone receives. */
async function printAsMain(conn: Conn, document: 'training.matrix' | 'transport.manifest') {
  let token: string | null = null;
  const result = await conn.invoke('print.pdf', { document, suggestedName: 'Matrix' }, { printJob: (t) => (token = t) });
  return { result, token };
}

async function printRows(core: Parameters<typeof sqlRows>[0]) {
  return sqlRows<{ method: string; user_id: number | string; after_json: string }>(core, "SELECT method, user_id, after_json FROM audit_log WHERE entity = 'print' ORDER BY id");
}

async function driver(a: Awaited<ReturnType<typeof adminCore>>) {
  await a.must('users.create', { username: 'drv', displayName: 'Dee Driver', role: 'driver', password: 'quiet meadow lantern' });
  const d = caller(a.core);
  await d.must('auth.signIn', { username: 'drv', password: 'quiet meadow lantern' });
  await d.must('auth.changePassword', { currentPassword: 'quiet meadow lantern', newPassword: 'river stone harbor light' });
  return d;
}

describe('print.finished is bound to its print.pdf by a one-time token', () => {
  test('main gets the token, the renderer does not; the outcome is recorded once, for the person who printed', async () => {
    const a = await adminCore();
    const me = (await a.must('auth.session', {})).user!;
    const { result, token } = await printAsMain(a.conn, 'training.matrix');
    expect(result.ok).toBe(true);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(result)).not.toContain(token!);
    expect(await a.call('print.finished', { job: token!, saved: true })).toEqual({ ok: true, value: {} });
    // One-time: the same token a second time records nothing.
    expect(await a.call('print.finished', { job: token!, saved: false })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const rows = await printRows(a.core);
    expect(rows.map((r) => [r.method, Number(r.user_id)])).toEqual([
      ['print.pdf', me.id],
      ['print.finished', me.id],
    ]);
    expect(JSON.parse(rows[1]!.after_json)).toEqual({ document: 'training.matrix', saved: true });
  });

  test('a driver cannot record a print of a document they may not print', async () => {
    const a = await adminCore();
    const d = await driver(a);
    // What the old contract accepted from any signed-in user.
    expect(await d.raw('print.finished', { document: 'training.matrix', saved: true })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await d.call('print.finished', { job: 'x'.repeat(43), saved: true })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const refused = await printAsMain(d.conn, 'training.matrix');
    expect(refused).toMatchObject({ result: { ok: false, error: { code: 'forbidden' } }, token: null });
    expect(await printRows(a.core)).toEqual([]);
  });

  test('the outcome is still recorded when the save dialog outlasts the idle lock', async () => {
    const a = await adminCore();
    const me = (await a.must('auth.session', {})).user!;
    const { token } = await printAsMain(a.conn, 'training.matrix');
    // The dialog stays open past the facility's ten minutes; the session locks meanwhile.
    a.clock.advance(11 * 60_000);
    expect(await a.call('users.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await a.call('print.finished', { job: token!, saved: true })).toEqual({ ok: true, value: {} });
    expect((await printRows(a.core)).map((r) => [r.method, Number(r.user_id)])).toEqual([
      ['print.pdf', me.id],
      ['print.finished', me.id],
    ]);
  });
});
