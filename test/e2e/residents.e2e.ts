import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import type { Core } from '../../electron/core/app';
import { startE2E, tabTo, typeText, type E2EApp } from '../support/browser';
import { caller, setupInput, STRONG_PASSWORD } from '../support/core';
import { addRooms, admission, counts } from '../support/residents';

let app: E2EApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

function seed(withResidents: boolean) {
  return async (core: Core) => {
    const c = caller(core);
    await c.must('setup.createFacility', setupInput);
    await c.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    const { units, beds } = await addRooms(c);
    const mc = units['Memory Care']!;
    const s2 = units['Skilled 2']!;
    if (!withResidents) return;
    await c.must('residents.admit', admission({ unitId: mc, bedId: beds['102A']!, legalGiven: 'Walter', legalFamily: 'Young', recordNumber: 'R-1', codeStatus: 'full_code', dateOfBirth: '1930-01-01' }));
    await c.must('residents.admit', admission({ unitId: mc, bedId: beds['101B']!, legalGiven: 'Ruth', legalFamily: 'Anderson', recordNumber: 'R-2', codeStatus: 'dnr', dateOfBirth: '1945-06-30', fallRisk: 'high' }));
    await c.must('residents.admit', admission({ unitId: s2, bedId: beds['201A']!, legalGiven: 'Mei', legalFamily: 'Chen', recordNumber: 'R-3', codeStatus: 'dnr', dateOfBirth: '1939-09-09', allergies: { state: 'nka', recordedOn: '2026-01-05' } }));
  };
}

