import Papa from 'papaparse/papaparse.js';
import { describe, expect, test } from 'vitest';
import { STRONG_PASSWORD, adminCore, caller } from '../support/core';
import { addRooms, admission } from '../support/residents';

/**
 * Issue 8, item 11 (with issue 16's audit viewer): filters by person, resident, the facility's
 * dates, action and kind, paged on the server; CSV export in the reader's words and the facility's
 * time, recorded as an export.
 */

async function facility() {
  const a = await adminCore({ now: '2026-03-02T05:30:00Z' }); // 23:30 on March 1 in Chicago
  const { units, beds } = await addRooms(a);
  const r = await a.must('residents.admit', admission({ unitId: units['Memory Care']!, bedId: beds['101A']! }));
  a.clock.set('2026-03-02T14:00:00Z'); // 08:00 on March 2: the station locked itself overnight
  await a.must('auth.unlock', { password: STRONG_PASSWORD });
  await a.must('residents.transfer', { id: r.id, bedId: beds['102A']!, date: '2026-03-02', note: null });
  await a.must('users.create', { username: 'rosa', displayName: 'Rosa Nurse', role: 'nurse', password: 'quiet meadow lantern' });
  const rosa = caller(a.core);
  await rosa.must('auth.signIn', { username: 'rosa', password: 'quiet meadow lantern' });
  await rosa.must('auth.changePassword', { currentPassword: 'quiet meadow lantern', newPassword: 'river stone harbor light' });
  await rosa.must('residents.get', { id: r.id });
  await a.core.dispatcher.settled();
  const me = (await a.must('auth.session', {})).user!;
  const rosaId = (await rosa.must('auth.session', {})).user!.id;
  return { ...a, r, rosa, me, rosaId };
}

describe('the audit viewer', () => {
  test('filters by resident, person, kind and action, with the resident’s name on each row', async () => {
    const f = await facility();
    const about = await f.must('audit.list', { residentId: f.r.id });
    expect(about.rows.map((x) => [x.method, x.kind, x.entityName])).toEqual([
      ['residents.get', 'access', "O'Brien, José"],
      ['residents.transfer', 'change', "O'Brien, José"],
      ['residents.admit', 'change', "O'Brien, José"],
    ]);
    expect((await f.must('audit.list', { residentId: f.r.id, userId: f.rosaId })).rows.map((x) => x.method)).toEqual(['residents.get']);
    expect((await f.must('audit.list', { residentId: f.r.id, kind: 'change' })).total).toBe(2);
    expect((await f.must('audit.list', { action: 'residents.transfer' })).rows).toHaveLength(1);
    const paged = await f.must('audit.list', { limit: 2, offset: 2 });
    expect(paged.rows).toHaveLength(2);
    expect(paged.total).toBeGreaterThan(4);
  });

  test('dates are the facility’s calendar days: 23:30 in Chicago on March 1 is March 1', async () => {
    const f = await facility();
    const march1 = await f.must('audit.list', { from: '2026-03-01', to: '2026-03-01', residentId: f.r.id });
    expect(march1.rows.map((x) => x.method)).toEqual(['residents.admit']);
    const march2 = await f.must('audit.list', { from: '2026-03-02', to: '2026-03-02', residentId: f.r.id });
    expect(march2.rows.map((x) => x.method)).toEqual(['residents.get', 'residents.transfer']);
  });

  test('exports CSV in the reader’s words and the facility’s time, recorded as an export', async () => {
    const f = await facility();
    const out = await f.must('audit.export', { residentId: f.r.id });
    expect(out).toMatchObject({ fileName: 'audit-log-2026-03-02.csv', rows: 3, truncated: false });
    const rows = Papa.parse(out.csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data as string[][];
    expect(rows[0]).toEqual(['When', 'Person', 'Station', 'Kind', 'Action', 'Record', 'Changes']);
    expect(rows[2]).toEqual(['Mar 2, 2026, 08:00', 'Ada Admin', 'local', 'Changes', "Transferred O'Brien, José to Memory Care, room 102-A", "O'Brien, José", 'Bed: Memory Care, room 101-A → Memory Care, room 102-A; Date: Mar 2, 2026']);
    expect(rows[3]![0]).toBe('Mar 1, 2026, 23:30');
    expect(out.csv).not.toMatch(/residents\.transfer|"location"|\{"/);
    const recorded = await f.must('audit.list', { action: 'audit.export' });
    expect(recorded.rows[0]).toMatchObject({ entity: 'export', after: { document: 'audit.log', rows: 3, filters: { residentId: f.r.id } } });
    // In Spanish for a reader who reads Spanish.
    await f.must('auth.setLanguage', { language: 'es' });
    const es = await f.must('audit.export', { residentId: f.r.id, kind: 'change' });
    expect(es.csv).toContain('Cuándo');
    expect(es.csv).toContain("Trasladó a O'Brien, José a Memory Care, habitación 102-A");
    expect(es.csv).toContain('2 mar 2026, 08:00');
  });

  test('only audit readers may export', async () => {
    const f = await facility();
    expect(await f.rosa.call('audit.export', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
