import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, type SQL } from 'drizzle-orm';
import { chain, verifyRows, type ChainRow, type ChainVerdict } from '../audit-chain';
import type { QueryEnv } from '../engine/types';
import { first } from './util';

export type AuditKind = 'change' | 'access' | 'denied';

export interface AuditInsert {
  at: string;
  userId: number | null;
  method: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  /** 'change' unless said otherwise. */
  kind?: AuditKind;
  station?: string | null;
}

/** What the audit viewer filters by; every field optional. Instants are UTC ISO strings. */
export interface AuditFilter {
  userId?: number | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  /** Inclusive lower bound. */
  fromAt?: string | undefined;
  /** Exclusive upper bound. */
  toAt?: string | undefined;
  methods?: readonly string[] | undefined;
  kinds?: readonly AuditKind[] | undefined;
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

/** The first minute boundary at or before an instant, and the next one: "at most one per minute". */
export function minuteOf(at: string): { from: string; to: string } {
  const start = Math.floor(Date.parse(at) / 60_000) * 60_000;
  return { from: new Date(start).toISOString(), to: new Date(start + 60_000).toISOString() };
}

export function auditQueries(env: QueryEnv) {
  const { auditLog, users, residents } = env.t;
  const toRow = (row: AuditInsert) => ({
    at: row.at,
    userId: row.userId,
    method: row.method,
    entity: row.entity,
    entityId: row.entityId,
    beforeJson: json(row.before),
    afterJson: json(row.after),
    kind: row.kind ?? 'change',
    station: row.station ?? null,
  });
  // The tail is read inside the writing transaction: on the server, two stations appending at
  // once either serialize or one is retried. Each new row takes the id after the tail's, so two rows
  // that follow the same row collide on the primary key: a fork is refused outright (and retried).
  const tailStatement = env.statement('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
  // A call's one audit row (nearly every audited write has exactly one) through a statement prepared
  // once: building the insert with the query builder cost several times the SQLite work of the row
  // and of the write it audits (docs/architecture.md, "What the audit trail costs").
  const insertOneStatement = env.statement(
    'INSERT INTO audit_log (id, at, user_id, method, entity, entity_id, before_json, after_json, kind, station, prev_hash, hash) ' +
      'VALUES (@id, @at, @userId, @method, @entity, @entityId, @beforeJson, @afterJson, @kind, @station, @prevHash, @hash) RETURNING id',
  );
  const chainColumns = {
    id: auditLog.id,
    at: auditLog.at,
    userId: auditLog.userId,
    method: auditLog.method,
    entity: auditLog.entity,
    entityId: auditLog.entityId,
    beforeJson: auditLog.beforeJson,
    afterJson: auditLog.afterJson,
    kind: auditLog.kind,
    station: auditLog.station,
    prevHash: auditLog.prevHash,
    hash: auditLog.hash,
  };
  const page = (afterId: number, limit: number) => env.db().select(chainColumns).from(auditLog).where(gt(auditLog.id, afterId)).orderBy(asc(auditLog.id)).limit(limit) as Promise<ChainRow[]>;

  /**
   * Whom a page of rows is about, by name: the residents and users it names, in two small queries
   * by id (a join on the text entity_id would need a cast per engine and defeat the index).
   */
  async function namesOf(rows: readonly { entity: string; entityId: string | null }[]): Promise<Map<string, string>> {
    const ids = (entity: string) => [...new Set(rows.filter((r) => r.entity === entity && r.entityId !== null && /^\d{1,15}$/.test(r.entityId)).map((r) => Number(r.entityId)))];
    const out = new Map<string, string>();
    const residentIds = ids('resident');
    if (residentIds.length > 0) {
      for (const r of await env.db().select({ id: residents.id, family: residents.legalFamily, given: residents.legalGiven }).from(residents).where(inArray(residents.id, residentIds))) out.set(`resident:${r.id}`, `${r.family}, ${r.given}`);
    }
    const userIds = [...new Set([...ids('user'), ...ids('session')])];
    if (userIds.length > 0) {
      for (const u of await env.db().select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, userIds))) {
        out.set(`user:${u.id}`, u.name);
        out.set(`session:${u.id}`, u.name);
      }
    }
    return out;
  }

  function whereOf(f: AuditFilter): SQL | undefined {
    return and(
      f.userId !== undefined ? eq(auditLog.userId, f.userId) : undefined,
      f.entity ? eq(auditLog.entity, f.entity) : undefined,
      f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
      f.fromAt ? gte(auditLog.at, f.fromAt) : undefined,
      f.toAt ? lt(auditLog.at, f.toAt) : undefined,
      f.methods && f.methods.length > 0 ? inArray(auditLog.method, [...f.methods]) : undefined,
      f.kinds && f.kinds.length > 0 ? inArray(auditLog.kind, [...f.kinds]) : undefined,
    );
  }

