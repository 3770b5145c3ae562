import type { BenchContext, BenchResults } from './types';
import { round, time, timePair } from './measure';

/**
 * users.get through the whole dispatcher (session, permission, input validation) with the
 * structured clone Electron's IPC performs on input and output, against the raw prepared
 * better-sqlite3 statement for the same row.
 */
export async function benchIpc(ctx: BenchContext): Promise<BenchResults> {
  const conn = await ctx.signedIn('admin');
  const ids = ctx.userIds;
  let i = 0;
  const raw = ctx.sqlite.prepare(
    'SELECT id, username, display_name, role, active, language, must_change_password, created_at, last_sign_in_at FROM users WHERE id = ?',
  );
  const viaDispatcher = async () => {
    const input = structuredClone({ id: ids[i++ % ids.length]! });
    const result = await conn.invoke('users.get', input);
    if (!result.ok) throw new Error(`users.get failed: ${result.error.code}`);
    return structuredClone(result);
  };
  const viaRaw = () => raw.get(ids[i++ % ids.length]!);
  // The same raw statement behind the same two structured clones: what a hand-wired IPC
  // handler with no session, permission or validation would cost. Isolates our overhead.
  const viaRawCloned = () => structuredClone({ ok: true, value: raw.get(structuredClone({ id: ids[i++ % ids.length]! }).id) });
  const [dispatched, baseline] = await timePair(viaDispatcher, viaRaw);
  const [dispatched2, clonedBaseline] = await timePair(viaDispatcher, viaRawCloned);
  const single = await time(viaDispatcher, { rounds: 2000 });
  return {
    'ipc.dispatch_ratio': round(dispatched.median / baseline.median, 2),
    'ipc.dispatch_p95_ms': round(single.p95, 4),
    'ipc.dispatch_ratio_same_transport': round(dispatched2.median / clonedBaseline.median, 2),
  };
}
