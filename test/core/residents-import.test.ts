import { describe, expect, test } from 'vitest';
import { adminCore } from '../support/core';
import { addRooms, counts } from '../support/residents';


async function setup() {
  const a = await adminCore({ now: '2026-03-02T14:00:00Z' });
  return { ...a, ...await addRooms(a) };
}

const HEADER = 'Record number,Given name,Family name,Date of birth,Sex,Unit,Room,Bed,Code status,Allergies';

describe('residents import', () => {
  test('BOM, semicolons and quoted fields; every row admitted in one go', async () => {
    const a = await setup();
    const csv =
      '\ufeffMRN;First name;Last name;DOB;Sex;Unit;Room;Bed;Code status;Allergies;Fall risk;IDDSI food\r\n' +
      'A-1;José;"O\'Brien";1941-05-12;M;Memory Care;101;A;DNR;"Penicillin: hives (severe); Latex";high;5\r\n' +
      'A-2;Zoë;"Smith; Jones";1950-01-31;F;memory care;101;B;Full code;NKA;;\r\n' +
      'A-3;민준;김;1938-12-24;male;Skilled 2;201;;Comfort care;;low;\r\n';
    const preview = await a.must('residents.importPreview', { csv });
    expect(preview).toMatchObject({ delimiter: ';', total: 3, valid: 3, issues: [], missingColumns: [] });
    const before = await counts(a.core);
    expect(await a.must('residents.importCommit', { csv })).toEqual({ admitted: 3 });
    expect(await counts(a.core)).toMatchObject({ residents: before.residents + 3, periods: 3, beds: 3, audit: before.audit + 3 });
    const rows = (await a.must('residents.list', { sort: 'location' })).rows;
    expect(rows.map((r) => [r.legalFamily, r.location?.roomLabel, r.location?.bedLabel, r.codeStatus, r.allergies.state])).toEqual([
      ["O'Brien", '101', 'A', 'dnr', 'listed'],
      ['Smith; Jones', '101', 'B', 'full_code', 'nka'],
      ['김', '201', 'A', 'comfort_care', 'not_recorded'],
    ]);
    expect(rows[0]).toMatchObject({
      fallRisk: 'high',
      iddsiFood: 'minced_moist_5',
      allergies: { items: [{ substance: 'Penicillin', reaction: 'hives', severity: 'severe' }, { substance: 'Latex', reaction: '', severity: 'unknown' }], hasSevere: true },
    });
    // Empty cells and columns the file does not have are "not assessed", never a default value.
    expect(rows[1]).toMatchObject({ fallRisk: null, iddsiFood: null, iddsiDrink: null, dietType: null, transfer: null, aid: null, wanderingRisk: null, isolation: null });
    expect(rows[2]).toMatchObject({ fallRisk: 'low', iddsiFood: null });
    expect((await a.must('residents.list', { query: 'jose obrien' })).rows.map((r) => r.recordNumber)).toEqual(['A-1']);
  });

  test('one bad row is named by line and field, and nothing at all is written', async () => {
    const a = await setup();
    const csv = [
      HEADER,
      'B-1,Ana,Lopez,1940-02-02,F,Memory Care,101,A,DNR,',
      'B-2,Bea,Lopez,2031-02-02,F,Memory Care,101,B,DNR,', // future DOB
      'B-3,Cy,Lopez,1940-02-02,M,Nowhere,101,A,DNR,', // unknown unit
      'B-1,Di,Lopez,1940-02-02,F,Memory Care,102,A,DNR,', // record number twice in the file
      'B-5,Ed,Lopez,1940-02-02,M,Memory Care,101,A,DNR,', // same bed as line 2
      'B-6,Flo,Lopez,1940-02-02,F,Memory Care,103,A,Maybe,', // unknown code status
    ].join('\n');
    const preview = await a.must('residents.importPreview', { csv });
    expect(preview.issues.map((i) => `${i.line}:${i.field}:${i.code}`)).toEqual([
      '3:dateOfBirth:date_in_future',
      '4:unit:unknown_unit',
      '5:recordNumber:duplicate_in_file',
      '6:bed:bed_occupied',
      '7:codeStatus:invalid_choice',
    ]);
    expect(preview.valid).toBe(1);
    const before = await counts(a.core);
    const r = await a.call('residents.importCommit', { csv });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', message: 'residents.importHasErrors', params: { count: 5 } } });
    expect(await counts(a.core)).toEqual(before);
  });

  test('a record number already in the database, a missing column, an unclosed quote', async () => {
    const a = await setup();
    await a.must('residents.importCommit', { csv: `${HEADER}\nC-1,Ana,Lopez,1940-02-02,F,Memory Care,101,A,DNR,` });
    const again = await a.must('residents.importPreview', { csv: `${HEADER}\nc-1,Ana,Lopez,1940-02-02,F,Memory Care,102,A,DNR,` });
    expect(again.issues.map((i) => `${i.field}:${i.code}`)).toEqual(['recordNumber:duplicate']);
    const missing = await a.must('residents.importPreview', { csv: 'Record number,Given name\nX,Y' });
    expect(missing.missingColumns).toEqual(['legalFamily', 'dateOfBirth', 'unit', 'room', 'codeStatus']);
    expect(await a.call('residents.importCommit', { csv: 'Record number,Given name\nX,Y' })).toMatchObject({ ok: false, error: { message: 'residents.importMissingColumns' } });
    expect(await a.call('residents.importPreview', { csv: `${HEADER}\n"C-2,Ana` })).toMatchObject({ ok: false, error: { message: 'residents.importUnterminatedQuote', params: { line: 2 } } });
  });
});

describe('allergy cells', () => {
  test('NKA, items with reaction and severity, Spanish severity words, empty = not recorded', async () => {
    const { parseAllergyCell } = await import('../../electron/core/handlers/residents-import');
    expect(parseAllergyCell('', '2026-01-01')).toEqual({ state: 'not_recorded' });
    expect(parseAllergyCell(' No known allergies ', '2026-01-01')).toEqual({ state: 'nka', recordedOn: '2026-01-01' });
    expect(parseAllergyCell('Penicillin: hives (severe) | Látex (grave); Eggs', '2026-01-01')).toEqual({
      state: 'listed',
      items: [
        { substance: 'Penicillin', reaction: 'hives', severity: 'severe' },
        { substance: 'Látex', reaction: '', severity: 'severe' },
        { substance: 'Eggs', reaction: '', severity: 'unknown' },
      ],
    });
  });

  test('the import never guesses at clinical meaning: "None" allergies and "DNR/DNR" are refused', async () => {
    const a = await setup();
    const csv = `${HEADER}\nB-1,Ana,Lopez,1940-02-02,F,Memory Care,101,A,DNR,None\nB-2,Bea,Ruiz,1941-03-03,F,Memory Care,101,B,DNR/DNR,NKA`;
    const preview = await a.must('residents.importPreview', { csv });
    expect(preview.valid).toBe(0);
    expect(preview.issues.map((i) => [i.line, i.field, i.code])).toEqual(
      expect.arrayContaining([
        [2, 'allergies', 'ambiguous_allergy'],
        [3, 'codeStatus', expect.any(String)],
      ]),
    );
    const before = await counts(a.core);
    expect((await a.call('residents.importCommit', { csv })).ok).toBe(false);
    expect(await counts(a.core)).toEqual(before);
  });
});
