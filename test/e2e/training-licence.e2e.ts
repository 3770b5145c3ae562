/**
 * Issue 13, "Licences and certifications", end to end by keyboard: an RN licence recorded from the staff
 * list (a bad expiry refused by name first, nothing written), its status in the matrix flipping across
 * as-of dates; then "My training" for an aide, who sees her own record and nobody else's.
 */
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

const AIDE_PASSWORD = 'copper kettle meadow';

async function seed(core: Core) {
  const c = caller(core);
  await c.must('setup.createFacility', setupInput);
  await c.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
  const unitId = (await c.must('facility.get', {})).units[0]!.id;
  await c.must('training.createStaff', { name: 'Rita Nurse', role: 'rn', employeeId: 'E001', hireDate: '2010-01-04', unitId });
  const aide = await c.must('users.create', { username: 'ann', displayName: 'Ann Aide', role: 'care_aide', password: 'quiet meadow lantern' });
  const ann = await c.must('training.createStaff', { name: 'Ann Aide', role: 'cna', employeeId: 'E002', hireDate: '2020-01-06', unitId, userId: aide.id });
  const cpr = (await c.must('training.listCourses', { includeInactive: false })).rows.find((x) => x.code === 'cpr_bls')!;
  await c.must('training.createRecord', { staffId: ann.id, courseId: cpr.id, completedOn: '2024-03-20', hours: 4, provider: 'American Red Cross', certificateNumber: null });
  const a = caller(core);
  await a.must('auth.signIn', { username: 'ann', password: 'quiet meadow lantern' });
  await a.must('auth.changePassword', { currentPassword: 'quiet meadow lantern', newPassword: AIDE_PASSWORD });
}

async function signIn(page: Page, username: string, password: string) {
  await expect.poll(() => page.getByLabel('Username').evaluate((el) => el === document.activeElement)).toBe(true);
  await typeText(page, username);
  await page.keyboard.press('Tab');
  await typeText(page, password);
  await page.keyboard.press('Enter');
}

async function typeDate(page: Page, iso: string) {
  const [y, m, d] = iso.split('-');
  await typeText(page, `${m}${d}${y}`);
}

/** Rita's cell in the RN licence column of the matrix. */
async function ritaLicence(page: Page) {
  const headers = await page.locator('table.matrix thead th').allTextContents();
  const column = headers.indexOf('RN licence');
  // The row's first th names it; its cells are the unit, then one per column.
  return page.getByRole('row', { name: /Rita Nurse/ }).getByRole('cell').nth(column - 1).textContent();
}

/** The administrator, by keyboard, on Training → Staff; "today" on screen is the station's date (the renderer's clock too). */
async function adminOnStaffTab(): Promise<E2EApp> {
  const now = '2026-03-02T14:00:00Z';
  const started = await startE2E({ seed, now, beforeLoad: (p) => p.clock.setFixedTime(new Date(now)) });
  const { page } = started;
  await signIn(page, 'admin', STRONG_PASSWORD);
  await expect.poll(() => page.getByText('Signed in as Ada Admin (Administrator)').isVisible()).toBe(true);
  await tabTo(page, 'Training');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Matrix');
  await page.keyboard.press('End'); // Import, the last tab
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft'); // Staff
  await expect.poll(() => page.getByRole('tab', { name: 'Staff' }).getAttribute('aria-selected')).toBe('true');
  return started;
}

