import { defaultPasswordCost, hashPassword } from '../../electron/core/passwords';
import { round, time, timePair } from './measure';
import type { BenchContext, BenchResults } from './types';

/**
 * Issue 16's figures. `audit.write_overhead_ratio`: one small write (a user's language) in its own
 * transaction with its chained audit row (the tail read, the SHA-256 link, the insert) over the same
 * write in the same kind of transaction without it; target ≤ 1.5. `auth.hash_ms`: one Argon2id hash at
 * the production cost (m = 64 MiB, t = 2, p = 1), reported (the brief: 50–500 ms here).
 */
export async function benchPrivacy(ctx: BenchContext): Promise<BenchResults> {
  const { engine } = ctx.core;
  const ids = ctx.userIds;
  let i = 0;
  let at = Date.parse('2026-11-02T12:00:00Z');
  const next = () => {
    const id = ids[i++ % ids.length]!;
    const language = i % 2 === 0 ? ('en' as const) : ('es' as const);
    return { id, language, at: new Date((at += 1000)).toISOString() };
  };
  const bare = () =>
    engine.write(async () => {
      const w = next();
      await engine.q.users.setLanguage(w.id, w.language, w.at);
    });
  const audited = () =>
    engine.write(async () => {
      const w = next();
      await engine.q.users.setLanguage(w.id, w.language, w.at);
      await engine.q.audit.insert({ at: w.at, userId: w.id, method: 'auth.setLanguage', entity: 'user', entityId: String(w.id), before: null, after: { language: w.language }, station: 'bench' });
    });
  const [withAudit, without] = await timePair(audited, bare, { warmup: 200, rounds: 60, batch: 20 });
  const hash = await time(() => hashPassword('sunrise harbor window', defaultPasswordCost), { warmup: 2, rounds: 15 });
  return {
    'audit.write_overhead_ratio': round(withAudit.median / without.median, 2),
    'auth.hash_ms': round(hash.median, 1),
  };
}
