import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../open';
import { auditLog, users } from '../schema';

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

export function auditQueries(db: Db) {
  const insert = db
    .insert(auditLog)
    .values({
      at: sql.placeholder('at'),
      userId: sql.placeholder('userId'),
      method: sql.placeholder('method'),
      entity: sql.placeholder('entity'),
      entityId: sql.placeholder('entityId'),
      beforeJson: sql.placeholder('beforeJson'),
      afterJson: sql.placeholder('afterJson'),
    })
    .prepare();

  return {
    insert(row: AuditInsert): void {
      insert.run({
        at: row.at,
        userId: row.userId,
        method: row.method,
        entity: row.entity,
        entityId: row.entityId,
        beforeJson: json(row.before),
        afterJson: json(row.after),
      });
    },
    list(p: { offset: number; limit: number; entity?: string | undefined; entityId?: string | undefined }) {
      const where = and(
        p.entity ? eq(auditLog.entity, p.entity) : undefined,
        p.entityId ? eq(auditLog.entityId, p.entityId) : undefined,
      );
      const rows = db
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
        .all()
        .map(({ beforeJson, afterJson, ...r }) => ({ ...r, before: parse(beforeJson), after: parse(afterJson) }));
      const total = db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
      return { rows, total };
    },
    count(): number {
      return db.select({ n: count() }).from(auditLog).get()?.n ?? 0;
    },
  };
}
