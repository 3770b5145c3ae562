/**
 * The crash test's writer (issue 15): the real core — dispatcher, handlers, engine — on a SQLite
 * file, doing realistic writes across the areas (rooms, residents, handoff notes, staff, training
 * records, user accounts) as fast as it can, and printing one line per write *after* the call
 * returned ok, i.e. after COMMIT. The parent kills it with SIGKILL at a random moment.
 *
 * Usage (bundled by crash.ts): node writer.cjs <file> <migrationsRoot> <seed>
 */
import fs from 'node:fs';
import { createCore } from '../../electron/core/app';
import type { InputOf, MethodName, OutputOf } from '../../shared/contract';
import type { Result } from '../../shared/result';

const [fileArg, rootArg, seedArg] = process.argv.slice(2);
if (!fileArg || !rootArg) throw new Error('usage: writer <file> <migrationsRoot> <seed>');
const file: string = fileArg;
const migrationsRoot: string = rootArg;
const tag = `${Number(seedArg ?? 0).toString(36)}${process.pid.toString(36)}`.slice(-8);

/** One line per committed write, written synchronously: nothing reported can still be in a buffer. */
function report(line: object): void {
  fs.writeSync(1, `${JSON.stringify(line)}\n`);
}

async function main(): Promise<void> {
  const core = await createCore({ engine: { kind: 'sqlite', file }, migrationsRoot, passwordCost: { memoryKiB: 64, passes: 1, parallelism: 1 }, station: 'crash-writer' });
  const conn = core.dispatcher.connect();
  async function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M> | null> {
    const r = (await conn.invoke(method, input)) as Result<OutputOf<M>>;
    if (!r.ok) {
      process.stderr.write(`${method}: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.fields ?? [])}\n`);
      return null;
    }
    return r.value;
  }

  const signedIn = await call('auth.signIn', { username: 'admin', password: 'lantern orchard bicycle' });
  if (!signedIn) throw new Error('sign-in failed');
  const facility = await call('facility.get', {});
  const courses = await call('training.listCourses', { includeInactive: false });
  if (!facility || !courses) throw new Error('setup missing');
  const unitId = facility.units[0]!.id;
  const shiftId = facility.shifts[0]!.id;
  const courseId = courses.rows[0]!.id;
  report({ ready: true });

  const today = new Date().toISOString().slice(0, 10);
  for (let n = 0; ; n++) {
    const room = await call('rooms.create', { unitId, label: `${tag}-${n}`, beds: ['A'] });
    if (room) report({ method: 'rooms.create', table: 'rooms', id: room.roomId });
    if (room) {
      const resident = await call('residents.admit', {
        legalGiven: 'Ana',
        legalFamily: `Crash ${tag} ${n}`,
        dateOfBirth: '1941-05-12',
        sex: 'female',
        recordNumber: `CR-${tag}-${n}`,
        codeStatus: 'dnr',
        admittedOn: '2026-01-01',
        unitId,
        bedId: room.bedIds[0]!,
      });
      if (resident) {
        report({ method: 'residents.admit', table: 'residents', id: resident.id });
        const note = await call('handoff.saveNote', { residentId: resident.id, date: today, shiftId, expectedVersion: null, template: 'ipass', severity: 'watcher', summary: `Note ${n}: new cough since lunch.`, awareness: 'Call the on-call physician above 38.0.' });
        if (note) report({ method: 'handoff.saveNote', table: 'handoff_notes', id: note.id });
      }
    }
    const staff = await call('training.createStaff', { name: `Crash Aide ${tag} ${n}`, role: 'cna', employeeId: `C${tag}${n}`, hireDate: '2020-01-06', unitId: null });
    if (staff) {
      report({ method: 'training.createStaff', table: 'staff', id: staff.id });
      const record = await call('training.createRecord', { staffId: staff.id, courseId, completedOn: '2025-06-01', hours: 2, provider: null, certificateNumber: null });
      if (record) report({ method: 'training.createRecord', table: 'training_records', id: record.id });
    }
    if (n % 5 === 0) {
      const user = await call('users.create', { username: `crash${tag}${n}`, displayName: `Crash user ${n}`, role: 'nurse', password: 'lantern orchard bicycle' });
      if (user) report({ method: 'users.create', table: 'users', id: user.id });
    }
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
