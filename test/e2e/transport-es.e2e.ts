import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import type { Core } from '../../electron/core/app';
import { STRONG_PASSWORD, caller, setupInput } from '../support/core';
import { STATION_VIEWPORT, signIn, startE2E, tabTo, typeText, type E2EApp } from '../support/browser';
import { checkSpanishScreen } from '../support/spanish-screen';
import { countRows, sqlRows } from '../support/db';
import { addRooms, admission } from '../support/residents';
import { addAppointment, addProvider, changeAppointment } from '../support/transport';

// Issue 11 in Spanish: booking a ride, the linked change after the appointment moved, and the
// driver's view, by keyboard at 1366×768, with no English string and no message key on screen and
// nothing wider than the station's screen. Screenshots go to test-results/transport-es.

let app: E2EApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

// 07:30 in Chicago on Mar 3; Ana's appointment is at 09:00.
const NOW = '2026-03-03T13:30:00Z';
const DRIVER_PASSWORD = 'quiet meadow lantern river';
const shots = path.resolve(import.meta.dirname, '../../test-results/transport-es');

let anaAppt = 0;

async function seed(core: Core) {
  const a = caller(core);
  await a.must('setup.createFacility', { ...setupInput, facility: { ...setupInput.facility, defaultLanguage: 'es' } });
  await a.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
  await a.must('auth.setLanguage', { language: 'es' });
  const place = await addRooms(a);
  const mc = place.units['Memory Care']!;
  const ana = await a.must('residents.admit', admission({ unitId: mc, bedId: place.beds['101A']!, recordNumber: 'R-1', legalGiven: 'Ana', legalFamily: 'Ruiz', aid: 'wheelchair', transfer: 'standby', bariatric: false }));
  const courses = (await a.must('training.listCourses', { includeInactive: true })).rows;
  await a.must('users.create', { username: 'dan', displayName: 'Dan Driver', role: 'driver', password: STRONG_PASSWORD });
  const danUser = (await a.must('users.list', {})).rows.find((u) => u.username === 'dan')!;
  const dan = await a.must('training.createStaff', { name: 'Dan Driver', role: 'driver', employeeId: 'E-10', hireDate: '2020-01-06', unitId: null, userId: danUser.id });
  for (const code of ['cpr_bls', 'driver_safety']) {
    await a.must('training.createRecord', { staffId: dan.id, courseId: courses.find((c) => c.code === code)!.id, completedOn: '2025-06-01', hours: null, provider: null, certificateNumber: null });
  }
  const d = caller(core);
  await d.must('auth.signIn', { username: 'dan', password: STRONG_PASSWORD });
  await d.must('auth.changePassword', { currentPassword: STRONG_PASSWORD, newPassword: DRIVER_PASSWORD });
  await d.must('auth.setLanguage', { language: 'es' });
  await a.must('transport.saveVehicle', { name: 'Van 1', seats: 4, wheelchairPositions: 1, stretcherPositions: 0, bariatric: false, oxygen: false });
  const renal = await addProvider(core, { name: 'Riverside Renal', locationName: 'Dialysis unit', address: '12 River Rd', phone: '555-0100' });
  await a.must('transport.saveDestination', { providerId: renal, travelMinutes: 30, checkInMinutes: 15 });
  anaAppt = await addAppointment(core, { residentId: ana.id, startAt: '2026-03-03T15:00:00.000Z', endAt: '2026-03-03T16:00:00.000Z', providerId: renal });
  // Ben's ride tomorrow, with his family both ways; then the clinic cancels the appointment.
  const ben = await a.must('residents.admit', admission({ unitId: mc, bedId: place.beds['102A']!, recordNumber: 'R-2', legalGiven: 'Ben', legalFamily: 'Stone', aid: 'none', transfer: 'independent', bariatric: false }));
  const benAppt = await addAppointment(core, { residentId: ben.id, startAt: '2026-03-04T15:00:00.000Z', endAt: '2026-03-04T16:00:00.000Z', providerId: renal });
  const family = { kind: 'family' as const, name: 'Rosa Stone', phone: '555-0199' };
  await a.must('transport.book', {
    appointmentId: benAppt,
    mode: null,
    escort: null,
    travelMinutes: 30,
    checkInMinutes: 15,
    outbound: { pickupAt: '2026-03-04T14:15:00.000Z', carrier: family },
    return: { kind: 'fixed', pickupAt: '2026-03-04T16:00:00.000Z', carrier: family },
    notes: null,
  });
  await changeAppointment(core, benAppt, { status: 'cancelled' });
}

const check = (page: Page, name: string) => checkSpanishScreen(page, shots, name);

