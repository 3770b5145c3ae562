import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixtureRowLabel, fixtureRows } from '../fixtures/print-kit/rows';
import { launchChromium } from '../support/browser';
import {
  expectBundledFontsOnly,
  expectEveryPage,
  expectInsideRightMargin,
  expectNotShrunk,
  expectPaper,
  expectRowsWhole,
  printPdf,
  printStage,
  squeeze,
} from '../support/pdf';
import { openPrintFixture, servePrintFixture, type FixtureServer } from '../support/print-fixture';

// The print kit's promise, on a wide 300-resident table (PRINTING.md's rules): every page has the
// header, the notice, the print time and "Page k of n"; no row splits; nothing runs past the right
// margin or shrinks; only the bundled font; Letter and A4 from the setting.

const NOW = new Date('2026-12-02T20:15:00Z'); // 14:15 in Chicago
const PRINTED = 'Printed Dec 2, 2026 at 14:15 by Fixture Printer';
const PHI = 'Confidential — contains protected health information';
const TITLE = 'Fixture handoff sheet';

let browser: Browser;
let server: FixtureServer;
beforeAll(async () => {
  server = await servePrintFixture();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the print kit on a wide 300-row table', () => {
  for (const paper of ['letter', 'a4'] as const) {
    test(`${paper} landscape: furniture on every page, rows whole and in order, nothing cut or shrunk`, async () => {
      const page = await openPrintFixture(browser, server, { paper, rows: 300 }, NOW);
      const pdf = await printPdf(page, `fixture-${paper}`);
      expect(pdf.fontPt).toBe(9);
      // What must never be cut (DOMAIN.md) is not even broken mid-word: room, resident, code status,
      // allergies, isolation. Other columns may break a long word rather than widen the table.
      expect(pdf.brokenWords.filter((c) => ['Room', 'Resident', 'Code status', 'Allergies', 'Isolation'].includes(c))).toEqual([]);
      expect(pdf.brokenWords).toContain('Events 24 h');

      expectPaper(pdf.file, paper, 'landscape');
      expect(pdf.pages.length).toBeGreaterThan(20);
      expectEveryPage(pdf.pages, { header: TITLE, notice: PHI, printed: PRINTED });
      // The repeated head: a label that never appears in the body is on every page.
      for (const [i, p] of pdf.pages.entries()) expect(p, `page ${i + 1}`).toContain('I-PASS notes');
      expectRowsWhole(pdf.pages, fixtureRows(300));
      expectInsideRightMargin(pdf.file);
      expectNotShrunk(pdf.file, 'ROW0150', pdf.fontPt);
      expectBundledFontsOnly(pdf.file);
      // The screen behind the document stays off paper.
      expect(pdf.pages.join('\n')).not.toContain('must never reach paper');
      await page.context().close();
    });
  }

  test('a resident whose notes are longer than a page: the row stays whole, the rest continues after the table under name and room', async () => {
    const long = [40, 41, 120];
    const page = await openPrintFixture(browser, server, { paper: 'letter', rows: 150, long }, NOW);
    const pdf = await printPdf(page, 'fixture-long');
    const rows = fixtureRows(150, { longRows: long });

    expectEveryPage(pdf.pages, { header: TITLE, notice: PHI, printed: PRINTED });
    // Short rows whole and in order; the long rows' starts in order among them.
    expectRowsWhole(
      pdf.pages,
      rows.map((r, i) => (long.includes(i + 1) ? { start: r.start, end: r.start } : r)),
    );
    const all = squeeze(pdf.pages.join('\n'));
    // The marker ends the kept part of each long note (it may wrap inside the narrow notes column).
    expect(all.match(/\(continued\s+after\s+the\s+table\)/g)).toHaveLength(long.length);
    const continued = all.indexOf('Continued from the table above');
    expect(continued).toBeGreaterThan(all.indexOf('ROW0150'));
    for (const n of long) {
      const r = rows[n - 1]!;
      // The entry names the resident and room, and the note's last word is there, once.
      const heading = all.indexOf(`${fixtureRowLabel(r)} — I-PASS notes, continued`);
      expect(heading, r.start).toBeGreaterThan(continued);
      expect(all.match(new RegExp(`\\b${r.end}\\b`, 'g'))).toHaveLength(1);
      expect(all.indexOf(r.end)).toBeGreaterThan(heading);
    }
    expectInsideRightMargin(pdf.file);
    await page.context().close();
  });

  test('notes on a line below each row: the group stays whole and in order, the head (without the notes) repeats, a group taller than a page continues its notes after the table, and far fewer pages', async () => {
    const long = [40, 120];
    const page = await openPrintFixture(browser, server, { paper: 'letter', rows: 300, long, below: true }, NOW);
    const pdf = await printPdf(page, 'fixture-below');
    const rows = fixtureRows(300, { longRows: long });

    expectEveryPage(pdf.pages, { header: TITLE, notice: PHI, printed: PRINTED });
    // The head repeats on every page of the table; the notes are no longer one of its columns, each line is headed by the label.
    const tablePages = pdf.pages.slice(0, pdf.pages.findIndex((p) => p.includes('Continued from the table above')));
    expect(tablePages.length).toBeGreaterThan(5);
    for (const [i, p] of tablePages.entries()) expect(p, `page ${i + 1}`).toContain('Write-in');
    expectRowsWhole(
      pdf.pages,
      rows.map((r, i) => (long.includes(i + 1) ? { start: r.start, end: r.start } : r)),
    );
    const all = squeeze(pdf.pages.join('\n'));
    expect(all.match(/I-PASS notes:/g)).toHaveLength(300);
    expect(all.match(/\(continued\s+after\s+the\s+table\)/g)).toHaveLength(long.length);
    for (const n of long) {
      const r = rows[n - 1]!;
      const heading = all.indexOf(`${fixtureRowLabel(r)} — I-PASS notes, continued`);
      expect(heading, r.start).toBeGreaterThan(all.indexOf('ROW0300'));
      expect(all.match(new RegExp(`\\b${r.end}\\b`, 'g'))).toHaveLength(1);
    }
    expectInsideRightMargin(pdf.file);
    expectNotShrunk(pdf.file, 'ROW0150', pdf.fontPt);
    await page.context().close();
    // The same rows with the notes in a column: the notes made each row tall, so many more pages.
    const inColumn = await openPrintFixture(browser, server, { paper: 'letter', rows: 300, long }, NOW);
    const columnPages = (await printPdf(inColumn, 'fixture-below-column')).pages.findIndex((p) => p.includes('Continued from the table above'));
    expect(tablePages.length).toBeLessThan(columnPages * 0.75);
    await inColumn.context().close();
  });

  test('a document that does not ask for broken words is not measured for them (an extra layout of the whole document)', async () => {
    const page = await openPrintFixture(browser, server, { paper: 'letter', rows: 40, reportBrokenWords: false }, NOW);
    const pdf = await printPdf(page, 'fixture-no-words');
    // "Events 24 h" breaks a word in this fixture (the first test), but nobody asked.
    expect(pdf.brokenWords).toEqual([]);
    expect(await page.evaluate(() => window.__prepared)).toMatchObject({ ok: true });
    await page.context().close();
  });

  test('in Spanish: the notice and "Página k de n" come from the catalog', async () => {
    const page = await openPrintFixture(browser, server, { paper: 'a4', rows: 40, lang: 'es' }, NOW);
    const pdf = await printPdf(page, 'fixture-es');
    expectEveryPage(pdf.pages, {
      header: TITLE,
      notice: 'Confidencial: contiene información de salud protegida',
      printed: 'Impreso el 2 dic 2026 a las 14:15 por Fixture Printer',
      pageLine: (k, n) => `Página ${k} de ${n}`,
    });
    expectBundledFontsOnly(pdf.file);
    await page.context().close();
  });

  test('a column too narrow for what must stay on one line: the kit refuses rather than print it cut or shrunk', async () => {
    const page = await openPrintFixture(browser, server, { paper: 'letter', rows: 20, narrow: true }, NOW);
    await expect.poll(async () => (await printStage(page)).state, { timeout: 20_000 }).toBe('refused');
    expect(await printStage(page)).toMatchObject({ reason: 'print.tooWide', fontPt: 7 });
    expect(await page.evaluate(() => window.__prepared)).toMatchObject({ ok: false, error: { code: 'validation', message: 'print.tooWide', params: { columns: 'Write-in' } } });
    await page.context().close();
  });
});
