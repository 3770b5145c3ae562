import path from 'node:path';
import { DEMO_PASSWORD, seedDemoFacility } from '../../db/demo/generate';
import type { SqliteEngine } from '../../db/engine/sqlite';
import { sourceMigrationsRoot } from '../../db/paths';
import { createCore } from '../../electron/core/app';
import { hashPassword } from '../../electron/core/passwords';
import { addDays } from '../../shared/domain/dates';
import { testPasswordCost, tempDir } from '../support/core';
import { round, time, timePair } from './measure';
import type { BenchContext, BenchResults } from './types';

/** The as-of date of the bench facility (seeded at 2026-11-02). */
const AS_OF = '2026-11-02';

/**
 * The same statuses as statusOf, in one SQL statement: what a hand-written report would run. SQLite's
 * '+N months' does not clamp to month end (Jan 31 + 1 month = Mar 3), so a handful of month-end
 * completions differ by a day or two from the shared rule; the check below tolerates only those.
 */
const RAW_MATRIX = `
WITH latest AS (
  SELECT staff_id, course_id, MAX(completed_on) AS done FROM training_records
  WHERE voided_at IS NULL AND completed_on <= @asOf GROUP BY staff_id, course_id
)
SELECT s.id AS staffId, s.name, s.employee_id AS employeeId, s.role, s.unit_id AS unitId, c.id AS courseId,
  CASE
    WHEN cr.role IS NULL THEN 'not_required'
    WHEN c.validity_kind = 'once_within_days_of_hire' THEN
      CASE WHEN l.done IS NOT NULL THEN 'current'
           WHEN @asOf > date(s.hire_date, '+' || c.validity_value || ' days') THEN 'missing'
           ELSE 'expiring' END
    WHEN l.done IS NULL THEN 'missing'
    WHEN @asOf >= date(l.done, '+' || c.validity_value || ' months') THEN 'expired'
    WHEN @asOf >= date(l.done, '+' || c.validity_value || ' months', '-' || @window || ' days') THEN 'expiring'
    ELSE 'current'
  END AS status,
  l.done AS completedOn,
  CASE WHEN c.validity_kind = 'months' AND l.done IS NOT NULL THEN date(l.done, '+' || c.validity_value || ' months') END AS expiresOn
FROM staff s
CROSS JOIN courses c
LEFT JOIN course_roles cr ON cr.course_id = c.id AND cr.role = s.role
LEFT JOIN latest l ON l.staff_id = s.id AND l.course_id = c.id
WHERE s.active = 1 AND s.hire_date <= @asOf AND c.active = 1
ORDER BY s.name COLLATE NOCASE, s.id, c.sort_order, c.id`;

/**
 * training.matrix_ratio / _p95_ms: the full matrix (500 staff × 25 courses) through the dispatcher,
 * with the structured clone Electron's IPC does on input and output, against one raw SQL statement.
 * training.import_rows_per_s: 100,000 CSV rows through importPreview and importCommit, on a fresh
 * facility of its own so the matrix figures are not disturbed.
 */
export async function benchTraining(ctx: BenchContext): Promise<BenchResults> {
  const conn = await ctx.signedIn('don');
  const raw = ctx.sqlite.prepare(RAW_MATRIX);
  const input = { asOf: AS_OF, windowDays: 30 as const, limit: 2000 };
  const viaDispatcher = async () => {
    const result = await conn.invoke('training.matrix', structuredClone(input));
    if (!result.ok) throw new Error(`training.matrix failed: ${result.error.code}`);
    return structuredClone(result);
  };
  const viaRaw = () => raw.all({ asOf: AS_OF, window: 30 });

  // Same answer first: the figures mean nothing if the two disagree.
  const matrix = (await viaDispatcher()).value as { courses: { id: number }[]; rows: { staffId: number; cells: { status: string }[] }[] };
  const rawRows = viaRaw() as { staffId: number; courseId: number; status: string }[];
  if (matrix.courses.length !== 25 || matrix.rows.length * 25 !== rawRows.length) {
    throw new Error(`matrix shape differs: ${matrix.rows.length}×${matrix.courses.length} vs ${rawRows.length} cells`);
  }
  let mismatches = 0;
  rawRows.forEach((cell, i) => {
    const row = matrix.rows[Math.floor(i / 25)]!;
    if (row.staffId !== cell.staffId || row.cells[i % 25]!.status !== cell.status) mismatches++;
  });
  if (mismatches > rawRows.length * 0.002) throw new Error(`matrix statuses differ from the raw query in ${mismatches} cells`);

  const [dispatched, baseline] = await timePair(viaDispatcher, viaRaw, { warmup: 20, rounds: 40, batch: 3 });
  const single = await time(viaDispatcher, { warmup: 10, rounds: 100 });

  return {
    'training.matrix_ratio': round(dispatched.median / baseline.median, 2),
    'training.matrix_p95_ms': round(single.p95, 2),
    'training.import_rows_per_s': await benchImport(),
  };
}

async function benchImport(): Promise<number> {
  const file = path.join(tempDir('caredesk-bench-import-'), 'import.sqlite');
  const core = await createCore({ engine: { kind: 'sqlite', file }, migrationsRoot: sourceMigrationsRoot, passwordCost: testPasswordCost, clock: { now: () => new Date('2026-11-02T12:00:00Z') } });
  const sqlite = (core.engine as SqliteEngine).opened.sqlite;
  try {
    await seedDemoFacility(core.engine, {
      seed: 7,
      now: new Date('2026-11-02T12:00:00Z'),
      hashPassword: (p) => hashPassword(p, testPasswordCost),
      roomsPerUnit: 2,
      staff: 500,
      extraCourses: 15,
      trainingYears: 0,
    });
    sqlite.exec('DELETE FROM training_records');
    const conn = core.dispatcher.connect();
    const signIn = await conn.invoke('auth.signIn', { username: 'admin', password: DEMO_PASSWORD });
    if (!signIn.ok) throw new Error('bench sign-in failed');
    const staff = sqlite.prepare('SELECT employee_id FROM staff ORDER BY id').pluck().all() as string[];
    const courses = sqlite.prepare('SELECT name FROM courses ORDER BY id').pluck().all() as string[];
    // 500 staff × 25 courses × 8 session dates = 100,000 distinct completions, an LMS export's shape.
    const lines = ['Employee ID,Course,Completion Date,Hours,Provider,Certificate Number'];
    for (let d = 0; d < 8; d++) {
      const date = addDays('2026-10-01', -90 * d);
      for (const employeeId of staff) for (const course of courses) lines.push(`${employeeId},${course},${date},1.5,In-house educator,`);
    }
    const csv = `${lines.join('\r\n')}\r\n`;
    const rows = lines.length - 1;
    const t0 = performance.now();
    const preview = await conn.invoke('training.importPreview', structuredClone({ csv }));
    if (!preview.ok || (preview.value as { newRows: number }).newRows !== rows) throw new Error(`import preview failed: ${JSON.stringify(preview).slice(0, 300)}`);
    const commit = await conn.invoke('training.importCommit', structuredClone({ csv }));
    if (!commit.ok || (commit.value as { inserted: number }).inserted !== rows) throw new Error(`import commit failed: ${JSON.stringify(commit).slice(0, 300)}`);
    const seconds = (performance.now() - t0) / 1000;
    return Math.round(rows / seconds);
  } finally {
    await core.close();
  }
}
