import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import type { Core } from '../../electron/core/app';
import { STRONG_PASSWORD, caller, setupInput } from '../support/core';
import { startE2E, type E2EApp } from '../support/browser';
import {
  expectBundledFontsOnly,
  expectEveryPage,
  expectInsideRightMargin,
  expectNotShrunk,
  expectPaper,
  expectRowsWhole,
  printPdf,
  squeeze,
} from '../support/pdf';

// Issue 13, "Printouts": the matrix clipped its last column, put the coverage block above the
// title, had no page numbers or print time; the lapsing list wrapped dates as "2026-12-/05";
// staff reports carried the resident PHI notice. Each is checked here on the real PDF.

let app: E2EApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const NOW = '2026-03-02T14:00:00Z'; // 08:00 in the facility's zone (America/Chicago)
const PRINTED = 'Printed Mar 2, 2026 at 08:00 by Ada Admin';
const STAFF_NOTICE = 'Confidential — contains staff personnel records';
const PHI_NOTICE = 'Confidential — contains protected health information';
const STAFF = 70;

/**
 * Seventy staff named "Zed Colleague Z01"…"Z70" (the Z-word is each row's one-word token; employee
 * IDs are E101…E170) and CPR records lapsing over the next weeks.
 */
function seed(paper: 'letter' | 'a4', extraCourses = 0) {
  return async (core: Core) => {
    const c = caller(core);
    await c.must('setup.createFacility', { ...setupInput, facility: { ...setupInput.facility, paperSize: paper } });
    await c.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    const unitId = (await c.must('facility.get', {})).units[0]!.id;
    const cpr = (await c.must('training.listCourses', { includeInactive: false })).rows.find((x) => x.code === 'cpr_bls')!;
    for (let i = 1; i <= extraCourses; i++) {
      await c.must('training.createCourse', { code: `extra_${i}`, name: `Extra course ${i}`, validity: { kind: 'months', months: 12 }, roles: ['cna', 'rn'], countsAsInService: false });
    }
    for (let i = 1; i <= STAFF; i++) {
      const id = `Z${String(i).padStart(2, '0')}`;
      const staff = await c.must('training.createStaff', { name: `Zed Colleague ${id}`, role: i % 3 === 0 ? 'rn' : 'cna', employeeId: `E${100 + i}`, hireDate: '2019-03-01', unitId });
      // 24-month CPR done 2024-03-0x+i: it lapses 2026-03-(x+i), inside the next 60 days for the first 30.
      if (i <= 30) await c.must('training.createRecord', { staffId: staff.id, courseId: cpr.id, completedOn: `2024-${i <= 20 ? '03' : '04'}-${String(i <= 20 ? 5 + i : i - 15).padStart(2, '0')}`, hours: 4, provider: null, certificateNumber: null });
    }
  };
}

