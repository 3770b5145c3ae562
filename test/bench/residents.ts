import { censusCountSql, censusPageSql, censusParams } from '../../db/queries/residents';
import { ListInput } from '../../shared/contract/residents';
import { launchChromium } from '../support/browser';
import { startHarness } from '../support/harness';
import { DEMO_PASSWORD } from '../../db/demo/generate';
import { round, summarize, time, timePair } from './measure';
import type { BenchContext, BenchResults } from './types';

/**
 * The census of the 5,000-resident synthetic facility (seeded in run.ts):
 * - page_ratio: a 100-row page sorted by unit and room, filtered by status, through the dispatcher
 *   (session, permission, zod, row mapping, ages, both structured clones) over the same two SQL
 *   statements (page and count) run raw on better-sqlite3;
 * - search_p95_ms: accent-insensitive name searches through the dispatcher;
 * - census_render_ms / census_scroll_long_tasks: the production renderer in Chromium via the harness.
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

async function benchRender(ctx: BenchContext, census: number): Promise<BenchResults> {
  const harness = await startHarness(ctx.core, { root: ctx.rendererDist });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(harness.url);
    await page.getByLabel('Username').fill('charge');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.locator('.census-table tbody th.col-name a').first().waitFor();
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
    return {
      'residents.census_render_ms': round(summarize(samples).median, 1),
      'residents.census_scroll_long_tasks': longTasks,
    };
  } finally {
    await browser.close();
    await harness.close();
  }
}
