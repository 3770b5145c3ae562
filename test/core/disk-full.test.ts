/**
 * Issue 15, found item 2: a full disk is said as such, in the user's language, and the write is
 * rolled back whole (the record and its audit row), so the form keeps what was typed and can save
 * again once space is freed. Simulated with SQLite's own size limit (`PRAGMA max_page_count`).
 */
import { describe, expect, test } from 'vitest';
import type { SqliteEngine } from '../../db/engine/sqlite';
import { catalogs } from '../../shared/i18n';
import { STRONG_PASSWORD, adminCore, engineKind } from '../support/core';
import { countRows } from '../support/db';

describe.skipIf(engineKind !== 'sqlite')('a full disk', () => {
  test('is a "disk full" error, not internal, and nothing of the write is kept', async () => {
    const { core, call, must } = await adminCore();
    const sqlite = (core.engine as SqliteEngine).opened.sqlite;
    const pages = Number(sqlite.pragma('page_count', { simple: true }));
    sqlite.pragma(`max_page_count = ${pages}`);

    let refused: Awaited<ReturnType<typeof call<'users.create'>>> | null = null;
    let usersBefore = 0;
    let changesBefore = 0;
    for (let i = 0; i < 400 && !refused; i++) {
      await core.dispatcher.settled();
      usersBefore = await countRows(core, 'users');
      changesBefore = await countRows(core, "audit_log WHERE kind = 'change'");
      const r = await call('users.create', { username: `aide${i}`, displayName: `Aide number ${i} ${'x'.repeat(100)}`, role: 'care_aide', password: STRONG_PASSWORD });
      if (!r.ok) refused = r;
    }
    expect(refused).toEqual({ ok: false, error: { code: 'unavailable', message: 'error.diskFull' } });
    await core.dispatcher.settled();
    expect(await countRows(core, 'users')).toBe(usersBefore);
    expect(await countRows(core, "audit_log WHERE kind = 'change'")).toBe(changesBefore);

    // Space freed: the same input saves, the database whole.
    sqlite.pragma(`max_page_count = ${pages * 100}`);
    await must('users.create', { username: 'aide-after', displayName: 'Aide after', role: 'care_aide', password: STRONG_PASSWORD });
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  test('has its own message in English and Spanish', () => {
    expect(catalogs.en.error.diskFull).toMatch(/disk is full/i);
    expect(catalogs.es.error.diskFull).toMatch(/disco está lleno/i);
  });
});
