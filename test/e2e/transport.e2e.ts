import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import type { Core } from '../../electron/core/app';
import { STRONG_PASSWORD, caller, setupInput } from '../support/core';
import { STATION_VIEWPORT, signIn, startE2E, tabTo, typeText, type E2EApp } from '../support/browser';
import { countRows } from '../support/db';
import { expectPaper, printPdf, squeeze } from '../support/pdf';
import { addRooms, admission } from '../support/residents';
import { addAppointment, addProvider } from '../support/transport';

// Issue 11, "Tests", end to end by keyboard at a nursing station's 1366×768: book a wheelchair ride
// for an external appointment, see a vehicle conflict and the driver's expired CPR card (on the
// trip's date), accept both with reasons, sign in as the driver and mark the pickup, print the
// manifest and check with pdftotext that every trip is there, in time order.

let app: E2EApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

// 07:30 in Chicago on Mar 3; the appointments are at 09:00.
const NOW = '2026-03-03T13:30:00Z';
const DRIVER_PASSWORD = 'quiet meadow lantern river';

async function seed(core: Core) {
  const a = caller(core);
  await a.must('setup.createFacility', setupInput);
  await a.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
  const place = await addRooms(a);
  const mc = place.units['Memory Care']!;
  const ana = await a.must('residents.admit', admission({ unitId: mc, bedId: place.beds['101A']!, recordNumber: 'R-1', legalGiven: 'Ana', legalFamily: 'Ruiz', aid: 'wheelchair', transfer: 'standby', bariatric: false }));
  const ben = await a.must('residents.admit', admission({ unitId: mc, bedId: place.beds['102A']!, recordNumber: 'R-2', legalGiven: 'Ben', legalFamily: 'Stone', aid: 'none', transfer: 'independent', bariatric: false }));
  const courses = (await a.must('training.listCourses', { includeInactive: true })).rows;
  await a.must('users.create', { username: 'dan', displayName: 'Dan Driver', role: 'driver', password: STRONG_PASSWORD });
  const danUser = (await a.must('users.list', {})).rows.find((u) => u.username === 'dan')!;
  const dan = await a.must('training.createStaff', { name: 'Dan Driver', role: 'driver', employeeId: 'E-10', hireDate: '2020-01-06', unitId: null, userId: danUser.id });
  // CPR completed 2024-03-03, valid 24 months: through Mar 2, 2026 — not on the trip's day.
  await a.must('training.createRecord', { staffId: dan.id, courseId: courses.find((c) => c.code === 'cpr_bls')!.id, completedOn: '2024-03-03', hours: null, provider: null, certificateNumber: null });
  await a.must('training.createRecord', { staffId: dan.id, courseId: courses.find((c) => c.code === 'driver_safety')!.id, completedOn: '2025-06-01', hours: null, provider: null, certificateNumber: null });
  const d = caller(core);
  await d.must('auth.signIn', { username: 'dan', password: STRONG_PASSWORD });
  await d.must('auth.changePassword', { currentPassword: STRONG_PASSWORD, newPassword: DRIVER_PASSWORD });
  const van = await a.must('transport.saveVehicle', { name: 'Van 1', seats: 4, wheelchairPositions: 1, stretcherPositions: 0, bariatric: false, oxygen: false });
  const renal = await addProvider(core, { name: 'Riverside Renal', locationName: 'Dialysis unit', address: '12 River Rd', phone: '555-0100' });
  await a.must('transport.saveDestination', { providerId: renal, travelMinutes: 30, checkInMinutes: 15 });
  await addAppointment(core, { residentId: ana.id, startAt: '2026-03-03T15:00:00.000Z', endAt: '2026-03-03T16:00:00.000Z', providerId: renal });
  const benAppt = await addAppointment(core, { residentId: ben.id, startAt: '2026-03-03T15:00:00.000Z', endAt: '2026-03-03T16:00:00.000Z', providerId: renal });
  // Ben is already booked on Van 1 (no driver named yet), 08:00 out and 10:10 back.
  await a.must('transport.book', {
    appointmentId: benAppt,
    mode: null,
    escort: null,
    travelMinutes: 30,
    checkInMinutes: 15,
    outbound: { pickupAt: '2026-03-03T14:00:00.000Z', carrier: { kind: 'facility_vehicle', vehicleId: van.id, driverStaffId: null } },
    return: { kind: 'fixed', pickupAt: '2026-03-03T16:10:00.000Z', carrier: { kind: 'facility_vehicle', vehicleId: van.id, driverStaffId: null } },
    notes: null,
  });
}

