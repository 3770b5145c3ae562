import { censusCountSql, censusPageSql, censusParams } from '../../db/queries/residents';
import { ListInput } from '../../shared/contract/residents';
import { launchChromium } from '../support/browser';
import { startHarness } from '../support/harness';
import { round, summarize, time, timePair } from './measure';
import type { BenchContext, BenchResults } from './types';
import { openCensusAsCharge } from './census-page';

/**
 * The census of the 5,000-resident synthetic facility (seeded in run.ts):
 * - page_ratio: a 100-row page sorted by unit and room, filtered by status, through the dispatcher
 *   (session, permission, zod, row mapping, ages, both structured clones) over the same two SQL
 *   statements (page and count) run raw on better-sqlite3;
 * - search_p95_ms: accent-insensitive name searches through the dispatcher;
 * - census_render_ms / census_scroll_long_tasks: the production renderer in Chromium via the harness;
 * - census_render_ratio: the census's first render, arriving from another screen of the running app,
 *   over rendering the same visible rows (same data, fetched through the same endpoint) as a plain
 *   static table in the same page — both timed from the start to the frame the rows are painted in.
 */
export async function benchResidents(ctx: BenchContext): Promise<BenchResults> {
  const conn = await ctx.signedIn('charge');
  const input = { offset: 0, limit: 100, sort: 'location', desc: false, status: 'active' } as const;
  const check = await conn.invoke('residents.list', input);
  if (!check.ok) throw new Error(`residents.list failed: ${check.error.code}`);
  const onCensus = await conn.invoke('residents.list', { limit: 1 });
  if (!onCensus.ok) throw new Error(`residents.list failed: ${onCensus.error.code}`);
  const census = (onCensus.value as { total: number }).total;
  const activeRows = (check.value as { total: number }).total;

  const sqlite = ctx.sqlite;
  const page = sqlite.prepare(censusPageSql('location', false));
  page.raw(true);
  const count = sqlite.prepare(censusCountSql());
  count.pluck(true);
  const params = censusParams(ListInput.parse(input));
  const viaDispatcher = async () => {
    const r = await conn.invoke('residents.list', structuredClone(input));
    if (!r.ok) throw new Error(r.error.code);
    return structuredClone(r);
  };
  const viaRaw = () => [page.all(params), count.get(params)];
  const [dispatched, raw] = await timePair(viaDispatcher, viaRaw, { warmup: 50, rounds: 60, batch: 5 });

  const queries = ['jose obrien', 'garcia maria', 'nguyen', 'zoe', 'obrien', 'muller', 'kim', '김', 'MG0012', 'siobhan o'];
  let qi = 0;
  const search = await time(
    async () => {
      const r = await conn.invoke('residents.list', structuredClone({ query: queries[qi++ % queries.length]!, status: 'all', limit: 100 }));
      if (!r.ok) throw new Error(r.error.code);
      return structuredClone(r);
    },
    { warmup: 30, rounds: 300 },
  );

  const render = await benchRender(ctx, census);
  return {
    'residents.census_size': census,
    'residents.page_filter_matches': activeRows,
    'residents.page_ratio': round(dispatched.median / raw.median, 2),
    'residents.page_ms': round(dispatched.median, 3),
    'residents.search_p95_ms': round(search.p95, 3),
    ...render,
  };
}

/**
 * Records when the first census rows are in the DOM and painted, and every long task. A string, not a
 * function: tsx would wrap a function's inner arrows in its own helpers, which the page does not have.
 */
const probe = `
  (() => {
    const state = { firstRowsAt: null, longTasks: [] };
    window.__census = state;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => state.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
    const mo = new MutationObserver(() => {
      if (state.firstRowsAt === null && document.querySelector('.census-table tbody th.col-name a') !== null) {
        mo.disconnect();
        // The frame after the DOM change is when the rows are on screen.
        requestAnimationFrame(() => setTimeout(() => { state.firstRowsAt ??= performance.now(); }, 0));
      }
    });
    mo.observe(document, { subtree: true, childList: true });
  })();
`;

/**
 * Shared by both measurements: resolves, with the time since `t0`, in the frame after `ready()` first
 * holds — watched by a MutationObserver, so neither side waits on a polling interval.
 */
const paintedAfter = `
  (t0, ready) => new Promise((resolve) => {
    const done = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
    if (ready()) return done();
    const mo = new MutationObserver(() => { if (ready()) { mo.disconnect(); done(); } });
    mo.observe(document, { subtree: true, childList: true });
  })
`;

/**
 * The census's first render in the running app: from the import screen of the same area, the hash
 * changes to the census and the clock stops in the frame its first rows are painted. Everything the
 * census does on the way counts: its calls (preferences, the first page), React, column widths.
 */
const censusRender = `(async () => {
  const painted = ${paintedAfter};
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
  location.hash = '#/residents/import';
  while (document.querySelector('.census-table') !== null || document.querySelector('.import textarea, textarea') === null) await frame();
  await frame();
  await new Promise((r) => setTimeout(r, 50));
  const t0 = performance.now();
  location.hash = '#/residents';
  // The rows the census painted in that frame (it may add rows below the fold afterwards): the
  // baseline writes as many.
  const rows = () => document.querySelectorAll('.census-table tbody tr[aria-rowindex]').length;
  return painted(t0, () => document.querySelector('.census-table tbody th.col-name a') !== null && (window.__censusPaintedRows = rows()) > 0);
})()`;

