import type { Core } from '../../electron/core/app';
import { STRONG_PASSWORD, caller, setupInput } from './core';
import { admission } from './residents';

/**
 * A large handoff unit for the printed-sheet tests and the bench: `n` residents (n even) in rooms
 * `<prefix>001`… (beds A and B) on the named unit, each with a 600-character I-PASS summary for
 * the Day shift of `date`. Row i (from 1) starts with its room, "W001-A", and its notes end with
 * `endToken(i)`: the two tokens the PDF tests look for.
 */

export const HANDOFF_CODES = ['full_code', 'dnr', 'dnr_dni', 'comfort_care'] as const;
const pad = (i: number) => String(i).padStart(3, '0');
export const roomToken = (i: number, prefix = 'W') => `${prefix}${pad(Math.ceil(i / 2))}-${i % 2 === 1 ? 'A' : 'B'}`;
export const endToken = (i: number) => `Qend${pad(i)}`;

/** Exactly 600 characters (the summary's limit), ending with the row's end token. */
export function longSummary(i: number): string {
  const filler = 'Slept well after midnight; ate most of breakfast with set-up help; afebrile; skin intact on sacrum; voiding without difficulty; family visited and will call back about glasses. ';
  const end = ` ${endToken(i)}`;
  return filler.repeat(5).slice(0, 600 - end.length) + end;
}

type Caller = ReturnType<typeof caller>;

/** Creates the facility (paper as given) and signs the administrator in. */
export async function handoffFacility(core: Core, paper: 'letter' | 'a4'): Promise<Caller> {
  const c = caller(core);
  await c.must('setup.createFacility', { ...setupInput, facility: { ...setupInput.facility, paperSize: paper } });
  await c.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
  return c;
}

export async function seedHandoffUnit(c: Caller, opts: { unit: string; n: number; date: string; prefix?: string; recordPrefix?: string }): Promise<{ unitId: number; shiftId: number }> {
  const f = await c.must('facility.get', {});
  const unitId = f.units.find((u) => u.name === opts.unit)!.id;
  const shiftId = f.shifts.find((s) => s.name === 'Day')!.id;
  const prefix = opts.prefix ?? 'W';
  for (let r = 1; r <= opts.n / 2; r++) {
    const beds = (await c.must('rooms.create', { unitId, label: `${prefix}${pad(r)}`, beds: ['A', 'B'] })).bedIds;
    for (const [k, bedId] of beds.entries()) {
      const i = 2 * r - 1 + k;
      const res = await c.must(
        'residents.admit',
        admission({
          unitId,
          bedId,
          recordNumber: `${opts.recordPrefix ?? 'R'}-${i}`,
          legalGiven: `Given${pad(i)}`,
          legalFamily: `Family${pad(i)}`,
          codeStatus: HANDOFF_CODES[i % 4]!,
          admittedOn: '2026-01-10',
          allergies: { state: 'nka', recordedOn: '2026-01-10' },
        }),
      );
      await c.must('handoff.saveNote', { residentId: res.id, date: opts.date, shiftId, expectedVersion: null, template: 'ipass', severity: 'stable', summary: longSummary(i) });
    }
  }
  return { unitId, shiftId };
}
