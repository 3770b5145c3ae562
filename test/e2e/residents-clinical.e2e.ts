import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { seedDemoFacility, DEMO_PASSWORD } from '../../db/demo/generate';
import { sexOfGivenName } from '../../db/demo/names';
import type { Core } from '../../electron/core/app';
import type { ResidentDetail } from '../../shared/contract/residents';
import { hashPassword } from '../../electron/core/passwords';
import { STATION_VIEWPORT, startE2E, tabTo, typeText, type E2EApp } from '../support/browser';
import { caller, setupInput, STRONG_PASSWORD, testScryptCost } from '../support/core';
import { addRooms, admission } from '../support/residents';

// Issue 8 · 2, 3, 4, 5, 6 and 13, as a charge nurse, a coordinator and a director of nursing would
// meet them at a 1366×768 nursing-station screen, by keyboard, in English and Spanish.

let app: E2EApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const TEMPORARY = 'quiet meadow lantern';
const OWN = 'river stone harbor light';
type Language = 'en' | 'es';

/**
 * Memory Care rooms 101–104 (A, B) and Skilled 2 201–202: Ana Núñez in 101-A with a severe and a
 * mild allergy, Ruth Anderson in 101-B with allergies never recorded, 민준 김 in 102-A. Accounts:
 * don (director of nursing), charge (charge nurse) and coord (care coordinator), passwords their own.
 */
function seed(language: Language) {
  return async (core: Core) => {
    const c = caller(core);
    await c.must('setup.createFacility', { ...setupInput, facility: { ...setupInput.facility, defaultLanguage: language } });
    await c.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    const { units, beds } = await addRooms(c);
    const mc = units['Memory Care']!;
    await c.must('residents.admit', admission({ unitId: mc, bedId: beds['101A']!, legalGiven: 'Ana', legalFamily: 'Núñez', recordNumber: 'R-1', sex: 'female', allergies: { state: 'listed', items: [{ substance: 'Sulfa', reaction: 'Rash', severity: 'mild' }, { substance: 'Penicillin', reaction: 'Anaphylaxis', severity: 'severe' }] } }));
    await c.must('residents.admit', admission({ unitId: mc, bedId: beds['101B']!, legalGiven: 'Ruth', legalFamily: 'Anderson', recordNumber: 'R-2', sex: 'female' }));
    await c.must('residents.admit', admission({ unitId: mc, bedId: beds['102A']!, legalGiven: '민준', legalFamily: '김', recordNumber: 'R-3' }));
    for (const [username, displayName, role] of [
      ['don', 'Dolores Director', 'director_of_nursing'],
      ['charge', 'Carl Charge', 'charge_nurse'],
      ['coord', 'Cora Coordinator', 'care_coordinator'],
    ] as const) {
      await c.must('users.create', { username, displayName, role, password: TEMPORARY });
      const u = caller(core);
      await u.must('auth.signIn', { username, password: TEMPORARY });
      await u.must('auth.changePassword', { currentPassword: TEMPORARY, newPassword: OWN });
      if (language === 'es') await u.must('auth.setLanguage', { language: 'es' });
    }
    if (language === 'es') await c.must('auth.setLanguage', { language: 'es' });
  };
}

async function start(language: Language = 'en', extra?: (core: Core) => Promise<void>) {
  app = await startE2E({
    seed: async (core) => {
      await seed(language)(core);
      await extra?.(core);
    },
    viewport: STATION_VIEWPORT,
    locale: language === 'es' ? 'es-MX' : 'en-US',
  });
  return app;
}

async function signIn(page: Page, username: string, password = username === 'admin' ? STRONG_PASSWORD : OWN) {
  await expect.poll(() => page.locator('input[name="username"]').evaluate((el) => el === document.activeElement)).toBe(true);
  await typeText(page, username);
  await page.keyboard.press('Tab');
  await typeText(page, password);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('main h1').count()).toBe(1);
  // Everyone lands on the Today board (issue 12); these tests start on the census, one link away.
  await page.locator('header.topbar nav a[href="#/residents"]').click();
  await expect.poll(() => page.locator('.census-table').count()).toBe(1);
}

