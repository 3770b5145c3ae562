import { describe, expect, test } from 'vitest';
import type { ResidentDetail, ResidentFields } from '../../shared/contract/residents';
import { clinicalFields } from '../../shared/domain/residents/clinical';
import { fieldsOf } from '../../electron/core/handlers/residents';
import { adminCore, caller } from '../support/core';
import { fingerprint, sqlRows } from '../support/db';
import { addRooms, admission } from '../support/residents';

// Issue 8 · 3, 4, 5, 6 at the handlers, on both engines.

const PASSWORD = 'quiet meadow lantern';

async function setup() {
  const a = await adminCore({ now: '2026-03-02T14:00:00Z' });
  const place = await addRooms(a);
  return { ...a, ...place, mc: place.units['Memory Care']! };
}

async function signedIn(a: Awaited<ReturnType<typeof setup>>, username: string, role: 'care_coordinator' | 'nurse') {
  await a.must('users.create', { username, displayName: username, role, password: PASSWORD });
  const c = caller(a.core);
  await c.must('auth.signIn', { username, password: PASSWORD });
  await c.must('auth.changePassword', { currentPassword: PASSWORD, newPassword: 'river stone harbor light' });
  return c;
}

describe('issue 8 · 3: nothing clinical has a default', () => {
  test('an admission with only the required fields is "not assessed" everywhere, on the record and the census', async () => {
    const a = await setup();
    const d = await a.must('residents.admit', admission({ unitId: a.mc, bedId: a.beds['101A']! }));
    const unassessed = { dietType: null, iddsiFood: null, iddsiDrink: null, transfer: null, aid: null, fallRisk: null, wanderingRisk: null, isolation: null };
    expect(d).toMatchObject({ ...unassessed, bariatric: null, transportMode: null, allergies: { state: 'not_recorded', items: [] } });
    expect((await a.must('residents.list', {})).rows[0]).toMatchObject(unassessed);
    const stored = await sqlRows<Record<string, unknown>>(a.core, 'SELECT diet_type, iddsi_food, iddsi_drink, transfer, aid, bariatric, fall_risk, wandering_risk, isolation FROM residents WHERE id = ?', [d.id]);
    expect(Object.values(stored[0]!).every((v) => v === null)).toBe(true);
  });

  test('assessed mobility gives the transport mode; the census finds and sorts those not assessed', async () => {
    const a = await setup();
    const assessed = await a.must('residents.admit', admission({ unitId: a.mc, bedId: a.beds['101A']!, transfer: 'two_person', aid: 'walker', bariatric: false, fallRisk: 'high' }));
    expect(assessed.transportMode).toBe('wheelchair');
    await a.must('residents.admit', admission({ unitId: a.mc, bedId: a.beds['101B']!, recordNumber: 'MRN-2', legalGiven: 'Zoë', fallRisk: 'low' }));
    const unknown = await a.must('residents.admit', admission({ unitId: a.mc, bedId: a.beds['102A']!, recordNumber: 'MRN-3', legalGiven: 'Ana' }));
    expect((await a.must('residents.list', { fallRisk: 'not_assessed' })).rows.map((r) => r.id)).toEqual([unknown.id]);
    // Highest risk first puts the unknown first: nobody has looked, it may be the highest.
    expect((await a.must('residents.list', { sort: 'fallRisk', desc: true })).rows.map((r) => r.fallRisk)).toEqual([null, 'high', 'low']);
    // A nurse may record an assessment as not assessed again (say, entered on the wrong resident).
    const back = await a.must('residents.update', { ...fieldsOf(assessed), id: assessed.id, expectedVersion: assessed.version, fallRisk: null, aid: null });
    expect(back).toMatchObject({ fallRisk: null, aid: null, transportMode: null });
  });
});

describe('issue 8 · 4: allergies are items; the stored summary follows them', () => {
  test('severe first, each with its own severity; NKA and not recorded stay apart; the summary columns follow every change', async () => {
    const a = await setup();
    const items = [
      { substance: 'Sulfa', reaction: 'bad rash', severity: 'mild' as const },
      { substance: 'Shellfish', reaction: 'throat swelling', severity: 'severe' as const },
    ];
    const d = await a.must('residents.admit', admission({ unitId: a.mc, bedId: a.beds['101A']!, allergies: { state: 'listed', items } }));
    expect(d.allergies).toEqual({ state: 'listed', items: [items[1], items[0]], hasSevere: true, recordedOn: null });
    expect(d.allergyItems).toEqual(items);
    const columns = async () => (await sqlRows<{ allergy_state: string; allergy_items: string | null; allergy_severe: unknown }>(a.core, 'SELECT allergy_state, allergy_items, allergy_severe FROM residents WHERE id = ?', [d.id]))[0]!;
    expect(JSON.parse((await columns()).allergy_items!)).toEqual([items[1], items[0]]);

    const mild = await a.must('residents.update', { ...fieldsOf(d), id: d.id, expectedVersion: d.version, allergies: { state: 'listed', items: [items[0]!] } });
    expect(mild.allergies).toEqual({ state: 'listed', items: [items[0]], hasSevere: false, recordedOn: null });
    expect(Boolean((await columns()).allergy_severe)).toBe(false);
    const nka = await a.must('residents.update', { ...fieldsOf(mild), id: d.id, expectedVersion: mild.version, allergies: { state: 'nka', recordedOn: '2026-03-01' } });
    expect(nka.allergies).toEqual({ state: 'nka', items: [], hasSevere: false, recordedOn: '2026-03-01' });
    expect(await columns()).toMatchObject({ allergy_state: 'nka', allergy_items: null });
    const none = await a.must('residents.update', { ...fieldsOf(nka), id: d.id, expectedVersion: nka.version, allergies: { state: 'not_recorded' } });
    expect(none.allergies).toEqual({ state: 'not_recorded', items: [], hasSevere: false, recordedOn: null });
  });
});

