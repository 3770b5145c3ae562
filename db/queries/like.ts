import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * `column LIKE '%text%'` for text a person typed: '%' and '_' in it match themselves.
 * drizzle's like() emits no ESCAPE clause and SQLite has no default escape character, so a
 * search for "j_smith" would otherwise treat '_' as a wildcard (or, escaped, find nothing).
 */
export function containsText(column: SQLWrapper, text: string): SQL {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}