async function start(paper: 'letter' | 'a4', extraCourses = 0) {
  app = await startE2E({
    seed: seed(paper, extraCourses),
    now: NOW,
    beforeLoad: async (p) => {
      await p.clock.setFixedTime(new Date(NOW));
      // The browser's print dialog is Chromium's own; the test reads the same layout with page.pdf.
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
  await page.getByRole('link', { name: 'Training', exact: true }).click();
  return page;
}

/** Presses Print and waits for the print; a refusal shows as an alert, which the failure then names. */
async function pressPrint(page: Page, name: string) {
  await page.getByRole('button', { name }).click();
  await expect
    .poll(async () => ((await page.evaluate(() => (window as unknown as { __printCalls: number }).__printCalls)) === 1 ? 'printed' : ((await page.getByRole('alert').allTextContents()).join(' ') || 'waiting')), { timeout: 20_000 })
    .toBe('printed');
}

const ids = Array.from({ length: STAFF }, (_, i) => `Z${String(i + 1).padStart(2, '0')}`);

describe('training printouts (issue 13, item 4)', () => {
  test('the matrix: title first, every column inside the page, staff notice, page numbers and print time on every page', async () => {
    const page = await start('letter');
    await expect.poll(() => page.getByRole('row', { name: /Zed Colleague Z70/ }).count(), { timeout: 10_000 }).toBe(1);
    await pressPrint(page, 'Print matrix');
    const pdf = await printPdf(page, 'matrix');

    expectPaper(pdf.file, 'letter', 'landscape');
    expect(pdf.pages.length).toBeGreaterThan(1);
    expectEveryPage(pdf.pages, { header: 'Staff training compliance', notice: STAFF_NOTICE, printed: PRINTED });
    for (const p of pdf.pages) expect(p).not.toContain(PHI_NOTICE);

    // The title comes first; the CPR coverage for the as-of date follows the matrix, never above the title.
    const first = squeeze(pdf.pages[0]!);
    expect(first.indexOf('Maple Grove Care Center')).toBeGreaterThanOrEqual(0);
    const all = squeeze(pdf.pages.join('\n'));
    expect(all.indexOf('Staff training compliance')).toBeLessThan(all.indexOf('Shift CPR coverage'));
    // Only the document prints: nothing of the screen behind it.
    for (const chrome of ['Sign out', 'Record a training', 'Export CSV', 'Print matrix']) expect(all).not.toContain(chrome);

    // Ten courses and six licence types do not fit across Letter: two column groups, each repeating the staff.
    // The last columns are on paper: their headers on every page of their group, nothing past the right
    // margin, nothing shrunk. Everyone was hired in 2019: new-hire orientation reads "due Mar 31, 2019" in
    // every row; after it come the licence types, the last the food handler card.
    const secondGroup = pdf.pages.findIndex((p) => /Courses and licences \d+–16 of 16/.test(squeeze(p)));
    expect(secondGroup).toBeGreaterThan(0);
    const [firstPages, lastPages] = [pdf.pages.slice(0, secondGroup), pdf.pages.slice(secondGroup)];
    for (const p of firstPages.filter((x) => /\bZ\d\d\b/.test(x))) expect(squeeze(p)).toContain('CPR / BLS');
    for (const p of lastPages.filter((x) => /\bZ\d\d\b/.test(x))) expect(squeeze(p)).toMatch(/New-hire.*Food handler/s);
    expect(all.match(/Mar 31, 2019/g)).toHaveLength(STAFF);
    // The nurses (every third) hold no RN licence on record: "Missing" in that column of their rows.
    expect(squeeze(lastPages.join('\n')).match(/Missing/g)?.length).toBeGreaterThanOrEqual(Math.floor(STAFF / 3));
    expectInsideRightMargin(pdf.file);
    expectNotShrunk(pdf.file, 'Z35', pdf.fontPt);
    expectBundledFontsOnly(pdf.file);

    // In each group every staff row once, whole, in order (the employee ID starts the row and ends nothing else).
    for (const group of [firstPages, lastPages]) {
      expectRowsWhole(
        group,
        ids.map((id) => ({ start: id, end: id })),
      );
    }
  });

  test('a matrix with 25 courses on A4 prints every course, in column groups that repeat the staff column', async () => {
    const page = await start('a4', 15);
    await expect.poll(() => page.getByRole('row', { name: /Zed Colleague Z70/ }).count(), { timeout: 10_000 }).toBe(1);
    await pressPrint(page, 'Print matrix');
    const pdf = await printPdf(page, 'matrix-a4');
    expectPaper(pdf.file, 'a4', 'landscape');
    expectEveryPage(pdf.pages, { header: 'Staff training compliance', notice: STAFF_NOTICE, printed: PRINTED });
    const all = squeeze(pdf.pages.join('\n'));
    for (let i = 1; i <= 15; i++) expect(all).toContain(`Extra course ${i}`);
    expectInsideRightMargin(pdf.file);
    expectNotShrunk(pdf.file, 'Z35', pdf.fontPt);
    // Each group lists every staff member again.
    // 25 courses and the 6 licence types.
    const groups = (all.match(/Courses and licences \d+–\d+ of 31/g) ?? []).length;
    expect(groups).toBeGreaterThan(1);
    for (const id of ids) expect(all.match(new RegExp(`\\b${id}\\b`, 'g'))?.length, id).toBe(groups);
  });

  test('the lapsing list: dates whole in the one date format, staff notice, page numbers and print time', async () => {
    const page = await start('letter');
    await page.getByRole('tab', { name: 'Lapsing next' }).click();
    await expect.poll(() => page.getByRole('row', { name: /Zed Colleague Z30/ }).count(), { timeout: 10_000 }).toBe(1);
    await pressPrint(page, 'Print list');
    const pdf = await printPdf(page, 'lapsing');

    expectPaper(pdf.file, 'letter', 'portrait');
    expectEveryPage(pdf.pages, { header: 'Training lapsing next', notice: STAFF_NOTICE, printed: PRINTED });
    for (const p of pdf.pages) expect(p).not.toContain(PHI_NOTICE);
    const lines = pdf.pages.join('\n').split('\n');
    // No date broken over two lines ("2026-12-" / "05"), and each row's date on its staff member's line.
    expect(lines.filter((l) => /\d{4}-\d{2}-\s*$|\d{4}-$/.test(l))).toEqual([]);
    for (let i = 1; i <= 30; i++) {
      const id = `Z${String(i).padStart(2, '0')}`;
      const lapses = i <= 20 ? `Mar ${5 + i}, 2026` : `Apr ${i - 15}, 2026`;
      expect(lines.filter((l) => l.includes(`Zed Colleague ${id}`) && squeeze(l).includes(lapses)), `${id} lapses ${lapses}`).toHaveLength(1);
    }
    expectInsideRightMargin(pdf.file);
    expectBundledFontsOnly(pdf.file);
  });

  test('the reminders: one manager per page, each person once with what lapses, staff notice, page numbers, the last column; and as CSV', async () => {
    const page = await start('letter');
    await page.getByRole('tab', { name: 'Reminders' }).click();
    await page.getByLabel('Lapsing within').selectOption('60');
    await page.getByLabel('Group by').selectOption('role');
    // Z03, Z06… are RNs (every third), the rest CNAs; the first thirty have CPR lapsing in the next 60 days.
    await expect.poll(() => page.getByRole('table', { name: /CNA staff/ }).count(), { timeout: 10_000 }).toBe(1);
    await pressPrint(page, 'Print reminders');
    const pdf = await printPdf(page, 'reminders');

    expectPaper(pdf.file, 'letter', 'portrait');
    expectEveryPage(pdf.pages, { header: 'Training reminders', notice: STAFF_NOTICE, printed: PRINTED });
    for (const p of pdf.pages) expect(p).not.toContain(PHI_NOTICE);
    // The last column, for the manager's own ticks, heads every page with rows.
    for (const p of pdf.pages.filter((x) => /\bZ\d\d\b/.test(x))) expect(squeeze(p)).toContain('Reminded on');
    // Each manager's list starts on its own page: RNs first (the roles' order), then CNAs.
    const rnPage = pdf.pages.findIndex((p) => squeeze(p).includes('RN staff: 10 people'));
    const cnaPage = pdf.pages.findIndex((p) => squeeze(p).includes('CNA staff: 20 people'));
    expect(rnPage).toBe(0);
    expect(cnaPage).toBeGreaterThan(rnPage);
    expect(squeeze(pdf.pages[cnaPage]!)).not.toMatch(/Z(03|06|09|12|15|18|21|24|27|30)\b/);
    // Everyone once, whole, in the order they lapse within their group; the lapse date on their line.
    const lapsing = ids.slice(0, 30);
    const rns = lapsing.filter((_, i) => (i + 1) % 3 === 0);
    const cnas = lapsing.filter((_, i) => (i + 1) % 3 !== 0);
    expectRowsWhole(pdf.pages, [...rns, ...cnas].map((id) => ({ start: id, end: id })));
    const lines = pdf.pages.join('\n').split('\n');
    expect(lines.filter((l) => l.includes('Zed Colleague Z01') && squeeze(l).includes('CPR / BLS: Expiring, lapses Mar 6, 2026 (4 days)'))).toHaveLength(1);
    expectInsideRightMargin(pdf.file);
    expectBundledFontsOnly(pdf.file);

    // The same list as a spreadsheet.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('training-reminders-2026-03-02.csv');
    const csv = fs.readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(csv[0]).toBe('Manager,Staff member,Employee ID,Course or licence,Status,Lapses on,Days left');
    expect(csv).toHaveLength(31);
    expect(csv[1]).toBe('RN,Zed Colleague Z03,E103,CPR / BLS,Expiring,2026-03-08,6');
  });
});
