/** The first row of a query, or undefined: the one spelling of "get" both drizzle dialects share. */
export async function first<T>(rows: Promise<T[]> | PromiseLike<T[]>): Promise<T | undefined> {
  return (await rows)[0];
}

/** A boolean as either engine returns it in a raw row (SQLite 0/1, PostgreSQL true/false). */
export const bool = (v: unknown): boolean => v === true || v === 1;
