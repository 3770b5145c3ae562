import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import type { Core } from '../../electron/core/app';
import { STRONG_PASSWORD, caller, setupInput } from '../support/core';
import { STATION_VIEWPORT, signIn, startE2E, typeText, type E2EApp } from '../support/browser';
import { checkSpanishScreen } from '../support/spanish-screen';
import { sqlRows } from '../support/db';
import { addRooms, admission } from '../support/residents';

// Issue 11, standing rides, by keyboard at 1366×768: Ana's dialysis is a series (Mon/Wed/Fri); its
// occurrences are in the rides list before anyone opened them; the coordinator books the first one's
// ride for every later date too, and every date of the series then has its ride.

let app: E2EApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

// Mon Mar 2, 08:00 in Chicago.
const NOW = '2026-03-02T14:00:00Z';
let seriesId = 0;

const shots = path.resolve(import.meta.dirname, '../../test-results/transport-standing');

async function seed(core: Core, language: 'en' | 'es' = 'en') {
  const a = caller(core);
  await a.must('setup.createFacility', { ...setupInput, facility: { ...setupInput.facility, defaultLanguage: language } });
  await a.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
  await a.must('auth.setLanguage', { language });
  const place = await addRooms(a);
  const ana = await a.must('residents.admit', admission({ unitId: place.units['Memory Care']!, bedId: place.beds['101A']!, recordNumber: 'R-1', legalGiven: 'Ana', legalFamily: 'Ruiz', aid: 'wheelchair', transfer: 'standby', bariatric: false }));
  // Dan's CPR card is valid through Wed Mar 4: every ride after that is a conflict.
  const courses = (await a.must('training.listCourses', { includeInactive: true })).rows;
  const dan = await a.must('training.createStaff', { name: 'Dan Driver', role: 'driver', employeeId: 'E-10', hireDate: '2020-01-06', unitId: null });
  await a.must('training.createRecord', { staffId: dan.id, courseId: courses.find((c) => c.code === 'driver_safety')!.id, completedOn: '2025-06-01', hours: null, provider: null, certificateNumber: null });
  await a.must('training.createRecord', { staffId: dan.id, courseId: courses.find((c) => c.code === 'cpr_bls')!.id, completedOn: '2024-03-05', hours: null, provider: null, certificateNumber: null });
  await a.must('transport.saveVehicle', { name: 'Van 1', seats: 4, wheelchairPositions: 1, stretcherPositions: 0, bariatric: false, oxygen: false });
  const renal = await a.must('appointments.createProvider', { name: 'Riverside Renal', specialty: null, locationName: 'Dialysis unit', address: '12 River Rd', phone: '555-0100' });
  await a.must('transport.saveDestination', { providerId: renal.id, travelMinutes: 30, checkInMinutes: 15 });
  const series = await a.must('appointments.createSeries', {
    residentId: ana.id,
    type: 'dialysis',
    setting: 'external',
    providerId: renal.id,
    startLocal: '2026-03-04T06:30',
    endLocal: '2026-03-04T10:30',
    recurrence: { freq: 'weekly', byDay: ['MO', 'WE', 'FR'], end: { kind: 'until', date: '2026-03-20' } },
  });
  seriesId = series.id;
}