describe('licences, by keyboard', () => {
  test('record an RN licence, see a bad expiry refused by name, and the matrix flip across as-of dates; the aide sees only her own training', { timeout: 180_000 }, async () => {
    app = await adminOnStaffTab();
    const { page } = app;

    await tabTo(page, 'Licences and certifications for Rita Nurse', { max: 60 });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog', { name: 'Licences and certifications for Rita Nurse' }).isVisible()).toBe(true);
    await tabTo(page, 'Record a licence');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog', { name: 'Record a licence' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByLabel('Staff member').evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe('Rita Nurse (E001)');

    await tabTo(page, 'Licence or certification');
    await page.keyboard.press('ArrowDown'); // → RN licence, the first type
    await tabTo(page, 'Number');
    await typeText(page, 'RN 041-2231');
    await tabTo(page, 'Issuing state');
    await typeText(page, 'IL');
    await tabTo(page, 'Issue date');
    await typeDate(page, '2024-04-01');
    // An expiry before the issue date: refused, by name, and nothing written.
    await tabTo(page, 'Expiry date');
    await typeDate(page, '2024-03-31');
    await page.keyboard.press('Enter');
    // The summary names the field (a link to it); the reason stands once, beside the field itself.
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Expiry date');
    await expect.poll(() => page.getByRole('dialog').getByText('The expiry must come after the issue date.').count()).toBe(1);
    expect(await sqlRows(app.core, 'SELECT id FROM staff_credentials')).toEqual([]);

    // From the summary (which took focus), its link goes to the field; the date is typed over.
    await tabTo(page, 'Expiry date');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('expiresOn');
    await page.keyboard.press('ControlOrMeta+A');
    await typeDate(page, '2026-03-31');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('RN licence saved for Rita Nurse.');
    const row = page.getByRole('row', { name: /RN licence/ });
    await expect.poll(() => row.textContent()).toContain('IL');
    expect(await row.textContent()).toContain('Expiring');
    const saved = await sqlRows(app.core, 'SELECT number, issuing_state, issuing_body, issued_on, expires_on, verified_by FROM staff_credentials');
    expect(saved).toEqual([{ number: 'RN 041-2231', issuing_state: 'IL', issuing_body: null, issued_on: '2024-04-01', expires_on: '2026-03-31', verified_by: 1 }]);
    expect(await sqlRows(app.core, `SELECT method FROM audit_log WHERE entity = 'staff_credential'`)).toEqual([{ method: 'training.createCredential' }]);
    await tabTo(page, 'Close');
    await page.keyboard.press('Enter');

    // The matrix: expiring now, current a month ago, expired on the expiry date, missing before it was issued.
    await tabTo(page, 'Staff', { back: true, max: 80 });
    await page.keyboard.press('Home');
    await expect.poll(() => page.getByRole('tab', { name: 'Matrix' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => ritaLicence(page)).toContain('Expiring');
    expect(await ritaLicence(page)).toContain('exp. Mar 31, 2026');
    for (const [asOf, word] of [
      ['2026-03-31', 'Expired'],
      ['2026-01-30', 'Current'],
      ['2024-03-31', 'Missing'],
    ] as const) {
      await tabTo(page, 'Matrix', { back: true, max: 60 });
      await tabTo(page, 'As of');
      await typeDate(page, asOf);
      await expect.poll(() => ritaLicence(page), { message: asOf }).toContain(word);
    }

    // My training, as the aide: her own record and what is due; nobody else's, no staff-wide screens.
    await tabTo(page, 'Sign out', { back: true, max: 80 });
    await page.keyboard.press('Enter');
    await signIn(page, 'ann', AIDE_PASSWORD);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect.poll(() => nav.getByRole('link', { name: 'My training', exact: true }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Training', exact: true }).count()).toBe(0);
    await tabTo(page, 'My training');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Ann Aide · E002 · CNA · Memory Care').isVisible()).toBe(true);
    const due = page.getByRole('table', { name: /What your role requires/ });
    await expect.poll(() => due.getByRole('row', { name: /CPR \/ BLS/ }).textContent()).toContain('Expiring');
    expect(await due.getByRole('row', { name: /Nurse aide registry/ }).textContent()).toContain('Missing');
    expect(await page.locator('main').textContent()).not.toContain('Rita Nurse');
    expect(await page.getByRole('button', { name: /Record|Edit|Void/ }).count()).toBe(0);
    const axe = await new AxeBuilder({ page }).include('main').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });

  test('a training record is voided with a reason, kept, and shown struck through only when voided records are asked for', { timeout: 120_000 }, async () => {
    app = await adminOnStaffTab();
    const { page } = app;

    await tabTo(page, 'Training records for Ann Aide', { max: 60 });
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Training records for Ann Aide' });
    await expect.poll(() => dialog.getByRole('row', { name: /CPR \/ BLS/ }).textContent()).toContain('American Red Cross');
    const headers = await dialog.locator('thead th').allTextContents();
    expect(headers).toEqual(['Course', 'Completion date', 'Expires', 'Hours', 'Provider', 'Certificate number', 'Source', 'Actions']);

    await tabTo(page, 'Void CPR / BLS on Mar 20, 2024');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog', { name: 'Void CPR / BLS on Mar 20, 2024' }).isVisible()).toBe(true);
    await typeText(page, 'Entered for the wrong person');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Record voided.');
    // Gone from the list, kept in the database with its reason.
    await expect.poll(() => dialog.getByText('No training recorded yet.').isVisible()).toBe(true);
    expect(await sqlRows(app.core, 'SELECT void_reason FROM training_records')).toEqual([{ void_reason: 'Entered for the wrong person' }]);

    await tabTo(page, 'Show voided records');
    await page.keyboard.press('Space');
    const voided = dialog.getByRole('row', { name: /CPR \/ BLS/ });
    await expect.poll(() => voided.textContent()).toContain('Entered for the wrong person');
    expect(await voided.getAttribute('class')).toBe('voided');
    expect(await dialog.getByText('No training recorded yet.').count()).toBe(0);
    const axe = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await page.screenshot({ path: '/tmp/records-voided.png' });
  });
});
