import { createHash } from 'node:crypto';

/**
 * The audit trail's hash chain. Each row stores the hash of the row before it (`prev_hash`) and its
 * own (`hash`, over its content and `prev_hash`), in id order. Editing a row changes its hash;
 * deleting, inserting or moving one breaks the link of the row after it. Triggers refuse UPDATE and
 * DELETE on both engines; the chain is what still tells when someone went around them (an edited
 * file, a dropped trigger). What a chain alone cannot show is rows cut off the end: that is what the
 * tail (id and hash) recorded at every start-up and shown by "Verify audit trail" is for.
 */

/** The `prev_hash` of the first row. */
export const GENESIS = '0'.repeat(64);

/** A row as stored: the columns the hash covers, plus id and the two hashes. */
export interface ChainRow {
  id: number;
  at: string;
  userId: number | null;
  method: string;
  entity: string;
  entityId: string | null;
  beforeJson: string | null;
  afterJson: string | null;
  kind: string;
  station: string | null;
  prevHash: string | null;
  hash: string | null;
}

export type ChainContent = Omit<ChainRow, 'id' | 'prevHash' | 'hash'>;

/**
 * SHA-256 over the row's stored text and its predecessor's hash. The id is left out on purpose:
 * order is what the links prove, and a table renumbered in order (a dump and restore) still verifies.
 */
export function rowHash(prevHash: string, r: ChainContent): string {
  const canonical = JSON.stringify([prevHash, r.at, r.userId === null ? null : Number(r.userId), r.method, r.entity, r.entityId, r.beforeJson, r.afterJson, r.kind, r.station]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Gives each new row, in order, the hash of the one before it and its own. */
export function chain<T extends ChainContent>(tailHash: string | null, rows: readonly T[]): (T & { prevHash: string; hash: string })[] {
  let prev = tailHash ?? GENESIS;
  return rows.map((r) => {
    const hash = rowHash(prev, r);
    const out = { ...r, prevHash: prev, hash };
    prev = hash;
    return out;
  });
}

/**
 * Why a row breaks the chain: its content no longer matches its hash ('edited'); its `prev_hash` is
 * not the hash of the row before it — a row was deleted, inserted or moved there ('link'); it has
 * no hash at all ('unsealed').
 */
export type BrokenReason = 'edited' | 'link' | 'unsealed';

export interface ChainVerdict {
  ok: boolean;
  /** Rows checked. */
  checked: number;
  /** The first broken link, in id order. */
  broken: { id: number; reason: BrokenReason } | null;
  /** The last row: an administrator may note it, since rows cut off the end leave no broken link. */
  tail: { id: number; hash: string | null } | null;
}

/**
 * Walks rows in id order. `page(afterId, limit)` returns the next rows with id > afterId, ascending.
 * `start` is the row before the first one to check (its hash is the expected first `prev_hash`);
 * null starts at the beginning of the trail, where the first row must follow GENESIS.
 */
export async function verifyRows(page: (afterId: number, limit: number) => Promise<ChainRow[]>, start: { id: number; hash: string | null } | null = null, batch = 2000): Promise<ChainVerdict> {
  let expected: string | null = start ? start.hash : GENESIS;
  let afterId = start ? start.id : 0;
  let checked = 0;
  let tail: ChainVerdict['tail'] = start ? { id: start.id, hash: start.hash } : null;
  for (;;) {
    const rows = await page(afterId, batch);
    for (const r of rows) {
      checked++;
      tail = { id: r.id, hash: r.hash };
      if (r.hash === null || r.prevHash === null) return { ok: false, checked, broken: { id: r.id, reason: 'unsealed' }, tail };
      if (rowHash(r.prevHash, r) !== r.hash) return { ok: false, checked, broken: { id: r.id, reason: 'edited' }, tail };
      if (r.prevHash !== expected) return { ok: false, checked, broken: { id: r.id, reason: 'link' }, tail };
      expected = r.hash;
    }
    if (rows.length < batch) break;
    afterId = rows[rows.length - 1]!.id;
  }
  return { ok: true, checked, broken: null, tail };
}