  const self = {
    async tail(): Promise<{ id: number; hash: string | null } | null> {
      const row = (await tailStatement.rows())[0];
      return row ? { id: Number(row[0]), hash: (row[1] as string | null) ?? null } : null;
    },
    /** Appends one row to the chain. */
    async insert(row: AuditInsert): Promise<void> {
      await self.insertMany([row]);
    },
    /** Appends a call's audit rows in one statement, chained after the current tail. */
    async insertMany(rows: readonly AuditInsert[]): Promise<void> {
      if (rows.length === 0) return;
      const tail = await self.tail();
      const firstId = (tail?.id ?? 0) + 1;
      const chained = chain(tail?.hash ?? null, rows.map(toRow)).map((r, i) => ({ id: firstId + i, ...r }));
      if (chained.length === 1) {
        await insertOneStatement.rows(chained[0]);
        return;
      }
      // A batch (the trail's access rows) in one statement: one round trip to the server.
      await env.db().insert(auditLog).values(chained);
    },
    /**
     * Whether an access (or refusal) like this one is already on record for this user in this
     * minute: the once-a-minute rule holds across stations and restarts, not only in one station's memory.
     */
    async recordedThisMinute(row: AuditInsert): Promise<boolean> {
      if (row.userId === null) return false;
      const m = minuteOf(row.at);
      const found = await first(
        env
          .db()
          .select({ id: auditLog.id })
          .from(auditLog)
          .where(
            and(
              eq(auditLog.userId, row.userId),
              gte(auditLog.at, m.from),
              lt(auditLog.at, m.to),
              eq(auditLog.kind, row.kind ?? 'change'),
              eq(auditLog.entity, row.entity),
              // One per resident whatever was read of them; a search or a refusal is one per filter or method.
              row.entityId !== null ? eq(auditLog.entityId, row.entityId) : and(isNull(auditLog.entityId), eq(auditLog.method, row.method), json(row.after) === null ? isNull(auditLog.afterJson) : eq(auditLog.afterJson, json(row.after)!)),
            ),
          )
          .limit(1),
      );
      return found !== undefined;
    },
    /**
     * Rows written before the chain existed get their hashes once, at the first start after the
     * upgrade (the triggers allow exactly that UPDATE). Never once any row is chained: an
     * unhashed row after that is a break to report, not to paper over.
     */
    async sealLegacy(): Promise<number> {
      const chained = await first(env.db().select({ id: auditLog.id }).from(auditLog).where(isNotNull(auditLog.hash)).limit(1));
      if (chained) return 0;
      let prev: string | null = null;
      let afterId = 0;
      let sealed = 0;
      for (;;) {
        const rows = await page(afterId, 1000);
        if (rows.length === 0) break;
        for (const r of chain(prev, rows)) {
          await env.db().update(auditLog).set({ prevHash: r.prevHash, hash: r.hash }).where(eq(auditLog.id, r.id));
          prev = r.hash;
          sealed++;
        }
        afterId = rows[rows.length - 1]!.id;
      }
      return sealed;
    },
    /** Checks the whole chain, or only its last `tail` rows (the start-up check). */
    async verify(o: { tail?: number } = {}): Promise<ChainVerdict & { total: number }> {
      const total = await self.count();
      let start: { id: number; hash: string | null } | null = null;
      if (o.tail !== undefined && total > o.tail) {
        // The row just before the checked stretch: its hash is what the stretch must start from.
        start =
          (await first(
            env
              .db()
              .select({ id: auditLog.id, hash: auditLog.hash })
              .from(auditLog)
              .orderBy(desc(auditLog.id))
              .limit(1)
              .offset(o.tail),
          )) ?? null;
      }
      return { ...(await verifyRows(page, start)), total };
    },
    async list(p: AuditFilter & { offset: number; limit: number }) {
      const where = whereOf(p);
      const rows = (
        await env
          .db()
          .select({
            id: auditLog.id,
            at: auditLog.at,
            userId: auditLog.userId,
            userName: users.displayName,
            method: auditLog.method,
            entity: auditLog.entity,
            entityId: auditLog.entityId,
            beforeJson: auditLog.beforeJson,
            afterJson: auditLog.afterJson,
            kind: auditLog.kind,
            station: auditLog.station,
          })
          .from(auditLog)
          .leftJoin(users, eq(users.id, auditLog.userId))
          .where(where)
          .orderBy(desc(auditLog.id))
          .limit(p.limit)
          .offset(p.offset)
      ).map(({ beforeJson, afterJson, ...r }) => ({ ...r, before: parse(beforeJson), after: parse(afterJson) }));
      const total = (await first(env.db().select({ n: count() }).from(auditLog).where(where)))?.n ?? 0;
      const names = await namesOf(rows);
      return { rows: rows.map((r) => ({ ...r, entityName: names.get(`${r.entity}:${r.entityId}`) ?? null })), total: Number(total) };
    },
    /** The distinct methods on record, for the viewer's action filter. */
    async methods(): Promise<string[]> {
      return (await env.db().selectDistinct({ m: auditLog.method }).from(auditLog).orderBy(asc(auditLog.method))).map((r) => r.m);
    },
    /** Who last changed an entity, and when: what a refused save over a newer version tells the person. */
    lastChange(entity: string, entityId: string) {
      return first(
        env
          .db()
          .select({ at: auditLog.at, userName: users.displayName })
          .from(auditLog)
          .leftJoin(users, eq(users.id, auditLog.userId))
          // Reads and refusals are on record too; only a change counts as "changed by".
          .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId), eq(auditLog.kind, 'change')))
          .orderBy(desc(auditLog.id))
          .limit(1),
      );
    },
    async count(): Promise<number> {
      return Number((await first(env.db().select({ n: count() }).from(auditLog)))?.n ?? 0);
    },
  };
  return self;
}

export type AuditQueries = ReturnType<typeof auditQueries>;
