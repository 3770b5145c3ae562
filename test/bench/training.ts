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
 * The same statuses as statusOf, in one SQL statement: what a hand-written report would run, courses and
 * licence types alike. SQLite's '+N months' does not clamp to month end (Jan 31 + 1 month = Mar 3), so a
 * handful of month-end completions differ by a day or two from the shared rule; the check below tolerates
 * only those.
 */
const RAW_MATRIX = `
WITH latest AS (
  SELECT staff_id, course_id, MAX(completed_on) AS done FROM training_records
  WHERE voided_at IS NULL AND completed_on <= @asOf GROUP BY staff_id, course_id
),
held AS (
  SELECT c.staff_id, c.type_id, c.issued_on, c.expires_on FROM staff_credentials c
  JOIN (SELECT staff_id, type_id, MAX(issued_on) AS issued_on FROM staff_credentials
        WHERE voided_at IS NULL AND issued_on <= @asOf GROUP BY staff_id, type_id) l
    ON l.staff_id = c.staff_id AND l.type_id = c.type_id AND l.issued_on = c.issued_on
  WHERE c.voided_at IS NULL
),
people AS (SELECT * FROM staff WHERE active = 1 AND hire_date <= @asOf)
SELECT staffId, name, employeeId, role, unitId, courseId, status, completedOn, expiresOn FROM (
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
    CASE WHEN c.validity_kind = 'months' AND l.done IS NOT NULL THEN date(l.done, '+' || c.validity_value || ' months') END AS expiresOn,
    0 AS kindOrder, c.sort_order AS columnOrder, c.id AS columnId
  FROM people s
  CROSS JOIN courses c
  LEFT JOIN course_roles cr ON cr.course_id = c.id AND cr.role = s.role
  LEFT JOIN latest l ON l.staff_id = s.id AND l.course_id = c.id
  WHERE c.active = 1
  UNION ALL
  SELECT s.id, s.name, s.employee_id, s.role, s.unit_id, t.id,
    CASE
      WHEN tr.role IS NULL THEN 'not_required'
      WHEN h.expires_on IS NULL THEN 'missing'
      WHEN @asOf >= h.expires_on THEN 'expired'
      WHEN @asOf >= date(h.expires_on, '-' || @window || ' days') THEN 'expiring'
      ELSE 'current'
    END,
    h.issued_on, h.expires_on,
    1, t.sort_order, t.id
  FROM people s
  CROSS JOIN credential_types t
  LEFT JOIN credential_type_roles tr ON tr.type_id = t.id AND tr.role = s.role
  LEFT JOIN held h ON h.staff_id = s.id AND h.type_id = t.id
  WHERE t.active = 1
)
ORDER BY name COLLATE NOCASE, staffId, kindOrder, columnOrder, columnId`;

/**
 * training.matrix_ratio / _p95_ms: the full matrix (500 staff × 25 courses and 6 licence types) through
 * the dispatcher, with the structured clone Electron's IPC does on input and output, against one raw SQL
 * statement. training.session_write_ms: one in-service session with 100 attendees through the dispatcher
 * (median of distinct classes). training.import_rows_per_s: 100,000 CSV rows through importPreview and
 * importCommit, on a fresh facility of its own so the matrix figures are not disturbed.
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
  const matrix = (await viaDispatcher()).value as { courses: { kind: string; id: number }[]; rows: { staffId: number; cells: { status: string }[] }[] };
  const rawRows = viaRaw() as { staffId: number; courseId: number; status: string }[];
  const columns = matrix.courses.length;
  if (matrix.courses.filter((c) => c.kind === 'course').length !== 25 || columns !== 31 || matrix.rows.length * columns !== rawRows.length) {
    throw new Error(`matrix shape differs: ${matrix.rows.length}×${columns} vs ${rawRows.length} cells`);
  }
  let mismatches = 0;
  rawRows.forEach((cell, i) => {
    const row = matrix.rows[Math.floor(i / columns)]!;
    if (row.staffId !== cell.staffId || row.cells[i % columns]!.status !== cell.status) mismatches++;
  });
  if (mismatches > rawRows.length * 0.002) throw new Error(`matrix statuses differ from the raw query in ${mismatches} cells`);

  const [dispatched, baseline] = await timePair(viaDispatcher, viaRaw, { warmup: 20, rounds: 40, batch: 3 });
  const single = await time(viaDispatcher, { warmup: 10, rounds: 100 });

  return {
    'training.matrix_ratio': round(dispatched.median / baseline.median, 2),
    'training.matrix_p95_ms': round(single.p95, 2),
    'training.session_write_ms': await benchSession(ctx),
    'training.import_rows_per_s': await benchImport(),
  };
}

/**
 * One class, 100 attendees, through the dispatcher (validation, the three checks for the whole list, the
 * session row, 100 records in one statement, the audit row, the commit). Each round is a class of its own
 * course on its own date, as a facility enters them; the median of the rounds.
 */
async function benchSession(ctx: BenchContext): Promise<number> {
  const conn = await ctx.signedIn('don');
  const created = await conn.invoke('training.createCourse', { code: 'bench_in_service', name: 'Bench in-service', validity: { kind: 'months', months: 12 }, roles: ['cna', 'rn', 'lpn'], countsAsInService: true });
  if (!created.ok) throw new Error(`bench course failed: ${created.error.code}`);
  const courseId = (created.value as { id: number }).id;
  const attendeeIds = (ctx.sqlite.prepare('SELECT id FROM staff WHERE active = 1 ORDER BY id LIMIT 100').pluck().all() as number[]);
  if (attendeeIds.length !== 100) throw new Error('the bench facility has fewer than 100 active staff');
  // A month back from the bench's real clock: never "in the future" in the facility's zone.
  const start = addDays(new Date().toISOString().slice(0, 10), -30);
  let day = 0;
  const write = async () => {
    // Classes on distinct past days: the same class twice would be refused as duplicates.
    const heldOn = addDays(start, -day++);
    const r = await conn.invoke('training.recordSession', structuredClone({ courseId, heldOn, hours: 1, instructor: 'Bench Educator', location: null, attendeeIds }));
    if (!r.ok) throw new Error(`training.recordSession failed: ${JSON.stringify(r.error)}`);
  };
  const t = await time(write, { warmup: 5, rounds: 40 });
  return round(t.median, 2);
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
