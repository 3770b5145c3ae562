import { and, asc, count, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { DEFAULT_CREDENTIAL_TYPES } from '../../shared/domain/training/credentials';
import type { StaffRole } from '../../shared/domain/training/vocabulary';
import type { QueryEnv } from '../engine/types';
import { first } from './util';

/**
 * Licences and certifications: their types (required of roles like courses) and the credentials staff
 * hold. Part of `q.training`; statuses are never stored, they come from the one status rule.
 */

export interface CredentialTypeRow {
  id: number;
  code: string;
  name: string;
  issuedByState: boolean;
  roles: StaffRole[];
  active: boolean;
  version: number;
}

export interface CredentialTypeWrite {
  name: string;
  issuedByState: boolean;
  roles: readonly StaffRole[];
  active: boolean;
}

export interface CredentialWrite {
  staffId: number;
  typeId: number;
  number: string;
  issuingState: string | null;
  issuingBody: string | null;
  issuedOn: string;
  expiresOn: string;
}

export interface CredentialRow extends CredentialWrite {
  id: number;
  typeCode: string;
  typeName: string;
  verifiedBy: number | null;
  verifiedByName: string | null;
  verifiedAt: string;
  source: 'entry' | 'import';
  createdAt: string;
  voidedAt: string | null;
  voidReason: string | null;
  version: number;
}

/** The latest live credential of one type a person held on a date: [staffId, typeId, issuedOn, expiresOn]. */
export type LatestCredential = [number, number, string, string];

export function credentialQueries(env: QueryEnv) {
  const { credentialTypes, credentialTypeRoles, staffCredentials, users } = env.t;

  // The latest issue per staff × type on or before the as-of date, with its expiry. The live unique index
  // (staff, type, issued_on) makes the latest issue one row, so no tie-break is needed here.
  const latestSql = `SELECT c.staff_id, c.type_id, c.issued_on, c.expires_on FROM staff_credentials c
     JOIN (SELECT staff_id, type_id, MAX(issued_on) AS issued_on FROM staff_credentials
           WHERE voided_at IS NULL AND issued_on <= @asOf GROUP BY staff_id, type_id) l
       ON l.staff_id = c.staff_id AND l.type_id = c.type_id AND l.issued_on = c.issued_on
     WHERE c.voided_at IS NULL`;
  const latestStmt = env.statement(latestSql);
  const latestOfStmt = env.statement(
    `SELECT c.staff_id, c.type_id, c.issued_on, c.expires_on FROM staff_credentials c
     JOIN (SELECT staff_id, type_id, MAX(issued_on) AS issued_on FROM staff_credentials
           WHERE voided_at IS NULL AND issued_on <= @asOf AND staff_id = @staffId GROUP BY staff_id, type_id) l
       ON l.staff_id = c.staff_id AND l.type_id = c.type_id AND l.issued_on = c.issued_on
     WHERE c.voided_at IS NULL`,
  );

  async function listCredentialTypes(includeInactive: boolean): Promise<CredentialTypeRow[]> {
    const db = env.db();
    const rows = await db
      .select()
      .from(credentialTypes)
      .where(includeInactive ? undefined : eq(credentialTypes.active, true))
      .orderBy(asc(credentialTypes.sortOrder), asc(credentialTypes.id));
    const roleRows = await db.select().from(credentialTypeRoles).orderBy(asc(credentialTypeRoles.typeId), asc(credentialTypeRoles.role));
    const rolesByType = new Map<number, StaffRole[]>();
    for (const r of roleRows) {
      const list = rolesByType.get(r.typeId) ?? [];
      list.push(r.role);
      rolesByType.set(r.typeId, list);
    }
    return rows.map((t) => ({ id: t.id, code: t.code, name: t.name, issuedByState: t.issuedByState, roles: rolesByType.get(t.id) ?? [], active: t.active, version: t.version }));
  }

  async function setTypeRoles(typeId: number, roles: readonly StaffRole[]): Promise<void> {
    const db = env.db();
    await db.delete(credentialTypeRoles).where(eq(credentialTypeRoles.typeId, typeId));
    const unique = [...new Set(roles)];
    if (unique.length > 0) await db.insert(credentialTypeRoles).values(unique.map((role) => ({ typeId, role })));
  }

  async function insertCredentialType(t: CredentialTypeWrite & { code: string }, at: string): Promise<number> {
    const db = env.db();
    const sortOrder = ((await first(db.select({ n: sql<number>`coalesce(max(${credentialTypes.sortOrder}), -1)` }).from(credentialTypes)))?.n ?? -1) + 1;
    const id = (
      await db
        .insert(credentialTypes)
        .values({ code: t.code, name: t.name, issuedByState: t.issuedByState, active: t.active, sortOrder, createdAt: at, updatedAt: at })
        .returning({ id: credentialTypes.id })
    )[0]!.id;
    await setTypeRoles(id, t.roles);
    return id;
  }

  const credentialColumns = {
    id: staffCredentials.id,
    staffId: staffCredentials.staffId,
    typeId: staffCredentials.typeId,
    typeCode: credentialTypes.code,
    typeName: credentialTypes.name,
    number: staffCredentials.number,
    issuingState: staffCredentials.issuingState,
    issuingBody: staffCredentials.issuingBody,
    issuedOn: staffCredentials.issuedOn,
    expiresOn: staffCredentials.expiresOn,
    verifiedBy: staffCredentials.verifiedBy,
    verifiedByName: users.displayName,
    verifiedAt: staffCredentials.verifiedAt,
    source: staffCredentials.source,
    createdAt: staffCredentials.createdAt,
    voidedAt: staffCredentials.voidedAt,
    voidReason: staffCredentials.voidReason,
    version: staffCredentials.version,
  };

  async function insertCredentials(rows: readonly CredentialWrite[], verifiedBy: number | null, source: 'entry' | 'import', at: string): Promise<number[]> {
    const ids: number[] = [];
    // Chunks keep each statement under SQLite's bound-parameter limit.
    for (let i = 0; i < rows.length; i += 400) {
      const chunk = rows.slice(i, i + 400).map((r) => ({ ...r, verifiedBy, verifiedAt: at, source, createdAt: at, updatedAt: at }));
      ids.push(...(await env.db().insert(staffCredentials).values(chunk).returning({ id: staffCredentials.id })).map((r) => r.id));
    }
    return ids;
  }

  return {
    /** Seeds the licence and certification types into a facility that has none (setup, the demo). */
    async ensureDefaultCredentialTypes(at: string): Promise<number> {
      const existing = (await first(env.db().select({ n: count() }).from(credentialTypes)))?.n ?? 0;
      if (existing > 0) return 0;
      for (const t of DEFAULT_CREDENTIAL_TYPES) await insertCredentialType({ ...t, active: true }, at);
      return DEFAULT_CREDENTIAL_TYPES.length;
    },
    listCredentialTypes,
    async getCredentialType(id: number): Promise<CredentialTypeRow | undefined> {
      return (await listCredentialTypes(true)).find((t) => t.id === id);
    },
    async credentialTypeCodeTaken(code: string): Promise<boolean> {
      return (await first(env.db().select({ id: credentialTypes.id }).from(credentialTypes).where(eq(credentialTypes.code, code)))) !== undefined;
    },
    insertCredentialType,
    /** false: the type changed since the editor read `expectedVersion`; nothing written. */
    async updateCredentialType(id: number, t: CredentialTypeWrite, at: string, expectedVersion: number): Promise<boolean> {
      const rows = await env
        .db()
        .update(credentialTypes)
        .set({ name: t.name, issuedByState: t.issuedByState, active: t.active, updatedAt: at, version: sql`${credentialTypes.version} + 1` })
        .where(and(eq(credentialTypes.id, id), eq(credentialTypes.version, expectedVersion)))
        .returning({ id: credentialTypes.id });
      if (rows.length !== 1) return false;
      await setTypeRoles(id, t.roles);
      return true;
    },

    getCredential(id: number): Promise<CredentialRow | undefined> {
      return first(
        env
          .db()
          .select(credentialColumns)
          .from(staffCredentials)
          .innerJoin(credentialTypes, eq(credentialTypes.id, staffCredentials.typeId))
          .leftJoin(users, eq(users.id, staffCredentials.verifiedBy))
          .where(eq(staffCredentials.id, id)),
      );
    },
    async listCredentials(p: { staffId: number; offset: number; limit: number; includeVoided: boolean }) {
      const where = and(eq(staffCredentials.staffId, p.staffId), p.includeVoided ? undefined : isNull(staffCredentials.voidedAt));
      const rows = await env
        .db()
        .select(credentialColumns)
        .from(staffCredentials)
        .innerJoin(credentialTypes, eq(credentialTypes.id, staffCredentials.typeId))
        .leftJoin(users, eq(users.id, staffCredentials.verifiedBy))
        .where(where)
        .orderBy(desc(staffCredentials.issuedOn), desc(staffCredentials.id))
        .limit(p.limit)
        .offset(p.offset);
      const total = (await first(env.db().select({ n: count() }).from(staffCredentials).where(where)))?.n ?? 0;
      return { rows, total };
    },
    /** A live credential of the same staff, type and issue date, other than `exceptId`. */
    async findLiveCredentialDuplicate(staffId: number, typeId: number, issuedOn: string, exceptId: number | null): Promise<number | null> {
      const row = await first(
        env
          .db()
          .select({ id: staffCredentials.id })
          .from(staffCredentials)
          .where(and(eq(staffCredentials.staffId, staffId), eq(staffCredentials.typeId, typeId), eq(staffCredentials.issuedOn, issuedOn), isNull(staffCredentials.voidedAt))),
      );
      return row !== undefined && row.id !== exceptId ? row.id : null;
    },
    async insertCredential(c: CredentialWrite, verifiedBy: number | null, at: string): Promise<number> {
      return (await insertCredentials([c], verifiedBy, 'entry', at))[0]!;
    },
    /** Many at once (the demo facility); the caller's transaction makes it all-or-nothing. */
    insertCredentials,
    /** false: the credential changed since the editor read `expectedVersion`; nothing written. */
    async updateCredential(id: number, c: CredentialWrite, verifiedBy: number | null, at: string, expectedVersion: number): Promise<boolean> {
      const rows = await env
        .db()
        .update(staffCredentials)
        .set({ ...c, verifiedBy, verifiedAt: at, updatedAt: at, version: sql`${staffCredentials.version} + 1` })
        .where(and(eq(staffCredentials.id, id), eq(staffCredentials.version, expectedVersion), isNull(staffCredentials.voidedAt)))
        .returning({ id: staffCredentials.id });
      return rows.length === 1;
    },
    async voidCredential(id: number, by: number | null, reason: string, at: string): Promise<void> {
      await env
        .db()
        .update(staffCredentials)
        .set({ voidedAt: at, voidedBy: by, voidReason: reason, updatedAt: at, version: sql`${staffCredentials.version} + 1` })
        .where(eq(staffCredentials.id, id));
    },
    /** For every staff × type with a live credential issued on or before asOf: the latest one. */
    async latestCredentials(asOf: string): Promise<LatestCredential[]> {
      return (await latestStmt.rows({ asOf })) as LatestCredential[];
    },
    /** The same for one person (My training, transport's check). */
    async latestCredentialsOf(staffId: number, asOf: string): Promise<LatestCredential[]> {
      return (await latestOfStmt.rows({ asOf, staffId })) as LatestCredential[];
    },
    /** Live credentials of the given staff issued on or before `through`: the evidence for checks on several dates. */
    async credentialsThrough(staffIds: readonly number[], through: string): Promise<{ staffId: number; typeId: number; issuedOn: string; expiresOn: string }[]> {
      if (staffIds.length === 0) return [];
      return await env
        .db()
        .select({ staffId: staffCredentials.staffId, typeId: staffCredentials.typeId, issuedOn: staffCredentials.issuedOn, expiresOn: staffCredentials.expiresOn })
        .from(staffCredentials)
        .where(and(inArray(staffCredentials.staffId, [...new Set(staffIds)]), isNull(staffCredentials.voidedAt), lte(staffCredentials.issuedOn, through)));
    },
  };
}
