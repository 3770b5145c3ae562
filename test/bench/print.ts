import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../support/browser';
import { tempDir } from '../support/core';
import { pdfPages } from '../support/pdf';
import { openPrintFixture, servePrintFixture } from '../support/print-fixture';
import type { BenchResults } from './types';

/**
 * The print kit on the fixture's wide 300-resident sheet (Letter landscape): how long the kit takes
 * to prepare it (font, width and row checks at the printable width) and how long Chromium takes
 * to make the PDF, per page. PRINTING.md measured ~20–27 ms a page for the PDF alone.
 */
export async function benchPrint(): Promise<BenchResults> {
  const server = await servePrintFixture();
  const browser = await launchChromium();
  try {
    const prepare: number[] = [];
    const pdfMs: number[] = [];
    let pages = 0;
    for (let round = 0; round < 3; round++) {
      const t0 = performance.now();
      const page = await openPrintFixture(browser, server, { paper: 'letter', rows: 300 }, new Date('2026-12-02T20:15:00Z'));
      await page.waitForFunction(() => document.querySelector('.cd-print-stage')?.getAttribute('data-print-state') === 'ready', undefined, { timeout: 60_000 });
      prepare.push(performance.now() - t0);
      const t1 = performance.now();
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      pdfMs.push(performance.now() - t1);
      const file = path.join(tempDir('caredesk-bench-pdf-'), 'sheet.pdf');
      fs.writeFileSync(file, pdf);
      pages = pdfPages(file).length;
      await page.context().close();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return {
      'print.sheet300_prepare_ms': Math.round(median(prepare)),
      'print.sheet300_pdf_ms': Math.round(median(pdfMs)),
      'print.sheet300_pages': pages,
      'print.pdf_ms_per_page': Math.round((median(pdfMs) / pages) * 10) / 10,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
