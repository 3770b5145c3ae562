import type { Core } from '../../electron/core/app';
import type { InputOf } from '../../shared/contract';
import type { caller } from './core';
import { countRows } from './db';

type Caller = ReturnType<typeof caller>;

/** Rooms 101–104 (beds A and B) in Memory Care and 201–202 (bed A) in Skilled 2, created through the api. */
export async function addRooms(c: Caller): Promise<{ units: Record<string, number>; beds: Record<string, number> }> {
  const facility = await c.must('facility.get', {});
  const units = Object.fromEntries(facility.units.map((u) => [u.name, u.id]));
  const beds: Record<string, number> = {};
  const mc = units['Memory Care']!;
  const s2 = units['Skilled 2']!;
  for (const label of ['101', '102', '103', '104']) {
    const r = await c.must('rooms.create', { unitId: mc, label, beds: ['A', 'B'] });
    beds[`${label}A`] = r.bedIds[0]!;
    beds[`${label}B`] = r.bedIds[1]!;
  }
  for (const label of ['201', '202']) beds[`${label}A`] = (await c.must('rooms.create', { unitId: s2, label, beds: ['A'] })).bedIds[0]!;
  return { units, beds };
}

export function admission(over: Partial<InputOf<'residents.admit'>> & { unitId: number; bedId: number }): InputOf<'residents.admit'> {
  return {
    legalGiven: 'José',
    legalFamily: "O'Brien",
    dateOfBirth: '1941-05-12',
    sex: 'male',
    recordNumber: 'MRN-1001',
    codeStatus: 'dnr',
    admittedOn: '2026-02-01',
    ...over,
  };
}

/** Row counts of every residents table plus the audit log: "nothing written" means these did not move. */
export async function counts(core: Core) {
  // The trail's rows (reads, refusals) are written just after their call: settled first, and left
  // out — a refused write must change no record, and the trail records refusals by design.
  await core.dispatcher.settled();
  const n = (table: string) => countRows(core, table);
  return {
    residents: await n('residents'),
    periods: await n('resident_status_periods'),
    beds: await n('resident_bed_assignments'),
    allergies: await n('resident_allergies'),
    contacts: await n('resident_contacts'),
    audit: await n("audit_log WHERE kind = 'change'"),
  };
}
