import type { Engine } from '../../db/engine';
import { minuteOf, type AuditInsert } from '../../db/queries/audit';
import type { Logger } from './log';

/** Rows waiting for a write when the database cannot take them; beyond this the oldest are dropped (and logged). */
const MAX_PENDING = 10_000;
const BATCH = 500;
const RETRY_MS = 1_000;

/**
 * Audit rows that follow a call rather than ride in its transaction: reads of health information
 * (access rows) and refused calls. A read runs without a write transaction and must stay as fast
 * as before, so its row is queued and written just after, many reads' rows in one small write.
 * At most one row per key and minute (a user, a resident): repeats are dropped in memory first and
 * checked again in the database, so the rule holds across stations and restarts. A failed write
 * never touches the read's answer; the rows stay queued and are tried again.
 */
export function createTrail(engine: Engine, log: Logger) {
  // `once`: at most one per key and minute, checked in the database too; otherwise always written.
  const pending: { row: AuditInsert; once: boolean }[] = [];
  const seen = new Map<string, string>();
  let running: Promise<void> | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  function forgetOldMinutes(current: string): void {
    if (seen.size < 1000) return;
    for (const [k, minute] of seen) if (minute < current) seen.delete(k);
  }

  async function drain(): Promise<void> {
    // Reads finishing together (a census page and its bed board) share one write.
    await new Promise<void>((r) => setImmediate(r));
    while (pending.length > 0) {
      const batch = pending.splice(0, BATCH);
      try {
        await engine.write(async () => {
          const fresh: AuditInsert[] = [];
          for (const { row, once } of batch) if (!once || !(await engine.q.audit.recordedThisMinute(row))) fresh.push(row);
          await engine.q.audit.insertMany(fresh);
        });
      } catch (e) {
        pending.unshift(...batch);
        log.internal('audit.trail', e);
        if (!closed && retry === null) {
          retry = setTimeout(() => {
            retry = null;
            kick();
          }, RETRY_MS);
          retry.unref();
        }
        return;
      }
    }
  }

  function kick(): void {
    if (running || pending.length === 0) return;
    running = drain().finally(() => {
      running = null;
    });
  }

  return {
    /** Queues a row; `key` (without the minute) makes it at most one per key and minute; null, always written. */
    add(row: AuditInsert, key: string | null): void {
      if (key !== null) {
        const minute = minuteOf(row.at).from;
        const k = `${key}|${minute}`;
        if (seen.has(k)) return;
        forgetOldMinutes(minute);
        seen.set(k, minute);
      }
      pending.push({ row, once: key !== null });
      if (pending.length > MAX_PENDING) {
        pending.shift();
        log.event('audit_trail_overflow', { pending: pending.length });
      }
      kick();
    },
    /** Resolves once every queued row is written (or a write failed and waits for its retry). */
    async settled(): Promise<void> {
      while (running) await running;
    },
    /** Writes what is queued and stops retrying: the database is about to close. */
    async close(): Promise<void> {
      closed = true;
      if (retry) clearTimeout(retry);
      retry = null;
      kick();
      while (running) await running;
    },
  };
}
export type Trail = ReturnType<typeof createTrail>;
