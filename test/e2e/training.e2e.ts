import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import type { Core } from '../../electron/core/app';
import { STRONG_PASSWORD, caller, setupInput } from '../support/core';
import { startE2E, tabTo, typeText, type E2EApp } from '../support/browser';
import { sqlRows } from '../support/db';

let app: E2EApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

/** A facility with Ann (no training yet) and seventy colleagues. */
async function seed(core: Core) {
  const c = caller(core);
  await c.must('setup.createFacility', setupInput);
  await c.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
  const unitId = (await c.must('facility.get', {})).units[0]!.id;
  await c.must('training.createStaff', { name: 'Ann Aide', role: 'cna', employeeId: 'E001', hireDate: '2020-01-06', unitId });
  for (let i = 1; i <= 70; i++) {
    await c.must('training.createStaff', { name: `Zed Colleague ${String(i).padStart(2, '0')}`, role: i % 3 === 0 ? 'rn' : 'cna', employeeId: `Z${i}`, hireDate: '2019-03-01', unitId });
  }
}

/** Types a date into a Chromium date input by keyboard: from its first (month) segment, MMDDYYYY. */
async function typeDate(page: Page, iso: string) {
  const [y, m, d] = iso.split('-');
  await typeText(page, `${m}${d}${y}`);
}

/** Back to the Matrix tab, then forward into the as-of date, landing on its first (month) segment. */
async function focusAsOf(page: Page) {
  await tabTo(page, 'Matrix', { back: true, max: 60 });
  await tabTo(page, 'As of');
}

/** The text of Ann's CPR cell (the second data cell of her row: unit, then CPR / BLS). */
function annCpr(page: Page) {
  return page.getByRole('row', { name: /Ann Aide/ }).getByRole('cell').nth(1).textContent();
}

describe('training compliance, by keyboard', () => {
  test('record CPR, see the cell go from missing to current, move the as-of date past expiry', async () => {
    app = await startE2E({ seed, now: '2026-03-02T14:00:00Z' });
    const { page } = app;

    await expect.poll(() => page.getByLabel('Username').evaluate((el) => el === document.activeElement)).toBe(true);
    await typeText(page, 'admin');
    await page.keyboard.press('Tab');
    await typeText(page, STRONG_PASSWORD);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Signed in as Ada Admin (Administrator)').isVisible()).toBe(true);

    await tabTo(page, 'Training');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('tab', { name: 'Matrix' }).getAttribute('aria-selected')).toBe('true');

    // The survey date the administrator is preparing for.
    await tabTo(page, 'As of');
    await typeDate(page, '2026-03-02');
    await expect.poll(() => page.getByRole('table').first().getByText('Training compliance as of Mar 2, 2026').count()).toBe(1);
    await expect.poll(() => annCpr(page)).toContain('Missing');

    await tabTo(page, 'Record a training');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog', { name: 'Record a training' }).isVisible()).toBe(true);
    // The staff and course lists arrive with the dialog; choose once they are there.
    await expect.poll(() => page.locator('select[name="staffId"] option').count()).toBeGreaterThan(1);
    await expect.poll(() => page.locator('select[name="courseId"] option').count()).toBeGreaterThan(1);
    await tabTo(page, 'Staff member');
    await page.keyboard.press('ArrowDown'); // "Choose…" → Ann Aide (E001), first by name
    await tabTo(page, 'Course');
    await page.keyboard.press('ArrowDown'); // → CPR / BLS, first in the catalog
    await tabTo(page, 'Completion date');
    await typeDate(page, '2025-06-10');
    await tabTo(page, 'Hours');
    await typeText(page, '4');
    await tabTo(page, 'Provider');
    await typeText(page, 'Red Cross');
    await page.keyboard.press('Enter');

    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Training recorded for Ann Aide: CPR / BLS on Jun 10, 2025.');
    await expect.poll(() => annCpr(page)).toContain('Current');
    expect(await annCpr(page)).toContain('exp. Jun 10, 2027');
    const saved = await sqlRows(app.core, 'SELECT completed_on, hours, provider, verified_by FROM training_records');
    expect(saved).toEqual([{ completed_on: '2025-06-10', hours: 4, provider: 'Red Cross', verified_by: 1 }]);

    // The day before expiry it is still valid (expiring); on the expiry date itself it is expired.
    await focusAsOf(page);
    await typeDate(page, '2027-06-09');
    await expect.poll(() => annCpr(page)).toContain('Expiring');
    await focusAsOf(page);
    await typeDate(page, '2027-06-10');
    await expect.poll(() => annCpr(page)).toContain('Expired');

    const axe = await new AxeBuilder({ page }).include('main').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

    // Printing the matrix is checked on the PDF in training-print.e2e.ts.
  });
});
