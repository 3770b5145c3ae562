import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { tempDir } from './core';
import { CSP, MIME } from './harness';

/**
 * The print kit's fixture page (test/fixtures/print-kit), built by Vite like the renderer and
 * served like the harness serves the app: loopback, the app's CSP (font-src 'self'). One build per
 * test process. Documents without a screen of their own yet (the handoff sheet's layout before its
 * screen exists) can be proven on paper the same way.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtureRoot = path.resolve(here, '../fixtures/print-kit');

let built: Promise<string> | null = null;

export async function buildPrintFixture(): Promise<string> {
  built ??= (async () => {
    const outDir = tempDir('caredesk-print-fixture-');
    await build({ configFile: false, root: fixtureRoot, base: './', logLevel: 'warn', plugins: [react()], build: { outDir, emptyOutDir: true, assetsInlineLimit: 0, chunkSizeWarningLimit: 4096 } });
    return outDir;
  })();
  return built;
}

export interface FixtureServer {
  url: string;
  close(): Promise<void>;
}

export async function servePrintFixture(): Promise<FixtureServer> {
  const root = await buildPrintFixture();
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const file = path.resolve(root, `.${decodeURIComponent(pathname === '/' ? '/index.html' : pathname)}`);
    if (req.method !== 'GET' || !file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP, 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

export interface FixtureOptions {
  paper?: 'letter' | 'a4';
  orientation?: 'landscape' | 'portrait';
  rows?: number;
  /** 1-based rows whose notes are longer than a page. */
  long?: readonly number[];
  lang?: 'en' | 'es';
  /** A nowrap column far too narrow for its text: the kit must refuse. */
  narrow?: boolean;
  /** The notes on a line below each row (PrintColumn.below), the write-in space reaching down beside them. */
  below?: boolean;
  /** false: the document does not ask the kit to report words broken mid-way. */
  reportBrokenWords?: boolean;
}

/** Opens the fixture with the given options in a new page, the clock fixed at `now` (the print time). */
export async function openPrintFixture(browser: Browser, server: FixtureServer, opts: FixtureOptions, now: Date): Promise<Page> {
  const context = await browser.newContext({ locale: opts.lang === 'es' ? 'es-ES' : 'en-US', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.clock.setFixedTime(now);
  const hash = new URLSearchParams({
    paper: opts.paper ?? 'letter',
    orientation: opts.orientation ?? 'landscape',
    rows: String(opts.rows ?? 300),
    long: (opts.long ?? []).join(','),
    lang: opts.lang ?? 'en',
    narrow: opts.narrow ? '1' : '0',
    below: opts.below ? '1' : '0',
    words: opts.reportBrokenWords === false ? '0' : '1',
  });
  await page.goto(`${server.url}#${hash.toString()}`);
  return page;
}
