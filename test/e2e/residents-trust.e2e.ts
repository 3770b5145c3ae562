import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import type { Core } from '../../electron/core/app';
import type { InputOf } from '../../shared/contract';
import { STATION_VIEWPORT, startE2E, tabTo, typeText, type E2EApp } from '../support/browser';
import { caller, setupInput, STRONG_PASSWORD } from '../support/core';

// Issue 8, tried as a charge nurse would at a 1366×768 nursing-station screen, by keyboard.

let app: E2EApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const NOW = '2026-03-02T15:00:00Z';

const families = ['Núñez', 'Anderson', 'Baker', 'Castillo', 'Dubois', 'Eriksen', 'Fischer', 'García', 'Haddad', 'Ito', 'Jensen', 'Kowalski', 'Lindqvist', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quispe', 'Rossi', 'Schmidt', 'Tanaka', 'Ueda'];
const givens = ['Ana', 'Ruth', 'Walter', 'Mei', 'Louis', 'Ingrid', 'Hans', 'María', 'Samir', 'Kenji', 'Karen', 'Piotr', 'Sven', 'Claire', 'Yuki', 'Chidi', 'Olga', 'Rosa', 'Marco', 'Greta', 'Hiro', 'Aiko'];
const codes = ['full_code', 'dnr', 'dnr_dni', 'comfort_care'] as const;

/**
 * A facility with a 30-bed Skilled 1 unit (15 rooms of two beds) and a small Memory Care unit,
 * 22 residents on the census; the first is Ana Núñez in Memory Care, the rest fill Skilled 1.
 */
function seedFacility(opts: { language?: 'en' | 'es' } = {}) {
  return (core: Core) => {
    const c = caller(core);
    c.must('setup.createFacility', {
      ...setupInput,
      facility: { ...setupInput.facility, defaultLanguage: opts.language ?? 'en', units: [{ name: 'Memory Care' }, { name: 'Skilled 1' }] },
    });
    c.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    if (opts.language) c.must('auth.setLanguage', { language: opts.language });
    const units = Object.fromEntries(c.must('facility.get', {}).units.map((u) => [u.name, u.id]));
    const mc = units['Memory Care']!;
    const s1 = units['Skilled 1']!;
    const mcBeds = c.must('rooms.create', { unitId: mc, label: '101', beds: ['A', 'B'] }).bedIds;
    const s1Beds: number[] = [];
    for (let room = 1; room <= 15; room++) s1Beds.push(...c.must('rooms.create', { unitId: s1, label: String(100 + room), beds: ['A', 'B'] }).bedIds);
    families.forEach((family, i) => {
      const input: InputOf<'residents.admit'> = {
        legalGiven: givens[i]!,
        legalFamily: family,
        dateOfBirth: `19${30 + i}-0${(i % 9) + 1}-1${i % 9}`,
        sex: i % 2 ? 'male' : 'female',
        recordNumber: `R-${100 + i}`,
        codeStatus: codes[i % 4]!,
        admittedOn: '2026-01-05',
        unitId: i === 0 ? mc : s1,
        bedId: i === 0 ? mcBeds[0]! : s1Beds[i - 1]!,
        allergies: i % 3 === 0 ? { state: 'listed', items: [{ substance: 'Penicillin', reaction: 'anaphylaxis', severity: 'severe' }] } : i % 3 === 1 ? { state: 'nka', recordedOn: '2026-01-05' } : { state: 'not_recorded' },
      };
      c.must('residents.admit', input);
    });
  };
}

async function start(opts: { language?: 'en' | 'es'; username?: string } = {}) {
  app = await startE2E({ seed: seedFacility(opts), now: NOW, viewport: STATION_VIEWPORT, locale: opts.language === 'es' ? 'es-MX' : 'en-US' });
  await signIn(app.page, opts.username ?? 'admin');
  return app;
}

async function signIn(page: Page, username = 'admin') {
  await expect.poll(() => page.locator('input[name="username"]').evaluate((el) => el === document.activeElement)).toBe(true);
  await typeText(page, username);
  await page.keyboard.press('Tab');
  await typeText(page, STRONG_PASSWORD);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('main h1').count()).toBe(1);
}

const rowNames = (page: Page) => page.locator('.census-table tbody th.col-name').allTextContents();
/** The census total ("22 residents") and whether every row in the window shows a resident, not "Loading…". */
const censusShown = async (page: Page) => ({
  total: (await page.locator('.census-total').textContent())?.trim(),
  loaded: (await rowNames(page)).length > 0 && (await page.locator('.census-table .placeholder').count()) === 0,
});
describe('issue 8 · 1: the census never goes blank', () => {
  test('search, filter and sort that return to an already-loaded combination show the rows again', async () => {
    const { page } = await start();
    await expect.poll(() => censusShown(page)).toEqual({ total: '22 residents', loaded: true });

    await tabTo(page, 'Search by name or record number');
    await typeText(page, 'nunez');
    await expect.poll(() => rowNames(page)).toEqual(['Núñez, Ana']);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await expect.poll(() => censusShown(page)).toEqual({ total: '22 residents', loaded: true });

    const unit = page.getByLabel('Unit', { exact: true });
    await unit.selectOption({ label: 'Skilled 1' });
    await expect.poll(() => censusShown(page)).toEqual({ total: '21 residents', loaded: true });
    await unit.selectOption({ label: 'All units' });
    await expect.poll(() => censusShown(page)).toEqual({ total: '22 residents', loaded: true });

    await tabTo(page, /^Room/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('th[aria-sort="descending"]').textContent()).toContain('Room');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('th[aria-sort="ascending"]').textContent()).toContain('Room');
    await expect.poll(() => censusShown(page)).toEqual({ total: '22 residents', loaded: true });
    expect((await rowNames(page))[0]).toBe('Núñez, Ana');
  });
});