async function signIn(page: Page) {
  await expect.poll(() => page.getByLabel('Username').evaluate((el) => el === document.activeElement)).toBe(true);
  await typeText(page, 'admin');
  await page.keyboard.press('Tab');
  await typeText(page, STRONG_PASSWORD);
  await page.keyboard.press('Enter');
  // Everyone lands on the Today board (issue 12); the census is one link away.
  await page.getByRole('link', { name: 'Residents', exact: true }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Census', exact: true }).isVisible()).toBe(true);
}

const rowNames = (page: Page) => page.locator('.census-table tbody th.col-name').allTextContents();

/** `confirm`: the confirming button of the step that final actions (discharge, death) need. */
async function statusChange(page: Page, action: string, confirm?: RegExp) {
  await tabTo(page, action);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
  await tabTo(page, action); // the dialog's submit button; focus is trapped in the dialog
  await page.keyboard.press('Enter');
  if (confirm) {
    await expect.poll(() => page.getByRole('alertdialog').isVisible()).toBe(true);
    await tabTo(page, confirm);
    await page.keyboard.press('Enter');
  }
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
}

describe('residents, by keyboard', () => {
  test('admit → search → transfer → hospital leave → return → discharge', async () => {
    app = await startE2E({ seed: seed(false) });
    const { page } = app;
    await signIn(page);

    await tabTo(page, 'Admit resident');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('Legal given name').evaluate((el) => el === document.activeElement)).toBe(true);
    await typeText(page, 'José');
    await page.keyboard.press('Tab');
    await typeText(page, "O'Brien");
    await tabTo(page, 'Date of birth');
    await typeText(page, '05121941');
    await tabTo(page, 'Record number');
    await typeText(page, 'MRN-7');
    await tabTo(page, 'Code status');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown'); // — → Full Code → DNR
    await tabTo(page, 'Admit resident');
    await page.keyboard.press('Enter');

    await expect.poll(() => page.getByRole('heading', { name: "O'Brien, José" }).isVisible()).toBe(true);
    const summary = page.getByRole('region', { name: 'Safety summary' });
    await expect.poll(() => summary.textContent()).toContain('DNR');
    await expect.poll(() => summary.textContent()).toContain('Allergies not recorded');
    expect(await page.locator('.resident-ident').textContent()).toContain('Memory Care · 101-A');

    // Back to the census and find him with no accents and no apostrophe.
    await tabTo(page, 'Back to census', { back: true });
    await page.keyboard.press('Enter');
    await tabTo(page, 'Search by name or record number');
    // The search is debounced: typed fast on a loaded machine, a part of the words ("jose obri") can
    // be asked first and show the same one row, and the whole words' answer then replaces the rows —
    // taking the link the Tab walk below may just have reached (a flake: "Tab never reached").
    // Walk once the list for the whole words is in.
    const whole = page.waitForResponse((r) => r.url().endsWith('/__invoke') && (JSON.parse(r.request().postData() ?? '{}') as { input?: { query?: string } }).input?.query === 'jose obrien');
    await typeText(page, 'jose obrien');
    await whole;
    await expect.poll(() => rowNames(page)).toEqual(["O'Brien, José"]);
    await tabTo(page, "O'Brien, José");
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: "O'Brien, José" }).isVisible()).toBe(true);

    // Transfer to the first free bed offered in the same unit (101-B).
    await tabTo(page, 'Transfer');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    await expect.poll(() => page.getByLabel('New bed').inputValue()).not.toBe('');
    await tabTo(page, 'Transfer');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'moved to' }).textContent()).toContain('Memory Care · 101-B');

    await statusChange(page, 'Hospital leave');
    await expect.poll(() => page.locator('.resident-status').textContent()).toContain('Hospital (bed held) since');
    await statusChange(page, 'Return');
    await expect.poll(() => page.locator('.resident-status').textContent()).toContain('Active since');
    await statusChange(page, 'Discharge', /^Discharge O'Brien, José$/);
    await expect.poll(() => page.locator('.resident-status').textContent()).toContain('Discharged since');
    expect(await page.locator('.resident-ident').textContent()).toContain('No bed');

    // The database holds what the screens showed: one record, its whole history.
    const c = caller(app.core);
    await c.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    const found = (await c.must('residents.list', { status: 'all', query: 'jose obrien' })).rows;
    expect(found.map((r) => [r.recordNumber, r.status])).toEqual([['MRN-7', 'discharged']]);
    const d = await c.must('residents.get', { id: found[0]!.id });
    expect(d.dateOfBirth).toBe('1941-05-12');
    expect(d.periods.map((p) => p.status)).toEqual(['active', 'hospital', 'active', 'discharged']);
    expect(d.beds.map((b) => b.place)).toEqual(['Memory Care · 101-A', 'Memory Care · 101-B']);
  });

  test('the census sorts and filters on the server, and keeps the sort after a restart', async () => {
    app = await startE2E({ seed: seed(true) });
    const { page } = app;
    await signIn(page);
    // Default: unit and room order.
    await expect.poll(() => rowNames(page)).toEqual(['Anderson, Ruth', 'Young, Walter', 'Chen, Mei']);
    // Each row shows room and date of birth beside the name, and code status and allergies.
    const first = page.locator('.census-table tbody tr').filter({ hasText: 'Anderson, Ruth' });
    // Under the Allergies heading, a warning that is never cut: "⚠ Not recorded".
    expect(await first.textContent()).toMatch(/101-B.*Anderson, Ruth.*Jun 30, 1945 \(\d+ y\).*DNR.*⚠ Not recorded/);

    await tabTo(page, 'Name');
    await page.keyboard.press('Enter');
    await expect.poll(() => rowNames(page)).toEqual(['Anderson, Ruth', 'Chen, Mei', 'Young, Walter']);
    await page.keyboard.press('Enter');
    await expect.poll(() => rowNames(page)).toEqual(['Young, Walter', 'Chen, Mei', 'Anderson, Ruth']);
    expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain('Name');

    await page.getByLabel('Code status', { exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown'); // Any → Full Code → DNR
    await expect.poll(() => rowNames(page)).toEqual(['Chen, Mei', 'Anderson, Ruth']);
    await page.getByLabel('Fall risk', { exact: true }).focus();
    await page.keyboard.press('End'); // Not assessed: Mei Chen's fall risk was never recorded
    await expect.poll(() => rowNames(page)).toEqual(['Chen, Mei']);
    await page.keyboard.press('ArrowUp'); // High
    await expect.poll(() => rowNames(page)).toEqual(['Anderson, Ruth']);

    // A new day, a new start: the sort the nurse chose is still there.
    await page.waitForTimeout(600);
    const again = await app.newPage();
    await signIn(again);
    await expect.poll(() => again.locator('th[aria-sort="descending"]').textContent()).toContain('Name');
    await expect.poll(() => rowNames(again)).toEqual(['Young, Walter', 'Chen, Mei', 'Anderson, Ruth']);

    // Back to the census from another view: the first rows ever painted are already in the saved
    // order — the census is built once, in the person's shape, not first in door order and again.
    await again.getByRole('link', { name: 'Bed board', exact: true }).click();
    await expect.poll(() => again.locator('.census-table').count()).toBe(0);
    await again.evaluate(() => {
      const w = window as unknown as { firstNames?: string[] };
      const mo = new MutationObserver(() => {
        const names = [...document.querySelectorAll('.census-table tbody th.col-name a')].map((a) => a.textContent ?? '');
        if (names.length > 0 && !w.firstNames) {
          w.firstNames = names;
          mo.disconnect();
        }
      });
      mo.observe(document, { subtree: true, childList: true });
    });
    await again.getByRole('link', { name: 'Census', exact: true }).click();
    await expect.poll(() => again.evaluate(() => (window as unknown as { firstNames?: string[] }).firstNames ?? null)).toEqual(['Young, Walter', 'Chen, Mei', 'Anderson, Ruth']);
    expect(await again.locator('th[aria-sort="descending"]').textContent()).toContain('Name');
  });

  test('a CSV with a bad row shows the error and writes nothing', async () => {
    app = await startE2E({ seed: seed(false) });
    const { page } = app;
    await signIn(page);
    const before = await counts(app.core);
    await tabTo(page, 'Import from CSV', { back: true });
    await page.keyboard.press('Enter');
    await tabTo(page, 'CSV text');
    await typeText(page, 'Record number;Given name;Family name;Date of birth;Unit;Room;Bed;Code status\n');
    await typeText(page, 'X-1;Ana;"López";1940-02-02;Memory Care;101;A;DNR\n');
    await typeText(page, 'X-2;Bea;Ruiz;2099-01-01;Memory Care;101;B;Full code\n');
    await tabTo(page, 'Preview');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.import-preview').textContent()).toContain('date of birth: Cannot be in the future.');
    expect(await page.locator('.import-preview [role="status"]').textContent()).toContain('1 of 2 rows are ready.');
    expect(await page.getByRole('button', { name: /Admit \d+ residents?/ }).isDisabled()).toBe(true);
    expect(await counts(app.core)).toEqual(before);
  });

  test('census and resident page have no serious or critical accessibility violations', async () => {
    app = await startE2E({ seed: seed(true) });
    const { page } = app;
    await signIn(page);
    await expect.poll(() => rowNames(page)).toHaveLength(3);
    const serious = async () =>
      (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(await serious()).toEqual([]);
    await page.getByRole('link', { name: 'Anderson, Ruth' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('region', { name: 'Safety summary' }).isVisible()).toBe(true);
    expect(await serious()).toEqual([]);
    await page.getByRole('tab', { name: 'History' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: 'Status over time' }).isVisible()).toBe(true);
    expect(await serious()).toEqual([]);
  });

  test('the bed board shows who is where and admits into a free bed; a discharged resident is readmitted', async () => {
    let walter = 0;
    app = await startE2E({
      seed: async (core) => {
        await seed(true)(core);
        const c = caller(core);
        await c.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
        walter = (await c.must('residents.list', { query: 'walter young' })).rows[0]!.id;
        await c.must('residents.changeStatus', { id: walter, status: 'discharged', date: '2026-02-10' });
      },
    });
    const { page } = app;
    await signIn(page);
    await tabTo(page, 'Bed board', { back: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: 'Bed board' }).isVisible()).toBe(true);
    // Ruth is in 101-B; Walter's old bed 102-A is free again and offers an admission.
    await expect.poll(() => page.locator('main').textContent()).toContain('Anderson, Ruth');
    expect(await page.locator('main').textContent()).not.toContain('Young, Walter');
    await tabTo(page, 'Admit to Memory Care · 102-A');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);

    // Walter comes back: readmitted into a free bed, his record and history kept.
    await page.goto(`${app.harness.url}#/residents/r/${walter}`);
    await expect.poll(() => page.getByRole('heading', { name: 'Young, Walter' }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('.resident-status').textContent()).toContain('Discharged since');
    await statusChange(page, 'Readmit');
    await expect.poll(() => page.locator('.resident-status').textContent()).toContain('Active since');
    const c = caller(app.core);
    await c.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    const d = await c.must('residents.get', { id: walter });
    expect(d.periods.map((p) => p.status)).toEqual(['active', 'discharged', 'active']);
    expect(d.beds.length).toBe(2);
  });
});