async function admin(core: Core) {
  const c = caller(core);
  await c.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
  return c;
}

async function seriousAxe(page: Page): Promise<string[]> {
  return (await new AxeBuilder({ page }).analyze()).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const rowNames = (page: Page) => page.locator('.census-table tbody th.col-name').allTextContents();
const SEARCH = /^Search by name or record number|^Buscar por nombre/;

/** Opens a resident from the census by keyboard: search, then Enter on the name. */
async function openResident(page: Page, query: string, name: string) {
  await page.getByLabel(SEARCH).focus();
  await page.keyboard.press('Control+A');
  await typeText(page, query);
  await expect.poll(() => rowNames(page)).toEqual([name]);
  await tabTo(page, name);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('heading', { name, level: 2 }).isVisible()).toBe(true);
}

const summaryOf = (page: Page) => page.locator('.safety-summary');
const summaryItem = (page: Page, heading: string) => page.locator('.safety-summary .summary-item').filter({ has: page.locator('dt', { hasText: heading }) }).locator('dd');

describe('issue 8 · 2: a death or discharge recorded by mistake is marked entered in error, supervised', () => {
  test('the director restores a death (bed still free) and a discharge (bed taken since: another is chosen); a charge nurse cannot; the history keeps both, struck through', async () => {
    const { page, core } = await start('en', async (core) => {
      const c = await admin(core);
      const ana = (await c.must('residents.list', { query: 'nunez' })).rows[0]!.id;
      const ruth = (await c.must('residents.list', { query: 'anderson' })).rows[0]!.id;
      await c.must('residents.changeStatus', { id: ana, status: 'deceased', date: '2026-03-01' });
      await c.must('residents.changeStatus', { id: ruth, status: 'discharged', date: '2026-03-01' });
      // Ruth's bed goes to a new admission before anyone notices the mistake.
      const units = Object.fromEntries((await c.must('facility.get', {})).units.map((u) => [u.name, u.id]));
      const free = await c.must('residents.freeBeds', { unitId: units['Memory Care']! });
      const bed101B = free.find((b) => b.roomLabel === '101' && b.bedLabel === 'B')!;
      await c.must('residents.admit', admission({ unitId: units['Memory Care']!, bedId: bed101B.bedId, legalGiven: 'Walter', legalFamily: 'Young', recordNumber: 'R-9' }));
    });

    // A charge nurse records deaths but does not take them back.
    await signIn(page, 'charge');
    await page.getByLabel('Status', { exact: true }).selectOption('all');
    await openResident(page, 'nunez', 'Núñez, Ana');
    expect(await page.locator('.resident-corrections').count()).toBe(0);
    await page.getByRole('button', { name: 'Sign out' }).click();

    await signIn(page, 'don');
    await page.goto(`${app!.harness.url}#/residents`);
    await page.getByLabel('Status', { exact: true }).selectOption('all');
    await openResident(page, 'nunez', 'Núñez, Ana');
    await expect.poll(() => page.locator('.resident-status').textContent()).toContain('Deceased since Mar 1, 2026');
    await tabTo(page, 'Mark “Deceased from Mar 1, 2026” as entered in error');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog');
    await expect.poll(() => dialog.textContent()).toContain('Mark as entered in error: Núñez, Ana');
    expect(await dialog.textContent()).toContain('This puts the record back to: Active since Feb 1, 2026.');
    expect(await dialog.textContent()).toContain('Núñez, Ana goes back to bed Memory Care · 101-A, which is free.');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).innerText.trim())).toBe('Go back');
    expect(await seriousAxe(page)).toEqual([]);
    // Without a reason, nothing happens.
    await tabTo(page, 'Mark entered in error');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.textContent()).toContain('Required.');
    await tabTo(page, 'Reason', { back: true });
    await typeText(page, 'Wrong resident: the death was in room 102');
    await tabTo(page, 'Mark entered in error');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.resident-status').textContent()).toContain('Active since Feb 1, 2026');
    expect(await page.locator('.resident-ident').textContent()).toContain('Memory Care · 101-A');

    await page.getByRole('tab', { name: 'History' }).focus();
    await page.keyboard.press('Enter');
    const struck = page.locator('tr.entered-in-error');
    await expect.poll(() => struck.count()).toBe(1);
    expect(await struck.textContent()).toMatch(/Deceased.*Mar 1, 2026.*Entered in error — Dolores Director, .*: Wrong resident: the death was in room 102/);
    expect(await struck.locator('th').evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('line-through');
    expect(await seriousAxe(page)).toEqual([]);

    // Ruth's discharge: her bed is Walter's now, so the dialog says so and offers another.
    await page.goto(`${app!.harness.url}#/residents`);
    await page.getByLabel('Status', { exact: true }).selectOption('all');
    await openResident(page, 'anderson', 'Anderson, Ruth');
    await tabTo(page, 'Mark “Discharged from Mar 1, 2026” as entered in error');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.textContent()).toContain('Bed Memory Care · 101-B has been taken since by Young, Walter. Choose another free bed.');
    await expect.poll(() => page.getByLabel(/^Bed to go back to/).inputValue()).not.toBe('');
    const chosen = await page.getByLabel(/^Bed to go back to/).evaluate((el: HTMLSelectElement) => el.selectedOptions[0]!.text);
    await tabTo(page, 'Reason', { back: true });
    await typeText(page, 'Discharge was planned for next week');
    await tabTo(page, 'Mark entered in error');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.resident-status').textContent()).toContain('Active since Feb 1, 2026');
    expect(await page.locator('.resident-ident').textContent()).toContain(`Memory Care · ${chosen}`);
    const c = await admin(core);
    const ruth = await c.must('residents.get', { id: (await c.must('residents.list', { query: 'anderson' })).rows[0]!.id });
    expect(ruth.periods.map((p) => [p.status, p.enteredInError?.reason ?? null])).toEqual([
      ['active', null],
      ['discharged', 'Discharge was planned for next week'],
    ]);
  });

  test('Spanish: the same correction, every word in Spanish', async () => {
    const { page } = await start('es', async (core) => {
      const c = await admin(core);
      const ana = (await c.must('residents.list', { query: 'nunez' })).rows[0]!.id;
      await c.must('residents.changeStatus', { id: ana, status: 'deceased', date: '2026-03-01' });
    });
    await signIn(page, 'don');
    await page.getByLabel('Estado', { exact: true }).selectOption('all');
    await openResident(page, 'nunez', 'Núñez, Ana');
    await tabTo(page, 'Marcar «Fallecido desde 1 mar 2026» como anotado por error');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog');
    await expect.poll(() => dialog.textContent()).toContain('El registro vuelve a: Activo desde 1 feb 2026.');
    expect(await dialog.textContent()).toContain('No se borra nada');
    await tabTo(page, 'Motivo', { back: true });
    await typeText(page, 'Residente equivocada');
    await tabTo(page, 'Marcar como anotado por error');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.resident-status').textContent()).toContain('Activo desde 1 feb 2026');
    await page.getByRole('tab', { name: 'Historial' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('tr.entered-in-error').textContent()).toMatch(/Anotado por error — Dolores Director, .*: Residente equivocada/);
    expect(await seriousAxe(page)).toEqual([]);
  });
});

