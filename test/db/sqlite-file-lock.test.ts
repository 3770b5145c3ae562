/**
 * Issue 15: a second CareDesk on the same file is told the database is in use and opens nothing;
 * a lock left by a process that is gone is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { acquireFileLock, DatabaseInUseError } from '../../db/file-lock';
import { openSqliteEngine } from '../../db/engine/sqlite';
import { DatabaseOpenError } from '../../db/open';
import { sourceMigrationsFolder } from '../../db/paths';
import { tempDir } from '../support/core';

const other = (alive: boolean, pid = 999_999) => ({ alive: () => alive, pid, host: 'station-1', now: () => new Date('2026-01-01T00:00:00Z') });

describe('one CareDesk per database file', () => {
  test('a second instance (another live process) is "in use" and opens nothing', async () => {
    const file = path.join(tempDir(), 'caredesk.sqlite');
    const first = openSqliteEngine(file, { migrationsFolder: sourceMigrationsFolder, lock: { ...other(true, 111), host: 'station-1' } });
    const before = fs.readdirSync(path.dirname(file)).sort();
    let reason = '';
    try {
      openSqliteEngine(file, { migrationsFolder: sourceMigrationsFolder, lock: { ...other(true, 222), host: 'station-1' } });
    } catch (e) {
      reason = e instanceof DatabaseOpenError ? e.reason : String(e);
    }
    expect(reason).toBe('locked');
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(before);
    await first.close();
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });

  test('a lock left by a process that is gone is taken over; a live one is refused', () => {
    const file = path.join(tempDir(), 'caredesk.sqlite');
    fs.writeFileSync(`${file}.lock`, JSON.stringify({ pid: 4242, host: 'station-1', since: 'x' }));
    expect(() => acquireFileLock(file, other(true, 1))).toThrow(DatabaseInUseError);
    const release = acquireFileLock(file, other(false, 1));
    expect(JSON.parse(fs.readFileSync(`${file}.lock`, 'utf8'))).toMatchObject({ pid: 1 });
    expect(fs.statSync(`${file}.lock`).mode & 0o777).toBe(0o600);
    release();
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });

  test('a half-written lock (a crash while writing it) is taken over', () => {
    const file = path.join(tempDir(), 'caredesk.sqlite');
    fs.writeFileSync(`${file}.lock`, '{"pid":');
    acquireFileLock(file, other(true, 1))();
  });
});
