import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Dialect } from './types';

/** `%text%` for LIKE with '%', '_' and '\' in the typed text matching themselves. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export const sqliteDialect: Dialect = {
  kind: 'sqlite',
  ciEquals: (c: SQLWrapper, v: string): SQL => sql`${c} = ${v} COLLATE NOCASE`,
  // SQLite's LIKE ignores ASCII case; it has no default escape character, hence the ESCAPE clause.
  containsText: (c: SQLWrapper, text: string): SQL => sql`${c} LIKE ${likePattern(text)} ESCAPE '\\'`,
  ciOrder: (c: SQLWrapper): SQL => sql`${c} COLLATE NOCASE`,
  binaryOrder: (c: SQLWrapper): SQL => sql`${c}`,
};

export const pgDialect: Dialect = {
  kind: 'pg',
  ciEquals: (c: SQLWrapper, v: string): SQL => sql`lower(${c}) = lower(${v})`,
  containsText: (c: SQLWrapper, text: string): SQL => sql`${c} ILIKE ${likePattern(text)} ESCAPE '\\'`,
  ciOrder: (c: SQLWrapper): SQL => sql`lower(${c})`,
  binaryOrder: (c: SQLWrapper): SQL => sql`${c} COLLATE "C"`,
};