describe.each([
  ['en', 'Admit resident', 'Not assessed', 'Fall risk', 'Wandering risk', 'Diet / IDDSI', 'Mobility', 'Isolation', 'Edit record', /Low|Regular|Independent|None\b/],
  ['es', 'Ingresar residente', 'Sin evaluar', 'Riesgo de caída', 'Riesgo de fuga', 'Dieta / IDDSI', 'Movilidad', 'Aislamiento', 'Editar registro', /Bajo|Normal|Independiente|Ninguno/],
] as const)('issue 8 · 3 (%s): nothing clinical is invented at admission', (language, admit, notAssessed, fallRisk, wandering, diet, mobility, isolation, edit, invented) => {
  test('an admission with only the required fields is "Not assessed" on the safety summary, the census and the edit form', async () => {
    const { page } = await start(language);
    await signIn(page, 'charge');
    await tabTo(page, admit);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('input[name="legalGiven"]').evaluate((el) => el === document.activeElement)).toBe(true);
    // Nothing clinical is pre-selected in the form: no assessment, allergies "not recorded yet".
    const form = page.getByRole('dialog');
    expect(await form.locator('select[name="codeStatus"]').inputValue()).toBe('');
    expect(await form.locator('select[name="allergies.state"]').inputValue()).toBe('not_recorded');
    await typeText(page, 'Rosa');
    await page.keyboard.press('Tab');
    await typeText(page, 'Quintero');
    await tabTo(page, language === 'en' ? 'Date of birth' : 'Fecha de nacimiento');
    await typeText(page, language === 'en' ? '03/04/1944' : '04/03/1944');
    await tabTo(page, language === 'en' ? 'Record number' : 'Número de expediente');
    await typeText(page, 'R-50');
    await tabTo(page, language === 'en' ? 'Code status' : 'Estado de código');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, admit);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: 'Quintero, Rosa', level: 2 }).isVisible()).toBe(true);

    for (const heading of [fallRisk, wandering, diet, mobility, isolation]) {
      const item = summaryItem(page, heading);
      expect(await item.textContent(), heading).toContain(notAssessed);
      expect(await item.textContent(), heading).not.toMatch(invented);
      // A warning, not a muted value: the ⚠ and the warning colour.
      expect(await item.locator('.not-assessed').first().evaluate((el) => getComputedStyle(el).color), heading).toBe('rgb(122, 75, 0)');
    }
    expect((await page.locator('.summary-missing').textContent())?.toLowerCase()).toContain(notAssessed.toLowerCase());
    expect(await seriousAxe(page)).toEqual([]);

    // The census says it too, where a nurse scans for risk.
    await tabTo(page, language === 'en' ? 'Back to census' : 'Volver al censo', { back: true });
    await page.keyboard.press('Enter');
    await page.getByLabel(SEARCH).focus();
    await typeText(page, 'quintero');
    await expect.poll(() => rowNames(page)).toEqual(['Quintero, Rosa']);
    expect(await page.locator('.census-table tbody td.col-fallRisk').textContent()).toBe(`⚠ ${notAssessed}`);
    expect(await page.locator('.census-table tbody td.col-isolation').textContent()).toBe(`⚠ ${notAssessed}`);

    // The edit form starts every assessment on "Not assessed".
    await tabTo(page, 'Quintero, Rosa');
    await page.keyboard.press('Enter');
    await tabTo(page, edit);
    await page.keyboard.press('Enter');
    for (const name of ['dietType', 'iddsiFood', 'iddsiDrink', 'transfer', 'aid', 'bariatric', 'fallRisk', 'wanderingRisk', 'isolation']) {
      const select = page.getByRole('dialog').locator(`select[name="${name}"]`);
      expect(await select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]!.text), name).toBe(notAssessed);
    }
  });
});

