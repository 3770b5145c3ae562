import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { tempDir } from './core';

/**
 * Reading printed output back, as the handbook's PRINTING.md measures it: the PDF Chromium makes
 * (page.pdf is the engine inside Electron's printToPDF), read with poppler's pdftotext, pdfinfo and
 * pdffonts. Every printed document's tests use these, so the paper rules are checked the same way
 * everywhere: size, fonts, page furniture, rows never split, nothing cut or shrunk.
 */

export type Paper = 'letter' | 'a4';
export type Orientation = 'landscape' | 'portrait';

export const PT_PER_MM = 72 / 25.4;
/** Portrait sizes in points; pdfinfo reports CSS A4 as 841.9 × 595.0 and Letter as 792 × 612. */
export const PAPER_PT: Record<Paper, { width: number; height: number }> = {
  letter: { width: 612, height: 792 },
  a4: { width: 595.28, height: 841.89 },
};
/** The print kit's side margins (renderer/src/print/paper.ts). */
export const SIDE_MARGIN_MM = 10;

export interface PrintedPdf {
  file: string;
  /** `pdftotext -layout`, one string per page (a blank page stays, as an empty string). */
  pages: string[];
  /** The text size the print kit settled on (it steps down from the document's size to fit the width). */
  fontPt: number;
  /** Columns where a word had to break mid-way (see PrintStage). */
  brokenWords: string[];
}

/**
 * Prints what the page shows to a PDF file the way the app does: CSS decides the paper
 * (`preferCSSPageSize`), backgrounds kept. Waits for the print kit to finish preparing first.
 */
