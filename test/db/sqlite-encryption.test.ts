/**
 * Issue 16, item 1: the database, its WAL and its backups are encrypted at rest; the key is
 * wrapped (never plain on disk); a wrong or missing key has its own reason, never "damaged"; a
 * plain database is encrypted on upgrade after a verified backup; the recovery key opens it.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { listBackupFiles } from '../../db/backup';
import { changingWrapper, isPlainSqlite, keyApplier, keyFileOf, secretWrapper, unsealWithRecovery } from '../../db/encryption';
import { openSqliteEngine, type SqliteEngine } from '../../db/engine/sqlite';
import { DatabaseOpenError, openDatabase } from '../../db/open';
import { sourceMigrationsFolder } from '../../db/paths';
import { tempDir } from '../support/core';

const wrapper = secretWrapper(randomBytes(32));
const open = (file: string, w = wrapper) => openSqliteEngine(file, { migrationsFolder: sourceMigrationsFolder, keyWrapper: w });
const MARKER = 'Zebulon-Marker-Resident-Name';

function reasonOf(fn: () => unknown): string {
  try {
    fn();
    return 'opened';
  } catch (e) {
    return e instanceof DatabaseOpenError ? e.reason : String(e);
  }
}

describe('encryption at rest', () => {
  test('a new database: not "SQLite format 3", a copy will not open without the key, the key file holds no plain key', async () => {
    const file = path.join(tempDir(), 'caredesk.sqlite');
    const e = open(file);
    expect(e.recoveryKey).toMatch(/^[A-Z2-9]{5}(-[A-Z2-9]{5}){7}$/);
    e.opened.sqlite.prepare("INSERT INTO units (name, sort_order) VALUES (?, 0)").run(MARKER);
    // The WAL holds the write, encrypted.
    expect(fs.readFileSync(`${file}-wal`).includes(Buffer.from(MARKER))).toBe(false);
    await e.close();
    expect(fs.readFileSync(file).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(fs.readFileSync(file).includes(Buffer.from(MARKER))).toBe(false);
    const copy = path.join(tempDir(), 'stolen.sqlite');
    fs.copyFileSync(file, copy);
    const thief = new Database(copy);
    expect(() => thief.prepare('SELECT * FROM units').all()).toThrow(/not a database/);
    thief.close();
    expect(fs.statSync(keyFileOf(file)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    // Opened again: the same key, no new recovery key.
    const again = open(file);
    expect(again.recoveryKey).toBeNull();
    expect(again.opened.sqlite.prepare('SELECT name FROM units').all()).toEqual([{ name: MARKER }]);
    await again.close();
  });

  test('backups are encrypted with the same key and verify with it', async () => {
    const file = path.join(tempDir(), 'caredesk.sqlite');
    const e = open(file) as SqliteEngine;
    e.opened.sqlite.prepare("INSERT INTO units (name, sort_order) VALUES (?, 0)").run(MARKER);
    const made = await e.backups.create('manual');
    expect(made.ok).toBe(true);
    expect(isPlainSqlite(made.file)).toBe(false);
    expect(fs.readFileSync(made.file).includes(Buffer.from(MARKER))).toBe(false);
    await e.close();
  });

  test('when the policy changes how the key is protected, the key file is wrapped again the new way, same key and recovery seal (issue 16)', async () => {
    const file = path.join(tempDir(), 'caredesk.sqlite');
    const account = secretWrapper(randomBytes(32), 'account');
    const machine = secretWrapper(randomBytes(32), 'machine');
    const first = open(file, account);
    first.opened.sqlite.prepare('INSERT INTO units (name, sort_order) VALUES (?, 0)').run(MARKER);
    await first.close();
    const sealed = (JSON.parse(fs.readFileSync(keyFileOf(file), 'utf8')) as { recovery: unknown }).recovery;
    // The machine wrapper alone cannot unwrap what the account wrapped: the recovery key's case.
    expect(reasonOf(() => open(file, machine))).toBe('wrong_key');
    const moved = open(file, changingWrapper(machine, [account]));
    expect(moved.opened.sqlite.prepare('SELECT name FROM units WHERE name = ?').get(MARKER)).toEqual({ name: MARKER });
    await moved.close();
    const keyFile = JSON.parse(fs.readFileSync(keyFileOf(file), 'utf8')) as { wrapper: string; recovery: unknown };
    expect(keyFile.wrapper).toBe('machine');
    expect(keyFile.recovery).toEqual(sealed);
    // From now on the machine wrapper opens it on its own, and the account's no longer does.
    await open(file, machine).close();
    expect(reasonOf(() => open(file, account))).toBe('wrong_key');
  });

  test('a wrong key, or a missing key file, is "wrong key" — never damaged — and changes nothing', async () => {
    const file = path.join(tempDir(), 'caredesk.sqlite');
    await open(file).close();
    const before = fs.readFileSync(file);
    expect(reasonOf(() => open(file, secretWrapper(randomBytes(32))))).toBe('wrong_key');
    fs.renameSync(keyFileOf(file), `${keyFileOf(file)}.away`);
    expect(reasonOf(() => open(file))).toBe('wrong_key');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    // And a key applied to the wrong file, straight through openDatabase, says the same.
    fs.renameSync(`${keyFileOf(file)}.away`, keyFileOf(file));
    expect(reasonOf(() => openDatabase(file, { migrationsFolder: sourceMigrationsFolder, applyKey: keyApplier(randomBytes(32)) }))).toBe('wrong_key');
  });

  test('an existing plain database is encrypted on upgrade, after a verified backup, with every row kept and no plain copy left', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'caredesk.sqlite');
    const plain = openDatabase(file, { migrationsFolder: sourceMigrationsFolder });
    plain.sqlite.prepare("INSERT INTO units (name, sort_order) VALUES (?, 0)").run(MARKER);
    plain.close();
    expect(isPlainSqlite(file)).toBe(true);
    const e = open(file);
    expect(e.recoveryKey).not.toBeNull();
    expect(isPlainSqlite(file)).toBe(false);
    expect(e.opened.sqlite.prepare('SELECT name FROM units').all()).toEqual([{ name: MARKER }]);
    const backups = listBackupFiles(e.backups.folder);
    expect(backups.map((b) => b.kind)).toContain('before-encryption');
    for (const b of backups) expect(isPlainSqlite(b.file)).toBe(false);
    expect(e.backups.list().every((b) => b.ok)).toBe(true);
    await e.close();
  });

  test('the recovery key shown at setup unseals the database key', async () => {
    const file = path.join(tempDir(), 'caredesk.sqlite');
    const e = open(file);
    const recovery = e.recoveryKey!;
    await e.close();
    const key = unsealWithRecovery(file, recovery.toLowerCase());
    const db = new Database(file, { readonly: true });
    keyApplier(key)(db);
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    db.close();
    expect(() => unsealWithRecovery(file, 'AAAAA-AAAAA')).toThrow();
  });
});
