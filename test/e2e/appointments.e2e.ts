import fs from 'node:fs';
import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import type { Core } from '../../electron/core/app';
import { STRONG_PASSWORD, caller, setupInput } from '../support/core';
import { startE2E, type E2EApp } from '../support/browser';
import { printPdf, squeeze } from '../support/pdf';
import { addRooms, admission } from '../support/residents';

// Issue 10 end to end, by keyboard: a weekly series is booked, one occurrence moved onto a clash
// (the warning, then save anyway with a reason), the family marked informed, the week exported as
// .ics and read back with ical.js, and the day list printed and read with pdftotext.

let app: E2EApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const NOW = '2026-03-02T14:00:00Z'; // Monday 08:00 in the facility's zone (America/Chicago)

async function seed(core: Core) {
  const c = caller(core);
  await c.must('setup.createFacility', setupInput);
  await c.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
  const place = await addRooms(c);
  const ana = await c.must('residents.admit', admission({ unitId: place.units['Memory Care']!, bedId: place.beds['101A']!, recordNumber: 'R-1', legalGiven: 'Ana', legalFamily: 'Quintero' }));
  // Thursday's podiatry visit, which the moved dialysis will clash with.
  await c.must('appointments.create', { residentId: ana.id, type: 'podiatry', setting: 'in_house', providerName: 'Dr. Foot', startLocal: '2026-03-05T08:00', endLocal: '2026-03-05T09:00' });
}

/** Focus then Enter: how a keyboard user presses a button or follows a link. */
async function press(page: Page, role: 'button' | 'link' | 'tab', name: string | RegExp) {
  const el = page.getByRole(role, { name, exact: typeof name === 'string' });
  await el.focus();
  await page.keyboard.press('Enter');
}

describe('appointments by keyboard (issue 10)', () => {
  test('weekly series, one occurrence moved onto a clash, family informed, .ics read back, day list printed', async () => {
    app = await startE2E({
      seed,
      now: NOW,
      beforeLoad: async (p) => {
        await p.clock.setFixedTime(new Date(NOW));
        await p.addInitScript(() => {
          const w = window as unknown as { __printCalls: number; print(): void };
          w.__printCalls = 0;
          w.print = () => void w.__printCalls++;
        });
      },
    });
    const { page } = app;
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(STRONG_PASSWORD);
    await page.keyboard.press('Enter');
    await press(page, 'link', 'Appointments');
    await expect.poll(() => page.getByRole('tab', { name: 'Agenda' }).count()).toBe(1);

    // A weekly series: Monday, Wednesday, Friday 06:30–10:30 until the end of March.
    await press(page, 'button', 'New recurring appointment');
    const form = page.getByRole('dialog');
    await form.getByLabel(/^Resident/).selectOption({ label: 'Quintero, Ana · R-1' });
    await form.getByLabel('Type', { exact: true }).selectOption('dialysis');
    await form.getByLabel('Other provider (typed)').fill('Riverside Renal');
    await form.getByLabel(/^Start time/).fill('06:30');
    await form.getByLabel(/^End time/).fill('10:30');
    await form.getByLabel(/^Until/).fill('2026-03-31');
    for (const d of ['Wednesday', 'Friday']) {
      await form.getByLabel(d).focus();
      await page.keyboard.press('Space');
    }
    await press(page, 'button', 'Book');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    // The week: three dialysis mornings and the podiatry visit.
    await page.getByLabel('View', { exact: true }).selectOption('7');
    await expect.poll(() => page.getByRole('button', { name: /^Open: Quintero, Ana/ }).count(), { timeout: 10_000 }).toBe(4);

    // Move Wednesday's occurrence onto Thursday 07:00–11:00: it clashes with the podiatry visit.
    await press(page, 'button', 'Open: Quintero, Ana 2026-03-04 06:30');
    const details = page.getByRole('dialog');
    await expect.poll(() => details.getByText(/Riverside Renal/).count()).toBeGreaterThan(0);
    await details.getByLabel('Date', { exact: true }).fill('2026-03-05');
    await details.getByLabel('Start time').fill('07:00');
    await details.getByLabel('End time').fill('11:00');
    await press(page, 'button', 'Move');
    await expect.poll(() => details.getByRole('alert').first().textContent()).toContain('clashes with the resident');
    expect(await details.getByRole('alert').first().textContent()).toContain('Clashes with another appointment');
    await details.getByLabel('Reason for saving anyway').fill('Clinic only has Thursday; podiatry seen at the chair');
    await press(page, 'button', 'Save anyway');
    await expect.poll(() => details.getByText(/Saved despite a clash/).count()).toBe(1);

    // The family is told.
    await details.getByLabel('Whom').fill('Maria (daughter)');
    await press(page, 'button', 'Record family informed');
    await expect.poll(() => details.getByText(/Told by Ada Admin \(Phone\)/).count()).toBe(1);
    await press(page, 'button', 'Close');
    await expect.poll(() => page.getByRole('button', { name: 'Open: Quintero, Ana 2026-03-05 07:00' }).count()).toBe(1);

    // Calendar export with the type and provider, read back.
    await page.getByLabel('Resident', { exact: true }).selectOption({ label: 'Quintero, Ana · R-1' });
    await page.getByLabel('Type of appointment').focus();
    await page.keyboard.press('Space');
    await page.getByLabel('Provider and location').focus();
    await page.keyboard.press('Space');
    await press(page, 'button', 'Export .ics');
    const link = page.getByRole('link', { name: /Calendar file ready/ });
    await expect.poll(() => link.count()).toBe(1);
    const downloading = page.waitForEvent('download');
    await link.focus();
    await page.keyboard.press('Enter');
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('appointments-2026-03-02-2026-03-08.ics');
    const text = fs.readFileSync((await download.path())!, 'utf8');
    const cal = new ICAL.Component(ICAL.parse(text));
    const events = cal.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events.some((e) => e.summary.includes('Dialysis'))).toBe(true);
    // The moved occurrence is its own event at 13:00Z (07:00 Chicago) on Thursday.
    expect(events.some((e) => e.startDate.toJSDate().toISOString() === '2026-03-05T13:00:00.000Z')).toBe(true);
    const series = events.find((e) => e.isRecurring())!;
    const it = series.iterator();
    const first = it.next();
    expect(first?.toJSDate().toISOString()).toBe('2026-03-02T12:30:00.000Z');

    // The day list of Thursday, printed and read back.
    await page.getByLabel('View', { exact: true }).selectOption('1');
    await page.getByLabel('Date', { exact: true }).fill('2026-03-05');
    await expect.poll(() => page.getByRole('button', { name: /^Open: Quintero, Ana 2026-03-05/ }).count(), { timeout: 10_000 }).toBe(2);
    await press(page, 'button', 'Print the day list');
    await expect
      .poll(async () => ((await page.evaluate(() => (window as unknown as { __printCalls: number }).__printCalls)) === 1 ? 'printed' : ((await page.getByRole('alert').allTextContents()).join(' ') || 'waiting')), { timeout: 20_000 })
      .toBe('printed');
    const pdf = await printPdf(page, 'appointments-day');
    const all = squeeze(pdf.pages.join('\n'));
    expect(all).toContain('Appointments of Mar 5, 2026');
    expect(all).toContain('Quintero, Ana');
    expect(all).toContain('07:00–11:00');
    expect(all).toContain('Confidential');
    expect(all).toMatch(/Page 1 of 1/);
  });
});