describe('transport in Spanish, by keyboard at 1366×768 (issue 11)', () => {
  test('book a ride, follow the moved appointment, and the driver marks the pickup — all in Spanish', async () => {
    app = await startE2E({ seed, now: NOW, viewport: STATION_VIEWPORT, locale: 'es-MX', beforeLoad: (p) => p.clock.setFixedTime(new Date(NOW)) });
    const { page } = app;
    await signIn(page, 'admin', STRONG_PASSWORD);
    const nav = page.getByRole('navigation').first();
    await expect.poll(() => nav.getByRole('link', { name: 'Transporte', exact: true }).isVisible(), { timeout: 10_000 }).toBe(true);
    await nav.getByRole('link', { name: 'Transporte', exact: true }).click();
    const boardTab = page.getByRole('tab', { name: 'Tablero de viajes' });
    await expect.poll(() => boardTab.isVisible()).toBe(true);
    await check(page, '1-board');

    // Ben's appointment was cancelled: the board flags his ride, and its dialog offers to cancel it.
    await expect.poll(() => page.getByText('Cita cancelada: cancele el viaje con el transportista').first().isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Editar transporte — Ben Stone, Ida' }).focus();
    await page.keyboard.press('Enter');
    const offer = page.getByRole('dialog').getByRole('group', { name: 'Cancelar los viajes' });
    await expect.poll(() => offer.isVisible()).toBe(true);
    expect(await offer.getByLabel(/Por qué se cancelan los viajes/).inputValue()).toBe('Cita cancelada');
    await check(page, '1b-cancel-offer');
    await offer.getByRole('button', { name: 'Cancelar los viajes' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(async () => (await sqlRows<{ status: string; cancel_reason: string }>(app!.core, 'SELECT status, cancel_reason FROM transport_legs ORDER BY id')).map((r) => `${r.status}:${r.cancel_reason}`)).toEqual(['cancelled:Cita cancelada', 'cancelled:Cita cancelada']);
    await expect.poll(() => page.getByText('Cita cancelada: cancele el viaje con el transportista').count()).toBe(0);
    await boardTab.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const book = page.getByRole('button', { name: /^Reservar transporte — Ana Ruiz/ });
    await expect.poll(() => book.isVisible()).toBe(true);
    await check(page, '2-rides');

    // The booking dialog: mode proposed from mobility, pickup 8:15 (9:00 − 30 − 15); Dan drives.
    await book.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByText(/Propuesto según la movilidad: Silla de ruedas/).isVisible()).toBe(true);
    expect(await dialog.locator('input[name="outbound.pickupAt"]').inputValue()).toBe('08:15');
    await dialog.locator('select[name="outbound.carrier.driverStaffId"]').focus();
    await typeText(page, 'Dan');
    expect(await dialog.locator('select[name="outbound.carrier.driverStaffId"] option:checked').textContent()).toBe('Dan Driver');
    await check(page, '3-booking-dialog');
    await tabTo(page, 'Guardar transporte');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Transporte guardado.').isVisible()).toBe(true);
    expect(await countRows(app.core, 'transport_bookings')).toBe(2);

    // The clinic moves the appointment two hours later: the ride offers the new times next to the old.
    await changeAppointment(app.core, anaAppt, { startAt: '2026-03-03T17:00:00.000Z', endAt: '2026-03-03T18:00:00.000Z' });
    // The trip board flags the ride (the board refetches when it is shown again).
    await page.getByRole('tab', { name: 'Tablero de viajes' }).click();
    await expect.poll(() => page.getByText('Cita cambiada: vuelva a confirmar con el transportista').first().isVisible()).toBe(true);
    await check(page, '4-board-flagged');
    await page.getByRole('tab', { name: 'Reservar transporte' }).click();
    const edit = page.getByRole('button', { name: /^Editar transporte — Ana Ruiz/ });
    await expect.poll(() => edit.isVisible()).toBe(true);
    await edit.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByText(/La cita cambió del .* al .*: vuelva a confirmar con el transportista/).isVisible()).toBe(true);
    await expect.poll(() => dialog.getByText(/^Ida: recogida 10:15.* \(antes 8:15/).isVisible()).toBe(true);
    expect(await dialog.locator('input[name="outbound.pickupAt"]').inputValue()).toBe('10:15');
    await check(page, '5-moved-dialog');
    await tabTo(page, 'Guardar transporte');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Transporte guardado.').isVisible()).toBe(true);

    // The driver's view, in Spanish: his trip, and the pickup marked.
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await signIn(page, 'dan', DRIVER_PASSWORD);
    const pickup = page.getByRole('button', { name: 'Recogido — Ana Ruiz, Ida' });
    await expect.poll(() => pickup.isVisible(), { timeout: 10_000 }).toBe(true);
    await check(page, '6-driver-day');
    await pickup.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: 'Dejado en destino — Ana Ruiz, Ida' }).isVisible()).toBe(true);
    await check(page, '7-driver-marked');
  });
});
