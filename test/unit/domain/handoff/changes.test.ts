import { describe, expect, it } from 'vitest';
import { buildSheet, type SheetResident } from '../../../../shared/domain/handoff/rows';
import { diffSheets, type ContentRow, type Difference } from '../../../../shared/domain/handoff/content';
import { resident, sheetInput } from './fixtures';

/** The previous handoff's content for these residents, as it was stored. */
function baselineOf(residents: SheetResident[]) {
  const rows = buildSheet(sheetInput({ residents })).content;
  return { ref: { shift: { shiftId: 3, date: '2026-03-01' }, at: '2026-03-02T13:05:00.000Z', acknowledged: true }, rows: new Map(rows.map((r) => [r.id, r])) };
}

function marks(before: SheetResident[], after: SheetResident[]): Record<number, Difference['kind'][]> {
  const sheet = buildSheet(sheetInput({ residents: after, baseline: baselineOf(before) }));
  return Object.fromEntries(sheet.rows.map((r) => [r.residentId, r.changes.map((c) => c.kind)]));
}

describe('"changed since the last handoff" markers', () => {
  it('marks nothing when nothing changed', () => {
    expect(marks([resident(1)], [resident(1)])).toEqual({ 1: [] });
  });

  it('marks a new allergy, naming it, and a changed severity', () => {
    const before = resident(1, { allergies: { state: 'listed', items: [{ substance: 'Penicillin', reaction: 'rash', severity: 'mild' }] } });
    const added = resident(1, {
      allergies: {
        state: 'listed',
        items: [
          { substance: 'Penicillin', reaction: 'rash', severity: 'mild' },
          { substance: 'Latex', reaction: 'anaphylaxis', severity: 'severe' },
        ],
      },
    });
    const sheet = buildSheet(sheetInput({ residents: [added], baseline: baselineOf([before]) }));
    const change = sheet.rows[0]!.changes[0]!;
    expect(change.kind === 'allergies' && change.added.map((i) => i.substance)).toEqual(['Latex']);
    const worse = resident(1, { allergies: { state: 'listed', items: [{ substance: 'Penicillin', reaction: 'rash', severity: 'severe' }] } });
    const again = buildSheet(sheetInput({ residents: [worse], baseline: baselineOf([before]) })).rows[0]!.changes[0]!;
    expect(again.kind === 'allergies' && again.changed.map((i) => i.severity)).toEqual(['severe']);
  });

  it('marks allergies recorded for the first time (not recorded → NKA)', () => {
    expect(marks([resident(1, { allergies: null })], [resident(1)])).toEqual({ 1: ['allergies'] });
  });

  it('marks a changed code status with what it was', () => {
    const sheet = buildSheet(sheetInput({ residents: [resident(1, { codeStatus: 'dnr' })], baseline: baselineOf([resident(1)]) }));
    expect(sheet.rows[0]!.changes).toEqual([{ kind: 'code_status', residentId: 1, before: 'full_code', after: 'dnr' }]);
  });

  it('marks fall risk and isolation, including a value newly assessed', () => {
    expect(marks([resident(1)], [resident(1, { fallRisk: 'high' })])).toEqual({ 1: ['fall_risk'] });
    expect(marks([resident(1, { fallRisk: null })], [resident(1)])).toEqual({ 1: ['fall_risk'] });
    expect(marks([resident(1)], [resident(1, { isolation: 'droplet' })])).toEqual({ 1: ['isolation'] });
  });

  it('marks an admission, and tells it from an arrival from another unit', () => {
    expect(marks([resident(1)], [resident(1), resident(2, { admittedOn: '2026-03-02', statusSince: '2026-03-02' })])).toEqual({ 1: [], 2: ['admitted'] });
    expect(marks([resident(1)], [resident(1), resident(2)])).toEqual({ 1: [], 2: ['moved_in'] });
  });

  it('marks a return from hospital or leave', () => {
    expect(marks([resident(1, { status: 'hospital', statusSince: '2026-02-27' })], [resident(1, { statusSince: '2026-03-02' })])).toEqual({ 1: ['returned'] });
    // Out and back between two handoffs: the status date moved on.
    expect(marks([resident(1)], [resident(1, { statusSince: '2026-03-02' })])).toEqual({ 1: ['returned'] });
  });

  it('marks a new appointment and a new trip once appointments and transport fill the slot', () => {
    const appt = { key: 'a1', startsAt: '2026-03-02T15:00:00.000Z', endsAt: null, title: 'Dialysis', inHouse: false, preparation: null, tripKey: null, pickupAt: null, returnAt: null, escort: null };
    const schedule = (tripKey: string | null) => ({ available: true, appointments: new Map([[1, [{ ...appt, tripKey }]]]), staffOffFloor: [], outOnTrip: new Map() });
    const none = buildSheet(sheetInput({ residents: [resident(1)] })).content;
    const base = (rows: ContentRow[]) => ({ ref: { shift: { shiftId: 3, date: '2026-03-01' }, at: '2026-03-02T13:05:00.000Z', acknowledged: true }, rows: new Map(rows.map((r) => [r.id, r])) });
    const withAppt = buildSheet(sheetInput({ residents: [resident(1)], schedule: schedule(null), baseline: base(none) }));
    expect(withAppt.rows[0]!.changes.map((c) => c.kind)).toEqual(['appointment_new']);
    const withTrip = buildSheet(sheetInput({ residents: [resident(1)], schedule: schedule('t1'), baseline: base(withAppt.content) }));
    expect(withTrip.rows[0]!.changes.map((c) => c.kind)).toEqual(['trip_new']);
  });

  it('does not mark what the sheet does not mark, but the acknowledgment review lists it', () => {
    const before = buildSheet(sheetInput({ residents: [resident(1), resident(2)] })).content;
    const note = { template: 'ipass' as const, severity: 'stable' as const, summary: 'Slept well', awareness: null, situation: null, background: null, assessment: null, recommendation: null, updatedAt: '2026-03-02T19:00:00Z', updatedByName: null };
    const after = buildSheet(sheetInput({ residents: [resident(1, { dietType: 'renal' })], notes: new Map([[1, note]]) }));
    expect(marks([resident(1)], [resident(1, { dietType: 'renal' })])).toEqual({ 1: [] });
    expect(diffSheets(before, after.content, { since: '2026-03-01' }).map((d) => d.kind)).toEqual(['diet', 'note', 'left']);
  });
});