describe('issue 8 · 3: the CSV import reads an empty or missing column as not assessed', () => {
  test('a row with empty assessment cells and no isolation column is admitted not assessed', async () => {
    const { page, core } = await start('en');
    await signIn(page, 'charge');
    await tabTo(page, 'Import from CSV', { back: true });
    await page.keyboard.press('Enter');
    await tabTo(page, 'CSV text');
    await typeText(page, 'Record number,Given name,Family name,Date of birth,Unit,Room,Bed,Code status,Fall risk,Diet\n');
    await typeText(page, 'X-1,Lena,Ortiz,1940-02-02,Memory Care,103,A,DNR,,\n');
    await tabTo(page, 'Preview');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.import-preview [role="status"]').textContent()).toContain('1 of 1 rows are ready.');
    await tabTo(page, 'Admit 1 resident');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('main').textContent()).toContain('1 resident admitted.');
    const c = await admin(core);
    const lena = await c.must('residents.get', { id: (await c.must('residents.list', { query: 'ortiz' })).rows[0]!.id });
    expect(lena).toMatchObject({ fallRisk: null, dietType: null, isolation: null, transfer: null, aid: null });
  });
});

describe.each([
  ['en', 'Edit record', 'Allergy record', 'Substance', 'Reaction', 'Severity', 'Add allergy', 'Save', 'Allergies', 'Shellfish — throat swelling (severe); Sulfa — bad rash (mild)', '⚠ Not recorded'],
  ['es', 'Editar registro', 'Registro de alergias', 'Sustancia', 'Reacción', 'Gravedad', 'Añadir alergia', 'Guardar', 'Alergias', 'Shellfish — throat swelling (grave); Sulfa — bad rash (leve)', '⚠ Sin registrar'],
] as const)('issue 8 · 4 (%s): allergies are items, marked one by one', (language, edit, record, substance, reaction, severity, add, save, allergies, expected, notRecorded) => {
  test('entered as items with their own severity; only the severe item is marked; not recorded is a warning; isolation a badge', async () => {
    const { page } = await start(language);
    await signIn(page, 'charge');
    // "Not recorded" is a warning on the census, not muted grey.
    await expect.poll(() => rowNames(page)).toContain('Anderson, Ruth');
    const ruthAllergies = page.locator('.census-table tbody tr', { hasText: 'Anderson, Ruth' }).locator('td.col-allergies');
    expect(await ruthAllergies.textContent()).toBe(notRecorded);
    expect(await ruthAllergies.locator('.not-assessed').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(122, 75, 0)');

    await openResident(page, 'anderson', 'Anderson, Ruth');
    await tabTo(page, edit);
    await page.keyboard.press('Enter');
    await tabTo(page, record);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown'); // Not recorded yet → NKA → allergies listed
    await tabTo(page, substance);
    await typeText(page, 'Sulfa');
    await tabTo(page, reaction);
    await typeText(page, 'bad rash');
    await tabTo(page, severity);
    await page.keyboard.press('ArrowDown'); // Choose… → mild
    await tabTo(page, add);
    await page.keyboard.press('Enter');
    await tabTo(page, substance, { back: true });
    await typeText(page, 'Shellfish');
    await tabTo(page, reaction);
    await typeText(page, 'throat swelling');
    await tabTo(page, severity);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown'); // → severe
    expect(await seriousAxe(page)).toEqual([]);
    await tabTo(page, save);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    // Each item with its own reaction and severity, severe first; the mark is on that item only.
    const item = summaryItem(page, allergies);
    await expect.poll(() => item.textContent()).toBe(expected);
    const marks = await item.locator('.allergy-item').evaluateAll((els) => els.map((el) => [el.textContent, getComputedStyle(el, '::before').content]));
    expect(marks).toEqual([
      [expected.split('; ')[0], '"⚠ "'],
      [expected.split('; ')[1], 'none'],
    ]);
    expect(await item.textContent()).not.toMatch(/Severe allergy|Alergia grave/);

    // Isolation on the census is a marked badge.
    const c = await admin(app!.core);
    const ruth = await c.must('residents.get', { id: (await c.must('residents.list', { query: 'anderson' })).rows[0]!.id });
    expect(ruth.allergyItems).toEqual([
      { substance: 'Sulfa', reaction: 'bad rash', severity: 'mild' },
      { substance: 'Shellfish', reaction: 'throat swelling', severity: 'severe' },
    ]);
    await c.must('residents.update', { ...ruthFields(ruth), id: ruth.id, expectedVersion: ruth.version, isolation: 'droplet' });
    await page.goto(`${app!.harness.url}#/residents`);
    await expect.poll(() => page.locator('.census-table tbody tr', { hasText: 'Anderson, Ruth' }).locator('td.col-isolation .isolation-badge').count()).toBe(1);
    const badge = page.locator('.census-table tbody tr', { hasText: 'Anderson, Ruth' }).locator('td.col-isolation .isolation-badge');
    expect(await badge.evaluate((el) => getComputedStyle(el).borderTopStyle)).toBe('solid');
    expect(await seriousAxe(page)).toEqual([]);
  });
});

/** The record in the shape residents.update takes (what the edit form sends back). */
function ruthFields(r: ResidentDetail) {
  return {
    legalGiven: r.legalGiven,
    legalFamily: r.legalFamily,
    preferredName: r.preferredName,
    dateOfBirth: r.dateOfBirth,
    sex: r.sex,
    recordNumber: r.recordNumber,
    codeStatus: r.codeStatus,
    allergies: r.allergies.state === 'listed' ? { state: 'listed' as const, items: r.allergyItems } : { state: 'not_recorded' as const },
  };
}

describe('issue 8 · 5: a coordinator cannot change clinical data, an allergy reaction included', () => {
  test('the edit form shows clinical fields read-only, and main refuses a changed reaction sent anyway', async () => {
    const { page, core } = await start('en');
    await signIn(page, 'coord');
    await openResident(page, 'nunez', 'Núñez, Ana');
    await tabTo(page, 'Edit record');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('Clinical fields are changed by nurses');
    // Allergies sit in the clinical part of the form, which is disabled as a whole for a coordinator.
    expect(await dialog.locator('fieldset[disabled] legend', { hasText: 'Allergies' }).count()).toBe(1);
    await page.keyboard.press('Escape');

    // A screen that did not disable the field (or a crafted call) must still be refused by main.
    const c = await admin(core);
    const ana = await c.must('residents.get', { id: (await c.must('residents.list', { query: 'nunez' })).rows[0]!.id });
    const sent = await page.evaluate(
      async ([record]) => {
        const token = document.querySelector<HTMLMetaElement>('meta[name="caredesk-harness-token"]')!.content;
        const input = { ...record, allergies: { state: 'listed', items: record.allergies.items.map((i: { reaction: string }) => ({ ...i, reaction: `${i.reaction} (per family)` })) } };
        const res = await fetch('./__invoke', { method: 'POST', headers: { 'content-type': 'application/json', 'x-caredesk-token': token }, body: JSON.stringify({ method: 'residents.update', input }) });
        return (await res.json()) as { ok: boolean; error?: { code: string; fields?: { path: string; code: string }[] } };
      },
      [{ id: ana.id, expectedVersion: ana.version, legalGiven: ana.legalGiven, legalFamily: ana.legalFamily, dateOfBirth: ana.dateOfBirth, sex: ana.sex, recordNumber: ana.recordNumber, codeStatus: ana.codeStatus, allergies: { state: 'listed', items: ana.allergyItems } }] as const,
    );
    expect(sent).toMatchObject({ ok: false, error: { code: 'forbidden', fields: [{ path: 'allergies', code: 'clinical_only' }] } });
    const after = await c.must('residents.get', { id: ana.id });
    expect(after.allergyItems.map((i) => i.reaction)).toEqual(['Rash', 'Anaphylaxis']);
  });
});

describe.each([
  ['en', 'Census'],
  ['es', 'Censo'],
] as const)('issue 8 · 6 (%s): family-first names typed without a space', (language, census) => {
  test('“김민준” finds 김 민준, as does “민준김” and “김 민준”', async () => {
    const { page } = await start(language);
    await signIn(page, 'charge');
    await expect.poll(() => page.getByRole('heading', { name: census }).count()).toBe(1);
    for (const query of ['김민준', '민준김', '김 민준']) {
      await page.getByLabel(SEARCH).focus();
      await page.keyboard.press('Control+A');
      await typeText(page, query);
      await expect.poll(() => rowNames(page)).toEqual(['김, 민준']);
    }
    // Enter opens the one resident found.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: '김, 민준', level: 2 }).isVisible()).toBe(true);
  });
});

describe('issue 8 · 13: the demo facility agrees with itself on screen', () => {
  test('an anaphylaxis is severe, a two-person transfer rides a wheelchair van, and sex agrees with the name', async () => {
    app = await startE2E({
      seed: async (core) => void (await seedDemoFacility(core.engine, { seed: 3, now: new Date('2026-03-02T14:00:00Z'), hashPassword: (p) => hashPassword(p, testScryptCost), residents: 60, staff: 10 })),
      viewport: STATION_VIEWPORT,
    });
    const { page, core } = app;
    const c = caller(core);
    await c.must('auth.signIn', { username: 'don', password: DEMO_PASSWORD });
    const all = await Promise.all((await c.must('residents.list', { limit: 500 })).rows.map((r) => c.must('residents.get', { id: r.id })));
    // The resident most likely to contradict each rule (any that does), else one the rule applies to.
    const pick = <T>(list: T[], wrong: (x: T) => boolean, applies: (x: T) => boolean) => list.find(wrong) ?? list.find(applies)!;
    const anaphylaxis = pick(all, (r) => r.allergyItems.some((i) => i.reaction === 'Anaphylaxis' && i.severity !== 'severe'), (r) => r.allergyItems.some((i) => i.reaction === 'Anaphylaxis'));
    const twoPerson = pick(all, (r) => r.transfer === 'two_person' && r.transportMode !== 'wheelchair', (r) => r.transfer === 'two_person');
    const named = pick(all, (r) => sexOfGivenName[r.legalGiven as keyof typeof sexOfGivenName] !== r.sex, (r) => r.legalGiven in sexOfGivenName);

    await signIn(page, 'don', DEMO_PASSWORD);
    await openResident(page, anaphylaxis.recordNumber, `${anaphylaxis.legalFamily}, ${anaphylaxis.legalGiven}${anaphylaxis.preferredName ? ` (${anaphylaxis.preferredName})` : ''}`);
    expect(await summaryItem(page, 'Allergies').textContent()).toMatch(/Anaphylaxis \(severe\)/);
    expect(await summaryItem(page, 'Allergies').textContent()).not.toMatch(/Anaphylaxis \((mild|moderate|severity unknown)\)/);

    await page.goto(`${app.harness.url}#/residents`);
    await openResident(page, twoPerson.recordNumber, `${twoPerson.legalFamily}, ${twoPerson.legalGiven}${twoPerson.preferredName ? ` (${twoPerson.preferredName})` : ''}`);
    expect(await summaryItem(page, 'Mobility').textContent()).toMatch(/2-person assist · (Wheelchair|Stretcher) · Transport: Wheelchair van/);

    await page.goto(`${app.harness.url}#/residents`);
    await openResident(page, named.recordNumber, `${named.legalFamily}, ${named.legalGiven}${named.preferredName ? ` (${named.preferredName})` : ''}`);
    const usual = sexOfGivenName[named.legalGiven as keyof typeof sexOfGivenName];
    expect(await page.locator('.resident-ident').textContent()).toContain(usual === 'female' ? ' · Female · ' : ' · Male · ');
    expect(await summaryOf(page).count()).toBe(1);
  });
});
