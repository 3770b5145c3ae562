import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import type { Core } from '../../electron/core/app';
import { STRONG_PASSWORD, caller, setupInput } from '../support/core';
import { STATION_VIEWPORT, signIn, startE2E, typeText, type E2EApp } from '../support/browser';
import { addRooms, admission } from '../support/residents';
import { addAppointment, addProvider } from '../support/transport';

// Issue 9, "Two people, one record", for a trip: two people at two stations (two browser sessions)
// open the same ride; the first saves; the second's save is refused with who and when, "Review the
// new version" shows what the first saved, and the second person's change saved on it goes through.

let app: E2EApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

// 07:30 in Chicago on Mar 3; the appointment is at 09:00.
const NOW = '2026-03-03T13:30:00Z';
const CORA_PASSWORD = 'quiet meadow lantern river';

let bookingId = 0;

async function seed(core: Core) {
  const a = caller(core);
  await a.must('setup.createFacility', setupInput);
  await a.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
  const place = await addRooms(a);
  const ben = await a.must('residents.admit', admission({ unitId: place.units['Memory Care']!, bedId: place.beds['102A']!, recordNumber: 'R-2', legalGiven: 'Ben', legalFamily: 'Stone', aid: 'none', transfer: 'independent', bariatric: false }));
  // A care coordinator at the other station, temporary password already changed.
  await a.must('users.create', { username: 'cora', displayName: 'Cora Coordinator', role: 'care_coordinator', password: STRONG_PASSWORD });
  const c = caller(core);
  await c.must('auth.signIn', { username: 'cora', password: STRONG_PASSWORD });
  await c.must('auth.changePassword', { currentPassword: STRONG_PASSWORD, newPassword: CORA_PASSWORD });
  const renal = await addProvider(core, { name: 'Riverside Renal', locationName: 'Dialysis unit', address: '12 River Rd', phone: '555-0100' });
  await a.must('transport.saveDestination', { providerId: renal, travelMinutes: 30, checkInMinutes: 15 });
  const appointmentId = await addAppointment(core, { residentId: ben.id, startAt: '2026-03-03T15:00:00.000Z', endAt: '2026-03-03T16:00:00.000Z', providerId: renal });
  const booked = await a.must('transport.book', {
    appointmentId,
    mode: null,
    escort: null,
    travelMinutes: 30,
    checkInMinutes: 15,
    outbound: { pickupAt: '2026-03-03T14:15:00.000Z', carrier: { kind: 'family', name: 'Maria Stone', phone: '555-0101' } },
    return: { kind: 'fixed', pickupAt: '2026-03-03T16:10:00.000Z', carrier: { kind: 'family', name: 'Maria Stone', phone: '555-0101' } },
    notes: null,
  });
  bookingId = booked.id;
}

/** Transport → the appointments tab → "Edit ride" on Ben's appointment, by keyboard. */
async function openBensRide(page: Page) {
  const link = page.getByRole('link', { name: 'Transport', exact: true });
  await expect.poll(() => link.isVisible(), { timeout: 10_000 }).toBe(true);
  await link.click();
  await page.getByRole('tab', { name: 'Trip board' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  const edit = page.getByRole('button', { name: /^Edit ride — Ben Stone/ });
  await expect.poll(() => edit.isVisible()).toBe(true);
  await edit.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect.poll(() => dialog.locator('[name="notes"]').isVisible()).toBe(true);
  return dialog;
}

/** Replaces the notes field's text, by keyboard. */
async function typeNotes(page: Page, text: string) {
  const notes = page.getByRole('dialog').locator('[name="notes"]');
  await notes.focus();
  await page.keyboard.press('Control+A');
  await typeText(page, text);
}

async function save(page: Page) {
  await page.getByRole('dialog').getByRole('button', { name: 'Save ride' }).focus();
  await page.keyboard.press('Enter');
}

describe('two people, one trip (issue 9)', () => {
  test("the second save is refused with who and when; the newer version is shown on request and the change saved on it goes through", async () => {
    app = await startE2E({ seed, now: NOW, viewport: STATION_VIEWPORT, beforeLoad: (p) => p.clock.setFixedTime(new Date(NOW)) });
    const ada = app.page;
    // The other station: its own browser session, its own sign-in.
    const cora = await (await app.browser.newContext({ locale: 'en-US', viewport: STATION_VIEWPORT })).newPage();
    await cora.clock.setFixedTime(new Date(NOW));
    await cora.goto(app.harness.url);
    await signIn(ada, 'admin', STRONG_PASSWORD);
    await signIn(cora, 'cora', CORA_PASSWORD);

    // Both open the same ride.
    await openBensRide(ada);
    const coraDialog = await openBensRide(cora);

    // Ada saves first, a minute later.
    app.manual!.advance(60_000);
    await typeNotes(ada, 'Bring the blue folder');
    await save(ada);
    await expect.poll(() => ada.getByText('Ride saved.').isVisible()).toBe(true);

    // Cora's save over the older version: refused, with who and when; nothing of hers is written.
    await typeNotes(cora, 'Call the clinic on arrival');
    await save(cora);
    await expect.poll(() => coraDialog.getByText(/was changed by Ada Admin at .*7:31\s?AM.* after you opened it\. Nothing was saved/).count()).toBe(1);
    const check = caller(app.core);
    await check.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    const stored = () => check.must('transport.booking', { bookingId });
    expect((await stored()).notes).toBe('Bring the blue folder');

    // "Review the new version": the dialog shows what Ada saved.
    await coraDialog.getByRole('button', { name: 'Review the new version' }).focus();
    await cora.keyboard.press('Enter');
    await expect.poll(() => cora.getByRole('dialog').locator('[name="notes"]').inputValue()).toBe('Bring the blue folder');
    expect(await cora.getByRole('dialog').getByText(/Nothing was saved/).count()).toBe(0);

    // Her change, made again on the newer version, is saved.
    await typeNotes(cora, 'Bring the blue folder; call the clinic on arrival');
    await save(cora);
    await expect.poll(() => cora.getByText('Ride saved.').isVisible()).toBe(true);
    expect((await stored()).notes).toBe('Bring the blue folder; call the clinic on arrival');
  });
});