export async function printPdf(page: Page, name = 'print'): Promise<PrintedPdf> {
  await waitForPrintReady(page);
  // Read before printing: printing fires 'afterprint', after which the app may take the document down.
  const { fontPt, brokenWords } = await printStage(page);
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const file = path.join(tempDir('caredesk-pdf-'), `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  // To look at what a test printed: CAREDESK_PDF_DIR=/some/folder keeps a copy of every PDF.
  const keep = process.env.CAREDESK_PDF_DIR;
  if (keep) fs.copyFileSync(file, path.join(keep, `${name}.pdf`));
  return { file, pages: pdfPages(file), fontPt, brokenWords };
}

/** The print kit marks its stage ready once fonts are loaded and the layout is checked and adjusted. */
export async function waitForPrintReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const stage = document.querySelector('.cd-print-stage');
      const state = stage?.getAttribute('data-print-state');
      if (state === 'refused') throw new Error(`The print kit refused: ${stage?.getAttribute('data-print-reason')} ${stage?.getAttribute('data-print-detail') ?? ''}`);
      return state === 'ready';
    },
    undefined,
    { timeout: 30_000 },
  );
}

/** What the print kit says about the prepared document (font size it settled on, refusal reason). */
export interface PrintStage {
  state: string | null;
  fontPt: number;
  reason: string | null;
  /** What the refusal names: the columns too wide, the row too tall. */
  detail: string | null;
  /** Column labels where a word was wider than its column and breaks mid-way (printed whole, but ugly). */
  brokenWords: string[];
}

export function printStage(page: Page): Promise<PrintStage> {
  return page.evaluate(() => {
    const stage = document.querySelector('.cd-print-stage');
    const broken = stage?.getAttribute('data-print-broken');
    return {
      state: stage?.getAttribute('data-print-state') ?? null,
      fontPt: Number(stage?.getAttribute('data-font-pt') ?? 'NaN'),
      reason: stage?.getAttribute('data-print-reason') ?? null,
      detail: stage?.getAttribute('data-print-detail') ?? null,
      brokenWords: broken ? broken.split('|') : [],
    };
  });
}

/** Text per page. pdftotext ends every page with \f, so the last piece after it is dropped. */
export function pdfPages(file: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const pages = text.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

export function pdfPageSizes(file: string): { width: number; height: number }[] {
  const out = execFileSync('pdfinfo', ['-f', '1', '-l', '100000', file], { encoding: 'utf8' });
  return [...out.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}

/** Every page is the paper asked for, within ±2 pt (CSS A4 and the 'A4' option differ by 1 pt). */
export function expectPaper(file: string, paper: Paper, orientation: Orientation): void {
  const p = PAPER_PT[paper];
  const want = orientation === 'landscape' ? { width: p.height, height: p.width } : p;
  const sizes = pdfPageSizes(file);
  expect(sizes.length).toBeGreaterThan(0);
  sizes.forEach((s, i) => {
    expect(Math.abs(s.width - want.width), `page ${i + 1} width ${s.width} pt, want ${want.width}`).toBeLessThanOrEqual(2);
    expect(Math.abs(s.height - want.height), `page ${i + 1} height ${s.height} pt, want ${want.height}`).toBeLessThanOrEqual(2);
  });
}

export interface PdfFont {
  /** As embedded, e.g. 'AAAAAA+NotoSans-Regular'. */
  name: string;
  /** Without the subset prefix, e.g. 'NotoSans-Regular'. */
  family: string;
  type: string;
  embedded: boolean;
}

export function pdfFonts(file: string): PdfFont[] {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n');
  // Columns are fixed-width; the dashes under the header give their extents.
  const rule = lines[1] ?? '';
  const cols = [...rule.matchAll(/-+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const at = (line: string, i: number) => line.slice(cols[i]!.start, i + 1 < cols.length ? cols[i + 1]!.start : undefined).trim();
  return lines
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const name = at(l, 0);
      return { name, family: name.replace(/^[A-Z]{6}\+/, ''), type: at(l, 1), embedded: at(l, 3) === 'yes' };
    });
}

/** All fonts embedded, and only the bundled family (Noto Sans): no system fallback slipped in. */
export function expectBundledFontsOnly(file: string, families: readonly string[] = ['NotoSans']): void {
  const fonts = pdfFonts(file);
  expect(fonts.length).toBeGreaterThan(0);
  for (const f of fonts) {
    expect(f.embedded, `${f.name} embedded`).toBe(true);
    expect(
      families.some((fam) => f.family.startsWith(fam)),
      `${f.name} is not a bundled font (${families.join(', ')})`,
    ).toBe(true);
  }
}

export interface PdfWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}
export interface PdfWordPage {
  width: number;
  height: number;
  words: PdfWord[];
}

const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** `pdftotext -bbox`: every word with its box, per page. */
export function pdfWords(file: string): PdfWordPage[] {
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  return html.split('<page ').slice(1).map((chunk) => {
    const size = /width="([\d.]+)" height="([\d.]+)"/.exec(chunk);
    const words = [...chunk.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      yMax: Number(m[4]),
      text: unescapeXml(m[5]!),
    }));
    return { width: Number(size?.[1]), height: Number(size?.[2]), words };
  });
}

/**
 * Nothing runs past the right margin. Chromium clips, without a word, whatever is wider than
 * the page once it has shrunk the document by 1.5×; a word ending past page width − margin is the trace.
 */
export function expectInsideRightMargin(file: string, rightMarginMm = SIDE_MARGIN_MM): void {
  pdfWords(file).forEach((p, i) => {
    // 1 pt of slack: a right-aligned margin box ends exactly at the margin, and a glyph's box can
    // reach a little past its advance; anything clipped or unshrunk-wide is far beyond that.
    const limit = p.width - rightMarginMm * PT_PER_MM + 1;
    const out = p.words.filter((w) => w.xMax > limit);
    expect(out.map((w) => `${w.text} ends at ${w.xMax.toFixed(1)} pt`), `page ${i + 1}: words past ${limit.toFixed(1)} pt`).toEqual([]);
  });
}

/** Glyph box heights of every occurrence of a word (points). */
export function wordHeights(file: string, token: string): number[] {
  return pdfWords(file).flatMap((p) => p.words.filter((w) => w.text === token).map((w) => w.yMax - w.yMin));
}

/**
 * pdftotext's box for Noto Sans is the font's ascent + descent: 1.362 em (measured on unshrunk
 * prints at 7–12 pt). A document Chromium shrank to fit prints its text smaller than its CSS size.
 */
export const NOTO_SANS_BOX_EM = 1.362;

/** The token prints at its CSS size: Chromium did not shrink the document to fit something wide. */
export function expectNotShrunk(file: string, token: string, fontPt: number): void {
  const heights = wordHeights(file, token);
  expect(heights.length, `"${token}" printed`).toBeGreaterThan(0);
  for (const h of heights) expect(h, `"${token}" box ${h.toFixed(2)} pt at ${fontPt} pt`).toBeGreaterThanOrEqual(fontPt * NOTO_SANS_BOX_EM * 0.97);
}

export interface PageFurniture {
  /** A label every page must show (the document title in the margin box, or a repeated column header). */
  header: string;
  notice: string;
  /** The print time line as printed, e.g. "Printed Mar 2, 2026, 08:00 by Ada Admin". */
  printed: string;
  /** The page line for page k of n; English by default. */
  pageLine?: (k: number, n: number) => string;
}

/** Text with pdftotext's layout spaces squeezed, so a phrase matches however columns spaced it. */
export const squeeze = (s: string) => s.replace(/[ \t]+/g, ' ');

/** Each page k of n carries the header label, the notice, "Page k of n" and the print time. */
export function expectEveryPage(pages: readonly string[], f: PageFurniture): void {
  const n = pages.length;
  expect(n).toBeGreaterThan(0);
  const pageLine = f.pageLine ?? ((k, total) => `Page ${k} of ${total}`);
  pages.forEach((raw, i) => {
    const p = squeeze(raw);
    const where = `page ${i + 1} of ${n}`;
    expect(p, `${where}: header`).toContain(f.header);
    expect(p, `${where}: notice`).toContain(f.notice);
    expect(p, `${where}: page line`).toContain(pageLine(i + 1, n));
    expect(p, `${where}: print time`).toContain(f.printed);
  });
}

export interface RowTokens {
  /** A unique word at the row's start (nowrap, no hyphen). */
  start: string;
  /** A unique word ending the row's tallest cell. */
  end: string;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
function occurrences(pages: readonly string[], token: string): { page: number; index: number }[] {
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(token)}(?![\\p{L}\\p{N}])`, 'gu');
  return pages.flatMap((p, page) => [...p.matchAll(re)].map((m) => ({ page, index: m.index })));
}

/**
 * Rows never split and keep their order: each row's start and end tokens appear exactly once,
 * on the same page, and rows follow each other in the given order. Returns the page of each row.
 */
export function expectRowsWhole(pages: readonly string[], rows: readonly RowTokens[]): number[] {
  let last = { page: -1, index: -1 };
  const problems: string[] = [];
  const pageOf = rows.map((r, i) => {
    const s = occurrences(pages, r.start);
    const e = occurrences(pages, r.end);
    if (s.length !== 1 || e.length !== 1) {
      problems.push(`row ${i + 1}: "${r.start}" printed ${s.length}×, "${r.end}" ${e.length}×`);
      return -1;
    }
    const [start, end] = [s[0]!, e[0]!];
    if (start.page !== end.page) problems.push(`row ${i + 1} (${r.start}) split: starts on page ${start.page + 1}, ends on page ${end.page + 1}`);
    if (start.page < last.page || (start.page === last.page && start.index < last.index)) problems.push(`row ${i + 1} (${r.start}) out of order`);
    last = start;
    return start.page + 1;
  });
  expect(problems, problems.slice(0, 20).join('\n')).toEqual([]);
  return pageOf;
}
