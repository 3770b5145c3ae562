import { and, count, desc, eq } from 'drizzle-orm';
import type { QueryEnv } from '../engine/types';
import { first } from './util';

export interface AuditInsert {
  at: string;
  userId: number | null;
  method: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

export function auditQueries(env: QueryEnv) {
  const { auditLog, users } = env.t;
  const toRow = (row: AuditInsert) => ({
    at: row.at,
    userId: row.userId,
    method: row.method,
    entity: row.entity,
    entityId: row.entityId,
    beforeJson: json(row.before),
    afterJson: json(row.after),
  });
  return {
    async insert(row: AuditInsert): Promise<void> {
      await env.db().insert(auditLog).values(toRow(row));
    },
    /** A call's audit rows in one statement. */
    async insertMany(rows: readonly AuditInsert[]): Promise<void> {
      if (rows.length === 0) return;
      await env.db().insert(auditLog).values(rows.map(toRow));
    },
    async list(p: { offset: number; limit: number; entity?: string | undefined; entityId?: string | undefined }) {
      const where = and(p.entity ? eq(auditLog.entity, p.entity) : undefined, p.entityId ? eq(auditLog.entityId, p.entityId) : undefined);
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
          })
          .from(auditLog)
          .leftJoin(users, eq(users.id, auditLog.userId))
          .where(where)
          .orderBy(desc(auditLog.id))
          .limit(p.limit)
          .offset(p.offset)
      ).map(({ beforeJson, afterJson, ...r }) => ({ ...r, before: parse(beforeJson), after: parse(afterJson) }));
      const total = (await first(env.db().select({ n: count() }).from(auditLog).where(where)))?.n ?? 0;
      return { rows, total };
    },
    /** Who last changed an entity, and when: what a refused save over a newer version tells the person. */
    lastChange(entity: string, entityId: string) {
      return first(
        env
          .db()
          .select({ at: auditLog.at, userName: users.displayName })
          .from(auditLog)
          .leftJoin(users, eq(users.id, auditLog.userId))
          .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
          .orderBy(desc(auditLog.id))
          .limit(1),
      );
    },
    async count(): Promise<number> {
      return (await first(env.db().select({ n: count() }).from(auditLog)))?.n ?? 0;
    },
  };
}
