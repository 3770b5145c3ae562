import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { sourceMigrationsRoot } from '../../db/paths';
import { runCrashTest } from './crash';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// The short version of `npm run crash-test` (issue 15): the full run is 1,000 kills.
test('20 kills of a writer at random moments: the file opens, is intact, and keeps every reported commit with its audit row', async () => {
  const r = await runCrashTest({ kills: 20, root, migrationsRoot: sourceMigrationsRoot, seed: 7 });
  try {
    expect(r.writerErrors).toBe('');
    expect({ kills: r.kills, corrupt: r.corrupt, lost_commits: r.lost_commits }).toEqual({ kills: 20, corrupt: 0, lost_commits: 0 });
    // The writer got real work done between kills, so the kills landed among writes.
    expect(r.commits).toBeGreaterThan(20);
    expect(Object.keys(r.byMethod).sort()).toEqual(['handoff.saveNote', 'residents.admit', 'rooms.create', 'training.createRecord', 'training.createStaff', 'users.create']);
  } finally {
    fs.rmSync(r.dir, { recursive: true, force: true });
  }
}, 180_000);