async function ridesTab(page: Page, es = false) {
  const link = page.getByRole('link', { name: es ? 'Transporte' : 'Transport', exact: true });
  await expect.poll(() => link.isVisible(), { timeout: 10_000 }).toBe(true);
  await link.click();
  await page.getByRole('tab', { name: es ? 'Tablero de viajes' : 'Trip board' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
}

describe('standing rides (issue 11)', () => {
  test('the first dialysis date is booked for every later date too, by keyboard; every date of the series then has its ride', async () => {
    app = await startE2E({ seed, now: NOW, viewport: STATION_VIEWPORT, beforeLoad: (p) => p.clock.setFixedTime(new Date(NOW)) });
    const { page } = app;
    await signIn(page, 'admin', STRONG_PASSWORD);
    await ridesTab(page);
    const book = page.getByRole('button', { name: /^Book ride — Ana Ruiz/ });
    await expect.poll(() => book.count()).toBeGreaterThan(2);
    await book.first().focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    const every = dialog.getByRole('checkbox', { name: 'Every later date of this series too (standing ride)' });
    await expect.poll(() => every.isVisible()).toBe(true);
    await every.focus();
    await page.keyboard.press('Space');
    expect(await every.isChecked()).toBe(true);
    await every.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/transport-standing/booking-dialog.png' });
    await dialog.getByRole('button', { name: 'Save ride' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Ride saved.').isVisible()).toBe(true);

    // Every date of the series from Mar 4 has its ride; the list says so.
    const check = caller(app.core);
    await check.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    const standing = await check.must('transport.appointments', { from: '2026-03-04', days: 17 });
    expect(standing.rows.map((r) => [r.occurrence?.seriesId, r.bookingId !== null, r.standing])).toEqual(Array.from({ length: 8 }, () => [seriesId, true, true]));
    await expect.poll(() => page.getByText('Booked · Standing ride').count()).toBeGreaterThan(2);
    await page.screenshot({ path: 'test-results/transport-standing/rides-list.png' });

    // A later date's ride says it is part of the standing ride.
    const edit = page.getByRole('button', { name: /^Edit ride — Ana Ruiz/ }).nth(1);
    await edit.focus();
    await page.keyboard.press('Enter');
    const note = page.getByRole('dialog').getByText('Part of a standing ride: 8 rides booked the same way for this series.');
    await expect.poll(() => note.isVisible()).toBe(true);
    await note.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/transport-standing/later-date.png' });

    // The coordinator calls the carrier and confirms this date's outbound ride with its number.
    const later = page.getByRole('dialog');
    await later.locator('input[name="confirmationNumber.outbound"]').focus();
    await typeText(page, 'RR-2291');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog').getByText('Outbound: Confirmed, no. RR-2291').isVisible()).toBe(true);
    await page.screenshot({ path: 'test-results/transport-standing/confirmed.png' });

    // The family will drive from this date on: the coordinator ends the standing ride here, with the reason.
    const endReason = page.getByRole('dialog').getByLabel('Why the standing ride ends');
    await endReason.focus();
    await typeText(page, 'Family drives from now on');
    await page.screenshot({ path: 'test-results/transport-standing/end-standing.png' });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('End the standing ride from this date');
    await page.keyboard.press('Enter');
    const ended = page.getByRole('dialog').getByText('Part of a standing ride that has ended: later dates get no ride by themselves.');
    await expect.poll(() => ended.isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('dialog').getByText('Outbound: Cancelled').isVisible()).toBe(true);
    await ended.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/transport-standing/ended.png' });
    const legs = await sqlRows<{ k: string; st: string }>(
      app.core,
      "SELECT b.occurrence_key AS k, l.status AS st FROM transport_bookings b JOIN transport_legs l ON l.booking_id = b.id AND l.kind = 'outbound' ORDER BY b.occurrence_key",
    );
    expect(legs.map((l) => l.st)).toEqual(['requested', ...Array.from({ length: 7 }, () => 'cancelled')]);
  });

  test('in Spanish: the standing ride with a driver whose card expires says from when and on how many dates, and one reason accepts them', async () => {
    app = await startE2E({ seed: (core) => seed(core, 'es'), now: NOW, viewport: STATION_VIEWPORT, locale: 'es-MX', beforeLoad: (p) => p.clock.setFixedTime(new Date(NOW)) });
    const { page } = app;
    await signIn(page, 'admin', STRONG_PASSWORD);
    await ridesTab(page, true);
    const book = page.getByRole('button', { name: /^Reservar transporte — Ana Ruiz/ });
    await expect.poll(() => book.count()).toBeGreaterThan(2);
    await book.first().focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    const driver = dialog.locator('select[name="outbound.carrier.driverStaffId"]');
    await expect.poll(() => driver.isVisible()).toBe(true);
    await driver.focus();
    await typeText(page, 'Dan');
    const every = dialog.getByRole('checkbox', { name: 'También todas las fechas siguientes de esta serie (transporte fijo)' });
    await every.focus();
    await page.keyboard.press('Space');
    await dialog.getByRole('button', { name: 'Guardar transporte' }).focus();
    await page.keyboard.press('Enter');
    const reason = dialog.locator('input[name="override.standing:driver_credential_expired:outbound"]');
    await expect.poll(() => reason.isVisible()).toBe(true);
    await expect.poll(() => dialog.locator('p.conflict-text').filter({ hasText: /\(desde el .*6.*2026, en 7 fechas\)/ }).count()).toBe(1);
    await reason.scrollIntoViewIfNeeded();
    await checkSpanishScreen(page, shots, 'es-conflict');
    // Dan drives the outbound leg only: one decision, for the 7 dates after his card expires.
    await reason.focus();
    await typeText(page, 'Curso de renovación el 5 de marzo');
    await dialog.getByRole('button', { name: 'Aceptar con este motivo' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Transporte guardado.').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Transporte reservado · Transporte fijo').count()).toBeGreaterThan(2);
    await checkSpanishScreen(page, shots, 'es-rides-list');
    // A later date's ride offers to end the standing ride from that date, in Spanish too.
    await page.getByRole('button', { name: /^Editar transporte — Ana Ruiz/ }).nth(1).focus();
    await page.keyboard.press('Enter');
    const end = page.getByRole('dialog').getByRole('button', { name: 'Terminar el transporte fijo desde esta fecha' });
    await expect.poll(() => end.isVisible()).toBe(true);
    await end.scrollIntoViewIfNeeded();
    await checkSpanishScreen(page, shots, 'es-end-standing');
    await page.keyboard.press('Escape');
    const check = caller(app.core);
    await check.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    const rows = (await check.must('transport.appointments', { from: '2026-03-04', days: 17 })).rows;
    expect(rows.filter((r) => r.standing && r.bookingId !== null)).toHaveLength(8);
  });
});
