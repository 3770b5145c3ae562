/**
 * Dates in the Training area, by keyboard: the as-of field asks main only for whole dates it accepts,
 * and an import whose dates could be read two ways states its reading and writes nothing until the
 * format is chosen.
 */
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

async function seed(core: Core) {
  const c = caller(core);
  await c.must('setup.createFacility', setupInput);
  await c.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
  const unitId = (await c.must('facility.get', {})).units[0]!.id;
  await c.must('training.createStaff', { name: 'Ann Aide', role: 'cna', employeeId: 'E001', hireDate: '2020-01-06', unitId });
}

async function signInToTraining(page: Page) {
  await expect.poll(() => page.getByLabel('Username').evaluate((el) => el === document.activeElement)).toBe(true);
  await typeText(page, 'admin');
  await page.keyboard.press('Tab');
  await typeText(page, STRONG_PASSWORD);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByText('Signed in as Ada Admin (Administrator)').isVisible()).toBe(true);
  await tabTo(page, 'Training');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('tab', { name: 'Matrix' }).getAttribute('aria-selected')).toBe('true');
}

/** Focuses the Matrix tab, then moves along the tab list with the arrow keys to the named tab. */
async function openTab(page: Page, name: string) {
  await tabTo(page, 'Matrix');
  for (let i = 0; i < 8; i++) {
    if ((await page.getByRole('tab', { name }).getAttribute('aria-selected')) === 'true') return;
    await page.keyboard.press('ArrowRight');
  }
  throw new Error(`no tab ${name}`);
}

/** The inputs of every call the renderer makes for one method, in order. */
function watchCalls(page: Page, method: string): Record<string, unknown>[] {
  const seen: Record<string, unknown>[] = [];
  page.on('request', (request) => {
    if (!request.url().endsWith('/__invoke')) return;
    const body = JSON.parse(request.postData() ?? '{}') as { method?: string; input?: Record<string, unknown> };
    if (body.method === method && body.input) seen.push(body.input);
  });
  return seen;
}

describe('training dates, by keyboard', () => {
  test('typing an as-of date asks for whole, accepted dates only — never the years 0002, 0020 or 0202', async () => {
    app = await startE2E({ seed, now: '2026-03-02T14:00:00Z' });
    const { page } = app;
    await signInToTraining(page);
    await openTab(page, 'In-service hours');
    // The field starts on the station's today (the browser's clock, not the test's).
    await expect.poll(() => page.getByRole('table', { name: /12 months ending [A-Z][a-z]{2} \d{1,2}, \d{4}$/ }).count()).toBe(1);

    const calls = watchCalls(page, 'training.inService');
    await tabTo(page, 'As of');
    // From the month segment: 06, 15, then the year one digit at a time, as a person types it.
    await typeText(page, '06152025');
    await expect.poll(() => page.getByRole('table', { name: /12 months ending Jun 15, 2025$/ }).count()).toBe(1);
    const asOfs = calls.map((c) => String(c.asOf));
    expect(asOfs.at(-1)).toBe('2025-06-15');
    for (const asOf of asOfs) expect(asOf >= '1950-01-01' && asOf <= '2199-12-31', asOf).toBe(true);
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  test('an ambiguous training file: the preview says how 03/02/2026 is read, nothing is written until the format is chosen', async () => {
    app = await startE2E({ seed, now: '2026-03-02T14:00:00Z' });
    const { page } = app;
    await signInToTraining(page);
    await openTab(page, 'Import');

    // A file is chosen from the system dialog; the test hands the input its content directly.
    const csv = 'Employee ID,Course,Completion Date,Hours\nE001,CPR/BLS,03/02/2026,4\nE001,First aid,2025-12-01,2\n';
    await page.locator('#import-file').setInputFiles({ name: 'lms.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

    const ambiguous = 'These dates can be read two ways: “03/02/2026” is Mar 2, 2026 month first, or Feb 3, 2026 day first.';
    await expect.poll(() => page.getByRole('alert').filter({ hasText: ambiguous }).count()).toBe(1);
    const commit = page.getByRole('button', { name: 'Import 2 records' });
    expect(await commit.isDisabled()).toBe(true);
    // The preview shows the reading it would write, with the month as a word, in the app's one date format.
    expect(await page.getByRole('table', { name: 'First rows to be imported' }).textContent()).toContain('Mar 2, 2026');
    expect(await app.core.q.training.countRecords()).toBe(0);

    await tabTo(page, 'Date format');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown'); // choose… → year first → month first → day first
    await expect.poll(() => page.getByText('Dates are read day first, as you chose: “03/02/2026” is read as Feb 3, 2026.').count()).toBe(1);
    await expect.poll(() => commit.isDisabled()).toBe(false);
    await tabTo(page, 'Import 2 records');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('2 records imported; 0 duplicates skipped.').count()).toBe(1);
    const saved = await sqlRows(app.core, 'SELECT completed_on FROM training_records ORDER BY completed_on');
    expect(saved).toEqual([{ completed_on: '2025-12-01' }, { completed_on: '2026-02-03' }]);
  });
});