/** For each field of the record, a value other than the one `admission()` gives it. */
const otherValue: { [K in keyof ResidentFields]: (d: ResidentDetail) => ResidentFields[K] } = {
  legalGiven: () => 'Pepe',
  legalFamily: () => 'Obrien-Smith',
  preferredName: () => 'Joe',
  dateOfBirth: () => '1941-05-13',
  sex: () => 'other',
  recordNumber: () => 'MRN-9',
  codeStatus: () => 'full_code',
  codeStatusForm: () => 'polst',
  codeStatusDocumentedOn: () => '2026-01-02',
  // Only the reaction text differs: code status and severity are not the only things compared.
  allergies: (d) => ({ state: 'listed', items: d.allergyItems.map((i) => ({ ...i, reaction: 'Throat swelling' })) }),
  dietType: () => 'renal',
  dietNote: () => 'No added salt',
  iddsiFood: () => 'pureed_4',
  iddsiDrink: () => 'mildly_thick_2',
  transfer: () => 'mechanical_lift',
  aid: () => 'wheelchair',
  bariatric: () => true,
  fallRisk: () => 'moderate',
  wanderingRisk: () => 'high',
  isolation: () => 'droplet',
  hearingAids: () => 'Both ears',
  visionAids: () => 'Glasses',
  language: () => 'Korean',
  interpreterNeeded: () => true,
  physicianName: () => 'Dr. Okafor',
  physicianPhone: () => '555-0300',
  pharmacyName: () => 'Harbor Drug',
  pharmacyPhone: () => '555-0400',
  contacts: () => [{ role: 'family', name: 'Ana García', relationship: 'Daughter', phone: '555-0101', altPhone: null, emergencyOrder: 1, note: null }],
};

describe('issue 8 · 5: a coordinator changes no clinical field — any of them', () => {
  test('for every field of the record: refused for a coordinator, nothing written, exactly when it is clinical; a nurse may', async () => {
    const a = await setup();
    const coordinator = await signedIn(a, 'coord', 'care_coordinator');
    const nurse = await signedIn(a, 'rn', 'nurse');
    const d = await a.must('residents.admit', admission({ unitId: a.mc, bedId: a.beds['101A']!, allergies: { state: 'listed', items: [{ substance: 'Penicillin', reaction: 'Hives', severity: 'severe' }] }, fallRisk: 'low' }));
    let current = d;
    for (const field of Object.keys(otherValue) as (keyof ResidentFields)[]) {
      const input = { ...fieldsOf(current), [field]: otherValue[field](current), id: d.id, expectedVersion: current.version };
      const before = await fingerprint(a.core);
      const r = await coordinator.call('residents.update', input);
      if ((clinicalFields as readonly string[]).includes(field)) {
        expect(r, field).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'residents.clinicalOnly', fields: [{ path: field, code: 'clinical_only' }] } });
        expect(await fingerprint(a.core), field).toBe(before);
        current = await nurse.must('residents.update', input);
      } else {
        expect(r.ok, field).toBe(true);
        current = (r as { ok: true; value: ResidentDetail }).value;
      }
      expect(fieldsOf(current)[field], field).toEqual(input[field]);
    }
  });
});

describe('issue 8 · 6: family-first names typed without a space', () => {
  test.each([
    ['김', '민준', ['김민준', '민준김', '김 민준']],
    ['王', '小明', ['王小明']],
    ['山田', '太郎', ['山田太郎']],
    ['Nagy', 'István', ['nagyistvan', 'NagyIstván']],
  ])('%s %s is found as %j', async (family, given, queries) => {
    const a = await setup();
    const d = await a.must('residents.admit', admission({ unitId: a.mc, bedId: a.beds['101A']!, legalFamily: family, legalGiven: given }));
    await a.must('residents.admit', admission({ unitId: a.mc, bedId: a.beds['101B']!, recordNumber: 'MRN-2', legalFamily: '이', legalGiven: '서연' }));
    for (const query of queries) expect((await a.must('residents.list', { query, status: 'all' })).rows.map((r) => r.id), query).toEqual([d.id]);
  });
});
