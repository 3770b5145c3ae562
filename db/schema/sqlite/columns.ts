import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { customType } from 'drizzle-orm/sqlite-core';

/**
 * The few column and index expressions that are spelled differently per engine. The twin in
 * ../pg/columns.ts has the same names; test/db/schema-twins.test.ts lists each difference.
 */

/** Case-insensitive key of a text column, for unique indexes ("E0042" and "e0042" are one person). */
export const nocase = (c: SQLWrapper): SQL => sql`${c} COLLATE NOCASE`;

/** A sort key compared byte by byte: SQLite's default for text already. */
export const binaryKey = (c: SQLWrapper): SQL => sql`${c}`;

/** Binary data (certificate scans). */
export const bytes = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'blob',
});