describe('two people, one appointment (issue 9)', () => {
  test('a save over a newer version is refused with who and when, and the form shows the newer version on request', async () => {
    app = await startE2E({ seed, now: NOW, viewport: { width: 1366, height: 768 }, beforeLoad: (p) => p.clock.setFixedTime(new Date(NOW)) });
    const { page, core } = app;
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(STRONG_PASSWORD);
    await page.keyboard.press('Enter');
    await press(page, 'link', 'Appointments');
    await page.getByLabel('View', { exact: true }).selectOption('7');
    await press(page, 'button', /^Open: Quintero, Ana/);
    await press(page, 'button', 'Edit');
    const form = page.getByRole('dialog');
    await expect.poll(() => form.getByLabel('Other provider (typed)').inputValue()).toBe('Dr. Foot');

    // Meanwhile, another station changes the provider.
    const other = caller(core);
    await other.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    const listed = await other.must('appointments.list', { offset: 0, limit: 10, from: '2026-03-05', to: '2026-03-06' });
    const stored = await other.must('appointments.get', { id: listed.rows[0]!.id! });
    await other.must('appointments.update', {
      id: stored.id,
      expectedVersion: stored.version,
      appointment: { residentId: stored.residentId, type: stored.type, setting: stored.setting, providerId: null, providerName: 'Dr. Heel', locationName: null, preparation: { items: [], note: null }, escortNeeded: false, startLocal: stored.startLocal, endLocal: stored.endLocal, startFold: null, endFold: null, conflictOverride: null },
    });

    await form.getByLabel('Other provider (typed)').fill('Dr. Toe');
    await press(page, 'button', 'Save');
    await expect.poll(() => form.getByText(/was changed by Ada Admin at .* after you opened it\. Nothing was saved/).count()).toBe(1);
    await press(page, 'button', 'Review the new version');
    await expect.poll(() => page.getByRole('dialog').getByLabel('Other provider (typed)').inputValue()).toBe('Dr. Heel');
    // Nothing of the refused save was written.
    expect((await other.must('appointments.get', { id: stored.id })).providerName).toBe('Dr. Heel');
  });
});
