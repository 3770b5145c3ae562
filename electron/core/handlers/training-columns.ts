import type { ItemKind } from '../../../shared/contract/training-common';
import { CREDENTIAL_VALIDITY } from '../../../shared/domain/training/credentials';
import type { LatestCompletions, MatrixCourse } from '../../../shared/domain/training/matrix';
import type { CompletionRecord } from '../../../shared/domain/training/status';
import type { LatestCredential } from '../../../db/queries/training-credentials';
import type { HandlerContext } from '../context';

/**
 * The columns of the matrix, the lapsing list and the reminders: active courses, then active licence
 * types. Courses and licence types are numbered in their own tables, so the pure rules get each column's
 * position as its id (`id`, distinct across both) and the outputs name the column by `kind` and `refId`.
 */
export interface Column extends MatrixCourse {
  kind: ItemKind;
  /** The course's or the licence type's own id. */
  refId: number;
  code: string;
  name: string;
}

export async function loadColumns(ctx: Pick<HandlerContext, 'q'>): Promise<Column[]> {
  const courses = await ctx.q.training.listCourses(false);
  const types = await ctx.q.training.listCredentialTypes(false);
  const columns: Column[] = [];
  for (const c of courses) columns.push({ id: columns.length, kind: 'course', refId: c.id, code: c.code, name: c.name, validity: c.validity, roles: c.roles });
  for (const t of types) columns.push({ id: columns.length, kind: 'licence', refId: t.id, code: t.code, name: t.name, validity: CREDENTIAL_VALIDITY, roles: t.roles });
  return columns;
}

/**
 * staffId → column → the latest completion (a date) or credential (issue and expiry) on or before the
 * as-of date, from the two bulk reads. Rows of inactive courses and types have no column and are skipped.
 */
export function latestByColumn(columns: readonly Column[], completions: Iterable<readonly [number, number, string]>, credentials: Iterable<LatestCredential>): LatestCompletions {
  const courseColumn = new Map<number, number>();
  const typeColumn = new Map<number, number>();
  for (const c of columns) (c.kind === 'course' ? courseColumn : typeColumn).set(c.refId, c.id);
  const out = new Map<number, Map<number, string | CompletionRecord>>();
  const put = (staffId: number, column: number, value: string | CompletionRecord) => {
    let mine = out.get(staffId);
    if (mine === undefined) out.set(staffId, (mine = new Map()));
    mine.set(column, value);
  };
  for (const [staffId, courseId, completedOn] of completions) {
    const column = courseColumn.get(courseId);
    if (column !== undefined) put(staffId, column, completedOn);
  }
  for (const [staffId, typeId, issuedOn, expiresOn] of credentials) {
    const column = typeColumn.get(typeId);
    if (column !== undefined) put(staffId, column, { completedOn: issuedOn, expiresOn });
  }
  return out;
}

/** Everyone's latest completions and credentials as of a date, by column. */
export async function loadLatest(ctx: Pick<HandlerContext, 'q'>, columns: readonly Column[], asOf: string): Promise<LatestCompletions> {
  return latestByColumn(columns, await ctx.q.training.latestCompletions(asOf), await ctx.q.training.latestCredentials(asOf));
}
