/**
 * Issue 15: backups — verified copies, rotation, "Back up now", "Restore…" (round trip, safety
 * copy, who restored what), owner-only files, and on the server option the screen's answer.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { backupName, backupsToRemove, DEFAULT_ROTATION, type BackupFile } from '../../db/backup';
import type { SqliteEngine } from '../../db/engine/sqlite';
import { STRONG_PASSWORD, adminCore, engineKind } from '../support/core';
import { sqlRows } from '../support/db';

describe('rotation (pure)', () => {
  const day = 86_400_000;
  const start = Date.parse('2025-01-01T02:00:00Z');
  const daily = (n: number): Pick<BackupFile, 'name' | 'kind' | 'at'>[] =>
    Array.from({ length: n }, (_, i) => {
      const at = new Date(start + i * day);
      return { name: backupName('daily', at), kind: 'daily', at: at.toISOString() };
    });

  test('two years of daily copies keep 7 daily, 4 weekly and 12 monthly (overlapping ones counted once)', () => {
    const files = daily(730);
    const removed = new Set(backupsToRemove(files));
    const kept = files.filter((f) => !removed.has(f.name)).map((f) => f.at.slice(0, 10));
    // The newest 7 days, the newest of the 4 newest weeks, the newest of the 12 newest months.
    expect(kept.slice(-7)).toEqual(files.slice(-7).map((f) => f.at.slice(0, 10)));
    expect(kept.length).toBeGreaterThanOrEqual(7 + 12 - 2);
    expect(kept.length).toBeLessThanOrEqual(DEFAULT_ROTATION.daily + DEFAULT_ROTATION.weekly + DEFAULT_ROTATION.monthly);
    // The oldest kept is about a year old, nothing older.
    expect(Date.parse(kept[0]!) ).toBeGreaterThan(start + 729 * day - 366 * day);
  });

  test('a week of copies is all kept; copies before updates keep their newest five', () => {
    expect(backupsToRemove(daily(7))).toEqual([]);
    const special = Array.from({ length: 8 }, (_, i) => {
      const at = new Date(start + i * day);
      return { name: backupName('before-migration', at), kind: 'before-migration' as const, at: at.toISOString() };
    });
    expect(backupsToRemove(special)).toEqual(special.slice(0, 3).reverse().map((s) => s.name));
  });
});

describe.skipIf(engineKind !== 'sqlite')('backups of the SQLite file', () => {
  test('"Back up now" writes a verified, owner-only copy that lists with its record counts', async () => {
    const { core, must, call } = await adminCore();
    await must('users.create', { username: 'nina', displayName: 'Nina Nurse', role: 'nurse', password: STRONG_PASSWORD });
    const made = await must('backup.now', {});
    expect(made).toMatchObject({ kind: 'manual', ok: true, users: 2 });
    const folder = (core.engine as SqliteEngine).backups.folder;
    const file = path.join(folder, made.name);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(folder).mode & 0o777).toBe(0o700);
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    const status = await must('backup.status', {});
    expect(status.engine).toBe('sqlite');
    expect(status.backups.map((b) => b.name)).toContain(made.name);
    // Who asked for it is on record.
    expect(await sqlRows(core, "SELECT method FROM audit_log WHERE method = 'backup.now'")).toHaveLength(1);
    expect((await call('backup.restore', { name: 'caredesk-20990101T000000Z-manual.sqlite', confirm: true })).ok).toBe(false);
  });

  test('restore round trip: later changes are replaced, a safety copy keeps them, the restore is recorded, everyone signs in again', async () => {
    const { core, must, call, clock } = await adminCore();
    await must('users.create', { username: 'before', displayName: 'Made before', role: 'nurse', password: STRONG_PASSWORD });
    const made = await must('backup.now', {});
    clock.advance?.(60_000);
    await must('users.create', { username: 'after', displayName: 'Made after', role: 'nurse', password: STRONG_PASSWORD });

    const r = await must('backup.restore', { name: made.name, confirm: true });
    expect(r.restored.name).toBe(made.name);
    const names = (await sqlRows<{ username: string }>(core, 'SELECT username FROM users ORDER BY id')).map((u) => u.username);
    expect(names).toEqual(['admin', 'before']);
    // The safety copy holds the database as it was, the later account included.
    const safety = new Database(r.safetyCopy, { readonly: true });
    expect(safety.prepare("SELECT count(*) AS n FROM users WHERE username = 'after'").get()).toEqual({ n: 1 });
    safety.close();
    expect(fs.statSync(r.safetyCopy).mode & 0o777).toBe(0o600);
    // Who restored what, in the restored trail.
    const rows = await sqlRows<{ user_id: number | null; after_json: string }>(core, "SELECT user_id, after_json FROM audit_log WHERE method = 'backup.restore'");
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.after_json)).toMatchObject({ restored: made.name, by: 'admin' });
    expect(rows[0]!.user_id).not.toBeNull();
    expect((core.engine as SqliteEngine).opened.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    // The session began after the copy was made: it is gone with the rest.
    expect(await call('users.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    await must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    expect((await must('users.list', {})).rows.map((u) => u.username)).toContain('before');
  });

  test('the daily copy is made once a day, not on every start', async () => {
    const { core } = await adminCore();
    const backups = (core.engine as SqliteEngine).backups;
    expect(await backups.dailyIfDue()).not.toBeNull();
    expect(await backups.dailyIfDue()).toBeNull();
    expect(backups.list().filter((b) => b.kind === 'daily')).toHaveLength(1);
  });
});

describe.skipIf(engineKind !== 'pg')('backups on the server option', () => {
  test('are the server\'s: the status says so and "Back up now" is refused', async () => {
    const { must, call } = await adminCore();
    expect(await must('backup.status', {})).toEqual({ engine: 'pg', folder: null, backups: [] });
    expect(await call('backup.now', {})).toMatchObject({ ok: false, error: { code: 'conflict', message: 'backup.serverManaged' } });
  });
});