async function stubPrint(p: Page) {
  await p.clock.setFixedTime(new Date(NOW));
  await p.addInitScript(() => {
    const w = window as unknown as { __printCalls: number; print(): void };
    w.__printCalls = 0;
    w.print = () => void w.__printCalls++;
  });
}

describe('transport by keyboard (issue 11, Tests)', () => {
  test('book a wheelchair ride, see the vehicle and credential conflicts, override with reasons; the driver marks the pickup and prints the manifest', async () => {
    app = await startE2E({ seed, now: NOW, viewport: STATION_VIEWPORT, beforeLoad: stubPrint });
    const { page } = app;
    await signIn(page, 'admin', STRONG_PASSWORD);
    await page.getByRole('link', { name: 'Transport', exact: true }).click();
    const boardTab = page.getByRole('tab', { name: 'Trip board' });
    await boardTab.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: 'External appointments in the next two weeks' }).isVisible()).toBe(true);

    // The ride for Ana: mode proposed from mobility (wheelchair), pickup proposed 08:15 (09:00 − 30 − 15).
    await page.getByRole('button', { name: /^Book ride — Ana Ruiz/ }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByText(/Proposed from mobility: Wheelchair/).isVisible()).toBe(true);
    expect(await dialog.locator('input[name="outbound.pickupAt"]').inputValue()).toBe('08:15');
    // The outbound driver: Dan, by typing his name on the closed list.
    await dialog.locator('select[name="outbound.carrier.driverStaffId"]').focus();
    await typeText(page, 'Dan');
    expect(await dialog.locator('select[name="outbound.carrier.driverStaffId"] option:checked').textContent()).toBe('Dan Driver');
    await tabTo(page, 'Save ride');
    await page.keyboard.press('Enter');

    // Conflicts in plain words: the van is out with Ben; Dan's CPR card is not valid on the trip's date.
    const conflicts = dialog.locator('.conflict-text');
    await expect.poll(() => conflicts.count()).toBeGreaterThanOrEqual(2);
    const words = (await conflicts.allTextContents()).join(' | ');
    expect(words).toMatch(/Van 1 is already on a trip 8:00\s?AM–9:00\s?AM \(Ben Stone\)/);
    expect(words).toContain('The driver, Dan Driver: CPR / BLS expired on Mar 3, 2026; the trip is on Mar 3, 2026.');
    expect(await countRows(app.core, 'transport_bookings')).toBe(1);
    // Each one accepted with a reason, typed.
    const reasons = dialog.getByLabel(/^Reason —/);
    for (let i = 0; i < (await reasons.count()); i++) {
      await reasons.nth(i).focus();
      await typeText(page, 'Shared ride; card renewal booked today');
    }
    await tabTo(page, 'Accept with this reason');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Ride saved.').isVisible()).toBe(true);
    expect(await countRows(app.core, 'transport_bookings')).toBe(2);
    expect(await countRows(app.core, 'transport_conflict_overrides')).toBeGreaterThanOrEqual(2);

    // The driver signs in: the Today board shows his trips; he marks Ana's pickup.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, 'dan', DRIVER_PASSWORD);
    const pickup = page.getByRole('button', { name: 'Picked up — Ana Ruiz, Outbound' });
    await expect.poll(() => pickup.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByText('Ben Stone').count()).toBe(0);
    await pickup.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: 'Dropped off — Ana Ruiz, Outbound' }).isVisible()).toBe(true);

    // The manifest of Van 1, printed from the trip board: every trip, in time order.
    await page.getByRole('link', { name: 'Transport', exact: true }).click();
    await page.getByRole('tab', { name: 'Trip board' }).click();
    await page.getByRole('button', { name: /^Print the manifest of Van 1 for Mar 3, 2026/ }).focus();
    await page.keyboard.press('Enter');
    const pdf = await printPdf(page, 'transport-manifest');
    expectPaper(pdf.file, 'letter', 'landscape');
    const text = squeeze(pdf.pages.join('\n'));
    expect(text).toContain('Driver’s manifest');
    expect(text).toContain('Confidential — contains protected health information');
    const order = ['8:00', '8:15', '10:00', '10:10'].map((time) => text.search(new RegExp(`${time}\\s?AM`)));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(text).toMatch(/Ana Ruiz[\s\S]*Ben Stone|Ben Stone[\s\S]*Ana Ruiz/);
    expect(text).toContain('12 River Rd');
    expect(text).toContain('Driver’s signature');
  });
});
