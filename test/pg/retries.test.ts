import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { classify } from '../../db/engine/errors';
import { openPgEngine, type PgEngine } from '../../db/engine/pg';
import { sourceMigrationsRoot } from '../../db/paths';
import { freshPgDatabase } from '../support/core';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Read a counter, wait, write it back + 1: the read-modify-write two stations can collide on. */
async function bump(engine: PgEngine, attempts: { n: number }) {
  return engine.write(async () => {
    attempts.n++;
    const current = Number((await engine.q.settings.get('facility', 'counter')) ?? 0);
    await pause(60);
    await engine.q.settings.set('facility', 'counter', current + 1);
    return current + 1;
  });
}

describe('serializable writes on the server', () => {
  test('two stations colliding: one is retried, and no update is lost', async () => {
    const connection = await freshPgDatabase();
    const open = (maxAttempts: number) => openPgEngine(connection, { migrationsFolder: path.join(sourceMigrationsRoot, 'pg'), maxAttempts });
    const [a, b] = [await open(5), await open(5)];
    try {
      const attempts = { n: 0 };
      await Promise.all([bump(a, attempts), bump(b, attempts)]);
      expect(Number(await a.q.settings.get('facility', 'counter'))).toBe(2);
      expect(attempts.n).toBeGreaterThanOrEqual(3); // the loser ran again
    } finally {
      await a.close();
      await b.close();
    }
  });

  test('retries are bounded: past the limit the failure is a serialization failure (the dispatcher says "conflict")', async () => {
    const connection = await freshPgDatabase();
    const open = () => openPgEngine(connection, { migrationsFolder: path.join(sourceMigrationsRoot, 'pg'), maxAttempts: 1 });
    const [a, b] = [await open(), await open()];
    try {
      const results = await Promise.allSettled([bump(a, { n: 0 }), bump(b, { n: 0 })]);
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(failed).toHaveLength(1);
      expect(classify(failed[0]!.reason)).toBe('serialization');
      expect(Number(await a.q.settings.get('facility', 'counter'))).toBe(1);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