/**
 * The baseline, in the same page: the same first page of the census fetched through the same
 * endpoint and session, and the rows the census painted in its first frame (as many, the same
 * columns' words) written into a plain table with the DOM API, until the frame they are painted in.
 * Counted when the census's rows appear, not when the baseline starts: rows the census adds below
 * the fold after that frame (its overscan) were not part of what it was timed on.
 */
const staticTableRender = `(async () => {
  const painted = ${paintedAfter};
  const shown = window.__censusPaintedRows;
  const host = document.querySelector('main');
  await new Promise((r) => setTimeout(r, 50));
  const t0 = performance.now();
  const token = document.querySelector('meta[name="caredesk-harness-token"]').content;
  const res = await fetch('./__invoke', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-caredesk-token': token },
    body: JSON.stringify({ method: 'residents.list', input: { query: '', status: 'census', unitId: null, codeStatus: null, fallRisk: null, isolation: null, sort: 'location', desc: false, offset: 0, limit: 100 } }),
  });
  const rows = (await res.json()).value.rows.slice(0, shown);
  const date = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
  const table = document.createElement('table');
  table.className = 'data static-baseline';
  // In view, over the census, so it is painted rather than culled below the fold.
  table.style.cssText = 'position: fixed; top: 0; left: 0; z-index: 100; background: #fff;';
  const body = table.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    const cells = [
      r.location ? r.location.roomLabel + '-' + r.location.bedLabel : '',
      r.legalFamily + ', ' + r.legalGiven,
      date.format(new Date(r.dateOfBirth)) + ' (' + r.age + ' y)',
      r.codeStatus,
      r.allergies.state === 'listed' ? r.allergies.items.map((i) => i.substance + ' (' + i.severity + ')').join(', ') : r.allergies.state,
      r.status,
      r.fallRisk ?? 'Not assessed',
      r.isolation ?? 'Not assessed',
    ];
    for (const text of cells) tr.insertCell().textContent = text;
  }
  host.append(table);
  const ms = await painted(t0, () => true);
  table.remove();
  return ms;
})()`;

async function benchRender(ctx: BenchContext, census: number): Promise<BenchResults> {
  const harness = await startHarness(ctx.core, { root: ctx.rendererDist });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await openCensusAsCharge(page, harness.url);
    await page.addInitScript({ content: probe });

    const samples: number[] = [];
    for (let i = 0; i < 7; i++) {
      await page.goto(`${harness.url}?run=${i}#/residents`);
      // Polled from here: waitForFunction would evaluate a string inside the page, which the CSP forbids.
      let at: number | null = null;
      for (let tries = 0; at === null && tries < 3000; tries++) {
        at = (await page.evaluate('window.__census ? window.__census.firstRowsAt : null')) as number | null;
        if (at === null) await new Promise((r) => setTimeout(r, 10));
      }
      if (at === null) throw new Error('census rows never appeared');
      samples.push(at);
    }

    // Scroll the whole census a screen at a time, as fast as frames allow, and count long tasks.
    await page.evaluate('window.__census.longTasks = []');
    const reachedEnd = await page.evaluate(`(async () => {
      const el = document.querySelector('.census-scroller');
      const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
      while (el.scrollTop + el.clientHeight < el.scrollHeight - 2) {
        el.scrollTop += el.clientHeight;
        await frame();
        await frame();
      }
      // The last page arrives over the loopback; wait for its rows.
      for (let i = 0; i < 200 && document.querySelector('.census-table tbody .placeholder'); i++) await frame();
      return document.querySelector('.census-table tbody .placeholder') === null && el.scrollHeight > 30 * ${census}; // rows are 32 px
    })()`);
    if (!reachedEnd) throw new Error('census scroll never finished loading');
    const longTasks = (await page.evaluate('window.__census.longTasks.filter((d) => d > 50).length')) as number;
    if (process.env.BENCH_DEBUG) console.log('long tasks', await page.evaluate('JSON.stringify(window.__census.longTasks)'));

    const inApp: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < 21; i++) {
      inApp.push((await page.evaluate(censusRender)) as number);
      plain.push((await page.evaluate(staticTableRender)) as number);
    }
    if (process.env.BENCH_DEBUG) console.log('census', inApp, 'static table', plain);
    // The first round of each warms the page (code paths, caches); the median of the rest counts.
    const censusMs = summarize(inApp.slice(1)).median;
    const tableMs = summarize(plain.slice(1)).median;
    return {
      'residents.census_render_ms': round(summarize(samples).median, 1),
      'residents.census_render_ratio': round(censusMs / tableMs, 2),
      'residents.census_render_in_app_ms': round(censusMs, 1),
      'residents.census_static_table_ms': round(tableMs, 1),
      'residents.census_scroll_long_tasks': longTasks,
    };
  } finally {
    await browser.close();
    await harness.close();
  }
}
