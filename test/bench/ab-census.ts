/**
 * Compares builds of the renderer on residents.census_render_ratio, interleaved round by round so
 * the load of a shared machine falls on each alike: `npx tsx test/bench/ab-census.ts <rounds> <dist>…`
 * (each dist a `vite build --outDir` of one variant). One facility, one harness and one page per
 * build; each round runs the benchmark's census render and its static table in every page in turn.
 * Not a benchmark: it prints, nothing is written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { seedDemoFacility } from '../../db/demo/generate';
import { sourceMigrationsRoot } from '../../db/paths';
import { createCore } from '../../electron/core/app';
import { hashPassword } from '../../electron/core/passwords';
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { testPasswordCost, tempDir } from '../support/core';
import { startHarness } from '../support/harness';
import { openCensusAsCharge } from './census-page';

const rounds = Number(process.argv[2] ?? 21);
const dists = process.argv.slice(3);
if (dists.length === 0) throw new Error('usage: ab-census.ts <rounds> <dist>…');

// The benchmark's own page scripts, so this measures exactly what residents.census_render_ratio does.
const src = fs.readFileSync(new URL('./residents.ts', import.meta.url), 'utf8');
const pick = (name: string) => {
  const m = new RegExp('const ' + name + ' = `([\\s\\S]*?)`;\\n').exec(src);
  if (!m) throw new Error(name);
  return m[1]!;
};
const painted = pick('paintedAfter');
const censusRender = pick('censusRender').replace('${paintedAfter}', painted);
const staticTable = pick('staticTableRender').replace('${paintedAfter}', painted);

const file = path.join(tempDir('caredesk-ab-'), 'ab.sqlite');
const core = await createCore({ engine: { kind: 'sqlite', file }, migrationsRoot: sourceMigrationsRoot, passwordCost: testPasswordCost });
await seedDemoFacility(core.engine, { seed: 42, now: new Date('2026-11-02T12:00:00Z'), hashPassword: (p) => hashPassword(p, testPasswordCost), roomsPerUnit: 1000, residents: 5000, staff: 50, extraCourses: 0, trainingYears: 1 });
const browser = await launchChromium();
const sides: { dist: string; harness: Awaited<ReturnType<typeof startHarness>>; page: Page; cdp: CDPSession; census: number[]; plain: number[]; work: Map<string, number[]> }[] = [];
for (const dist of dists) {
  const harness = await startHarness(core, { root: path.resolve(dist) });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await openCensusAsCharge(page, harness.url);
  // The main thread's own time (tasks, script, style, layout) from Chromium's Performance metrics:
  // unlike the clock, it leaves out the waits (the call, the frame), which a loaded machine stretches.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  sides.push({ dist, harness, page, cdp, census: [] as number[], plain: [] as number[], work: new Map<string, number[]>() });
}
const metricNames = ['TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration'];
const metrics = async (s: (typeof sides)[number]) => {
  const { metrics: m } = (await s.cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return new Map(m.filter((x) => metricNames.includes(x.name)).map((x) => [x.name, x.value * 1000]));
};
for (let r = 0; r < rounds; r++) {
  for (const s of sides) {
    const before = await metrics(s);
    s.census.push((await s.page.evaluate(censusRender)) as number);
    const after = await metrics(s);
    for (const name of metricNames) {
      const list = s.work.get(name) ?? [];
      list.push(after.get(name)! - before.get(name)!);
      s.work.set(name, list);
    }
    s.plain.push((await s.page.evaluate(staticTable)) as number);
  }
}
// As the benchmark: the first round warms the page, the median of the rest counts.
const median = (x: number[]) => [...x.slice(1)].sort((a, b) => a - b)[Math.floor((x.length - 1) / 2)]!;
for (const s of sides) {
  console.log(`${s.dist}: census ${median(s.census).toFixed(1)} ms, static ${median(s.plain).toFixed(1)} ms, ratio ${(median(s.census) / median(s.plain)).toFixed(2)}`);
  // Includes the evaluate's own small task and the overscan rows added after the frame.
  console.log(`  census main-thread work (medians, ms): ${metricNames.map((n) => `${n.replace('Duration', '')} ${median(s.work.get(n)!).toFixed(1)}`).join(', ')}`);
  if (process.env.AB_DEBUG) console.log('  census', s.census.map((x) => x.toFixed(0)).join(' '), '\n  static', s.plain.map((x) => x.toFixed(0)).join(' '));
}
await browser.close();
for (const s of sides) await s.harness.close();
await core.close();
