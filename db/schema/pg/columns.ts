import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { customType } from 'drizzle-orm/pg-core';

/**
 * The few column and index expressions that are spelled differently per engine. The twin in
 * ../sqlite/columns.ts has the same names; test/db/schema-twins.test.ts lists each difference.
 */

/** Case-insensitive key of a text column, for unique indexes ("E0042" and "e0042" are one person). */
export const nocase = (c: SQLWrapper): SQL => sql`lower(${c})`;

/**
 * A sort key compared byte by byte (normalised keys such as location_key): the server's own
 * collation would reorder them, and an index must use the same collation as the ORDER BY to serve it.
 */
export const binaryKey = (c: SQLWrapper): SQL => sql`${c} COLLATE "C"`;

/** Binary data (certificate scans). */
export const bytes = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});
