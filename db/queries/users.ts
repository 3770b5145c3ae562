import { and, asc, count, eq, or, sql } from 'drizzle-orm';
import type { Role } from '../../shared/domain/roles';
import type { Db } from '../open';
import { containsText } from './like';
import { users } from '../schema';

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
};

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
}

type RawUser = [number, string, string, Role, number, 'en' | 'es' | null, number, string, string | null];

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  mustChangePassword: boolean;
  at: string;
}

export function userQueries(db: Db) {
  // The one hand-written statement here: users.get sits on the dispatcher's measured hot path and
  // drizzle's row mapping costs as much as the lookup itself. Column names still come from the schema.
  const byId = db.$client.prepare<[number], RawUser>(
    `SELECT ${[users.id, users.username, users.displayName, users.role, users.active, users.language, users.mustChangePassword, users.createdAt, users.lastSignInAt]
      .map((c) => `"${c.name}"`)
      .join(', ')} FROM "users" WHERE "id" = ?`,
  );
  byId.raw(true);
  const authByUsername = db
    .select({ ...publicColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(sql`${users.username} = ${sql.placeholder('username')} COLLATE NOCASE`)
    .prepare();
  const authById = db
    .select({ ...publicColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, sql.placeholder('id')))
    .prepare();

  return {
    getById(id: number): UserRow | undefined {
      const r = byId.get(id) as unknown as RawUser | undefined;
      if (!r) return undefined;
      return {
        id: r[0],
        username: r[1],
        displayName: r[2],
        role: r[3],
        active: r[4] === 1,
        language: r[5],
        mustChangePassword: r[6] === 1,
        createdAt: r[7],
        lastSignInAt: r[8],
      };
    },
    getAuthByUsername: (username: string) => authByUsername.get({ username }) as (UserRow & { passwordHash: string }) | undefined,
    getAuthById: (id: number) => authById.get({ id }) as (UserRow & { passwordHash: string }) | undefined,

    list(p: { offset: number; limit: number; query?: string | undefined; includeInactive: boolean }) {
      const q = p.query?.trim();
      const where = and(
        p.includeInactive ? undefined : eq(users.active, true),
        q
          ? or(
              containsText(users.username, q),
              containsText(users.displayName, q),
            )
          : undefined,
      );
      const rows = db
        .select(publicColumns)
        .from(users)
        .where(where)
        .orderBy(asc(sql`${users.displayName} COLLATE NOCASE`), asc(users.id))
        .limit(p.limit)
        .offset(p.offset)
        .all() as UserRow[];
      const total = db.select({ n: count() }).from(users).where(where).get()?.n ?? 0;
      return { rows, total };
    },

    insert(u: NewUser): number {
      const row = db
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
        .returning({ id: users.id })
        .get();
      return row.id;
    },

    update(id: number, patch: { displayName: string; role: Role; active: boolean }, at: string): void {
      db.update(users).set({ ...patch, updatedAt: at }).where(eq(users.id, id)).run();
    },

    setPassword(id: number, passwordHash: string, mustChangePassword: boolean, at: string): void {
      db.update(users).set({ passwordHash, mustChangePassword, updatedAt: at }).where(eq(users.id, id)).run();
    },

    setLastSignIn(id: number, at: string): void {
      db.update(users).set({ lastSignInAt: at }).where(eq(users.id, id)).run();
    },

    setLanguage(id: number, language: 'en' | 'es', at: string): void {
      db.update(users).set({ language, updatedAt: at }).where(eq(users.id, id)).run();
    },

    usernameTaken(username: string): boolean {
      return db.select({ id: users.id }).from(users).where(sql`${users.username} = ${username} COLLATE NOCASE`).get() !== undefined;
    },

    countActiveWithRole(role: Role): number {
      return db.select({ n: count() }).from(users).where(and(eq(users.role, role), eq(users.active, true))).get()?.n ?? 0;
    },

    count(): number {
      return db.select({ n: count() }).from(users).get()?.n ?? 0;
    },
  };
}
export type UserQueries = ReturnType<typeof userQueries>;
