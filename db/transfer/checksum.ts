import { createHash } from 'node:crypto';

/**
 * One value per table for "is it the same data": rows as plain values (drizzle's own mapping on
 * each engine: numbers, strings, booleans, binary), keys sorted, binary as base64, in key order.
 */
function canonical(v: unknown): unknown {
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return { b64: Buffer.from(v).toString('base64') };
  if (v === undefined) return null;
  return v;
}

export function tableChecksum(rows: readonly Record<string, unknown>[]): string {
  const h = createHash('sha256');
  for (const row of rows) {
    const keys = Object.keys(row).sort();
    h.update(JSON.stringify(keys.map((k) => [k, canonical(row[k])])));
    h.update('\n');
  }
  return h.digest('hex');
}
