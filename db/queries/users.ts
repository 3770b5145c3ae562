import { and, asc, count, eq, or, sql } from 'drizzle-orm';
import type { Role } from '../../shared/domain/roles';
import type { QueryEnv } from '../engine/types';
import { bool, first } from './util';

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  language: 'en' | 'es' | null;
  mustChangePassword: boolean;
  createdAt: string;
  lastSignInAt: string | null;
  version: number;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  mustChangePassword: boolean;
  at: string;
}

export function userQueries(env: QueryEnv) {
  const { users } = env.t;
  const publicColumns = {
    id: users.id,
    username: users.username,
    displayName: users.displayName,
    role: users.role,
    active: users.active,
    language: users.language,
    mustChangePassword: users.mustChangePassword,
    createdAt: users.createdAt,
    lastSignInAt: users.lastSignInAt,
    version: users.version,
  };
  const authColumns = { ...publicColumns, passwordHash: users.passwordHash };
  // users.get sits on a measured hot path: hand-written, prepared once; column names from the schema.
  const byId = env.statement(
    `SELECT ${[users.id, users.username, users.displayName, users.role, users.active, users.language, users.mustChangePassword, users.createdAt, users.lastSignInAt, users.version]
      .map((c) => `"${c.name}"`)
      .join(', ')} FROM "users" WHERE "id" = @id`,
  );

  return {
    async getById(id: number): Promise<UserRow | undefined> {
      const r = (await byId.rows({ id }))[0] as [number, string, string, Role, unknown, UserRow['language'], unknown, string, string | null, number] | undefined;
      if (!r) return undefined;
      return { id: r[0], username: r[1], displayName: r[2], role: r[3], active: bool(r[4]), language: r[5], mustChangePassword: bool(r[6]), createdAt: r[7], lastSignInAt: r[8], version: r[9] };
    },
    getAuthByUsername(username: string): Promise<(UserRow & { passwordHash: string }) | undefined> {
      return first(env.db().select(authColumns).from(users).where(env.d.ciEquals(users.username, username)) as Promise<(UserRow & { passwordHash: string })[]>);
    },
    getAuthById(id: number): Promise<(UserRow & { passwordHash: string }) | undefined> {
      return first(env.db().select(authColumns).from(users).where(eq(users.id, id)) as Promise<(UserRow & { passwordHash: string })[]>);
    },

    async list(p: { offset: number; limit: number; query?: string | undefined; includeInactive: boolean }) {
      const q = p.query?.trim();
      const where = and(
        p.includeInactive ? undefined : eq(users.active, true),
        q ? or(env.d.containsText(users.username, q), env.d.containsText(users.displayName, q)) : undefined,
      );
      const rows = (await env
        .db()
        .select(publicColumns)
        .from(users)
        .where(where)
        .orderBy(asc(env.d.ciOrder(users.displayName)), asc(users.id))
        .limit(p.limit)
        .offset(p.offset)) as UserRow[];
      const total = (await first(env.db().select({ n: count() }).from(users).where(where)))?.n ?? 0;
      return { rows, total };
    },

    async insert(u: NewUser): Promise<number> {
      const rows = await env
        .db()
        .insert(users)
        .values({
          username: u.username,
          displayName: u.displayName,
          role: u.role,
          passwordHash: u.passwordHash,
          mustChangePassword: u.mustChangePassword,
          createdAt: u.at,
          updatedAt: u.at,
        })
        .returning({ id: users.id });
      return rows[0]!.id;
    },

    /** Applies the change only over the version the editor read; false when someone saved in between. */
    async update(id: number, patch: { displayName: string; role: Role; active: boolean }, at: string, expectedVersion: number): Promise<boolean> {
      const rows = await env
        .db()
        .update(users)
        .set({ ...patch, updatedAt: at, version: sql`${users.version} + 1` })
        .where(and(eq(users.id, id), eq(users.version, expectedVersion)))
        .returning({ id: users.id });
      return rows.length === 1;
    },

    async setPassword(id: number, passwordHash: string, mustChangePassword: boolean, at: string): Promise<void> {
      await env
        .db()
        .update(users)
        .set({ passwordHash, mustChangePassword, updatedAt: at, version: sql`${users.version} + 1` })
        .where(eq(users.id, id));
    },

    /** A stronger hash of the same password (at sign-in): not an edit, so the row version stays. */
    async rehash(id: number, passwordHash: string): Promise<void> {
      await env.db().update(users).set({ passwordHash }).where(eq(users.id, id));
    },

    async setLastSignIn(id: number, at: string): Promise<void> {
      await env.db().update(users).set({ lastSignInAt: at }).where(eq(users.id, id));
    },

    async setLanguage(id: number, language: 'en' | 'es', at: string): Promise<void> {
      await env.db().update(users).set({ language, updatedAt: at }).where(eq(users.id, id));
    },

    async usernameTaken(username: string): Promise<boolean> {
      return (await first(env.db().select({ id: users.id }).from(users).where(env.d.ciEquals(users.username, username)))) !== undefined;
    },

    async countActiveWithRole(role: Role): Promise<number> {
      return (await first(env.db().select({ n: count() }).from(users).where(and(eq(users.role, role), eq(users.active, true)))))?.n ?? 0;
    },

    async count(): Promise<number> {
      return (await first(env.db().select({ n: count() }).from(users)))?.n ?? 0;
    },
  };
}
export type UserQueries = ReturnType<typeof userQueries>;
