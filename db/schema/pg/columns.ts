import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { customType } from 'drizzle-orm/pg-core';

/**
 * The few column and index expressions that are spelled differently per engine. The twin in
 * ../sqlite/columns.ts has the same names; test/db/schema-twins.test.ts lists each difference.
 */

/** Case-insensitive key of a text column, for unique indexes ("E0042" and "e0042" are one person). */
export const nocase = (c: SQLWrapper): SQL => sql`lower(${c})`;

/** Binary data (certificate scans). */
export const bytes = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});
