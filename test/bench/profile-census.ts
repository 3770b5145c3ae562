/**
 * Profiles the census's first render (the same path as residents.census_render_ratio) with Chromium's
 * tracing: forced layouts, style recalcs, script and paint on the renderer's main thread, per round.
 * `npx tsx test/bench/profile-census.ts [rounds] [dist]`. Not a benchmark: it prints, nothing is written.
 */
import path from 'node:path';
import { seedDemoFacility } from '../../db/demo/generate';
import { sourceMigrationsRoot } from '../../db/paths';
import { createCore } from '../../electron/core/app';
import { hashPassword } from '../../electron/core/passwords';
import { launchChromium } from '../support/browser';
import { testPasswordCost, tempDir } from '../support/core';
import { rendererDist, startHarness } from '../support/harness';
import { openCensusAsCharge } from './census-page';

const rounds = Number(process.argv[2] ?? 5);
const root = process.argv[3] ?? rendererDist;
const file = path.join(tempDir('caredesk-prof-'), 'p.sqlite');
const core = await createCore({ engine: { kind: 'sqlite', file }, migrationsRoot: sourceMigrationsRoot, passwordCost: testPasswordCost });
await seedDemoFacility(core.engine, { seed: 42, now: new Date('2026-11-02T12:00:00Z'), hashPassword: (p) => hashPassword(p, testPasswordCost), roomsPerUnit: 1000, residents: 5000, staff: 50, extraCourses: 0, trainingYears: 1 });
// Each call's time in main, to tell the page's wait from the server's work.
const serverLog: string[] = [];
const connect = core.dispatcher.connect.bind(core.dispatcher);
(core.dispatcher as { connect: typeof connect }).connect = () => {
  const c = connect();
  const invoke = c.invoke.bind(c);
  (c as { invoke: typeof invoke }).invoke = async (m, i) => {
    const t0 = performance.now();
    const r = await invoke(m, i);
    serverLog.push(`${String(m)}@${t0.toFixed(0)}:${(performance.now() - t0).toFixed(1)}`);
    return r;
  };
  return c;
};
const harness = await startHarness(core, { root });
const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await openCensusAsCharge(page, harness.url);

const toImport = `(async () => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
  location.hash = '#/residents/import';
  while (document.querySelector('.census-table') !== null || document.querySelector('textarea') === null) await frame();
  await frame();
  await new Promise((r) => setTimeout(r, 50));
})()`;
const toCensus = `(async () => {
  performance.mark('census-t0');
  const t0 = performance.now();
  location.hash = '#/residents';
  return new Promise((resolve) => {
    const ready = () => document.querySelector('.census-table tbody th.col-name a') !== null;
    const done = () => requestAnimationFrame(() => setTimeout(() => { performance.mark('census-t1'); resolve(performance.now() - t0); }, 0));
    if (ready()) return done();
    const mo = new MutationObserver(() => { if (ready()) { mo.disconnect(); done(); } });
    mo.observe(document, { subtree: true, childList: true });
  });
})()`;

if (process.env.PROF_COUNT) {
  console.log(await page.evaluate(`(() => {
    const all = document.querySelectorAll('*').length;
    const q = (s) => document.querySelectorAll(s).length;
    return JSON.stringify({ all, main: q('main *'), table: q('.census-table *'), tbody: q('.census-table tbody *'), thead: q('.census-table thead *'), filters: q('.census-filters *'), topbar: q('header.topbar *'), options: q('option'), rows: q('.census-table tbody tr[aria-rowindex]'), head: q('head *') });
  })()`));
}
// Without tracing: the census and the bench's static table alternately, with the calls' timings.
if (process.env.PROF_COMPARE) {
  const staticSrc = (await import('node:fs')).readFileSync(new URL('./residents.ts', import.meta.url), 'utf8');
  const pick = (name: string) => {
    const m = new RegExp('const ' + name + ' = `([\\s\\S]*?)`;\\n').exec(staticSrc);
    if (!m) throw new Error(name);
    return m[1]!;
  };
  const painted = pick('paintedAfter');
  const staticTable = pick('staticTableRender').replace('${painted}', painted).replace('${paintedAfter}', painted);
  const censusRender = pick('censusRender').replace('${paintedAfter}', painted);
  const a: number[] = [];
  const b: number[] = [];
  const calls: string[] = [];
  for (let r = 0; r < rounds; r++) {
    await page.evaluate('performance.clearResourceTimings()');
    a.push((await page.evaluate(censusRender)) as number);
    calls.push(String(await page.evaluate(`performance.getEntriesByType('resource').filter((e) => e.name.includes('__invoke')).map((e) => Math.round(e.duration)).join('+')`)) + ' [' + serverLog.splice(0).join(' ') + ']');
    await page.evaluate('performance.clearResourceTimings()');
    b.push((await page.evaluate(staticTable)) as number);
    calls.push('static ' + String(await page.evaluate(`performance.getEntriesByType('resource').filter((e) => e.name.includes('__invoke')).map((e) => Math.round(e.duration)).join('+')`)) + ' [' + serverLog.splice(0).join(' ') + ']');
  }
  const med = (x: number[]) => [...x].slice(1).sort((p, q) => p - q)[Math.floor((x.length - 1) / 2)]!;
  console.log('census', a.map((x) => x.toFixed(0)).join(' '), '\nstatic', b.map((x) => x.toFixed(0)).join(' '), '\ncalls', calls.join('\n'));
  console.log(`median census ${med(a).toFixed(1)} static ${med(b).toFixed(1)} ratio ${(med(a) / med(b)).toFixed(2)}`);
  await browser.close();
  await harness.close();
  await core.close();
  process.exit(0);
}

interface Ev { name: string; ph: string; ts: number; dur?: number; tdur?: number; tid: number; pid: number; args?: { data?: Record<string, unknown>; beginData?: { stackTrace?: { functionName: string; url: string; lineNumber: number }[] } } }
const cats = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8.execute', 'disabled-by-default-v8.cpu_profiler'].join(',');
const cpuRounds: number[] = [];
// PROF_AGG: self time per function and time per timeline event, summed over the rounds after the first.
const aggSelf = new Map<string, number>();
const aggEvents = new Map<string, number>();
for (let r = 0; r < rounds; r++) {
  await page.evaluate(toImport);
  let staticTable = '';
  if (process.env.PROF_STATIC) {
    await page.evaluate(`location.hash = '#/residents'`);
    await page.locator('.census-table tbody th.col-name a').first().waitFor();
    const src = (await import('node:fs')).readFileSync(new URL('./residents.ts', import.meta.url), 'utf8');
    const pick = (name: string) => new RegExp('const ' + name + ' = `([\\s\\S]*?)`;\\n').exec(src)![1]!;
    staticTable = pick('staticTableRender').replace('${paintedAfter}', pick('paintedAfter')).replace('const t0 = performance.now();', "const t0 = performance.now(); performance.mark('census-t0');").replace('return ms;', "performance.mark('census-t1'); return ms;");
    await page.evaluate(`window.__censusPaintedRows = ${Number(process.env.PROF_ROWS ?? 22)}`);
    await page.evaluate(staticTable);
  }
  await browser.startTracing(page, { categories: cats.split(',') });
  const ms = (await page.evaluate(staticTable || toCensus)) as number;
  const buf = await browser.stopTracing();
  const events = (JSON.parse(buf.toString()) as { traceEvents: Ev[] }).traceEvents;
  const t0 = events.find((e) => e.name === 'census-t0');
  const t1 = events.find((e) => e.name === 'census-t1');
  if (!t0 || !t1) throw new Error('marks missing');
  const main = events.filter((e) => e.pid === t0.pid && e.tid === t0.tid && e.ts >= t0.ts && e.ts <= t1.ts && e.ph === 'X');
  const sum: Record<string, { n: number; ms: number }> = {};
  for (const e of main) {
    const s = (sum[e.name] ??= { n: 0, ms: 0 });
    s.n++;
    s.ms += (e.dur ?? 0) / 1000;
  }
  const interesting = ['RunTask', 'FunctionCall', 'EvaluateScript', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'CompositeLayers', 'HitTest', 'ParseHTML', 'MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'XHRReadyStateChange', 'ResourceReceiveResponse', 'v8.run', 'Commit', 'ScheduleStyleRecalculation', 'InvalidateLayout'];
  const line = interesting.filter((n) => sum[n]).map((n) => `${n} ${sum[n]!.n}×${sum[n]!.ms.toFixed(1)}`).join(' | ');
  const cpu = main.filter((e) => e.name === 'RunTask').reduce((a, e) => a + (e.tdur ?? 0) / 1000, 0);
  cpuRounds.push(cpu);
  console.log(`round ${r}: ${ms.toFixed(1)} ms wall (trace ${(t1.ts - t0.ts) / 1000} ms), main thread CPU ${cpu.toFixed(1)} ms\n  ${line}`);
  // Where each layout and style recalc came from, and when (ms after t0).
  for (const e of main.filter((x) => x.name === 'Layout' || x.name === 'UpdateLayoutTree')) {
    const st = e.args?.beginData?.stackTrace ?? (e.args?.data as { stackTrace?: { functionName: string; url: string; lineNumber: number }[] } | undefined)?.stackTrace;
    const where = st ? st.slice(0, 4).map((f) => `${f.functionName || '?'}:${f.lineNumber}`).join(' < ') : '(frame)';
    const el = (e.args?.data as { elementCount?: number } | undefined)?.elementCount;
    const dirty = (e.args?.beginData as { dirtyObjects?: number; totalObjects?: number } | undefined);
    console.log(`    +${((e.ts - t0.ts) / 1000).toFixed(1)} ${e.name} ${((e.dur ?? 0) / 1000).toFixed(2)} ms ${el !== undefined ? `elements ${el}` : ''}${dirty?.dirtyObjects !== undefined ? `dirty ${dirty.dirtyObjects}/${dirty.totalObjects}` : ''} ${where}`);
  }
  // JS samples (main thread), each with its time and stack, from the sampling profiler's chunks.
  const nodes = new Map<number, { fn: string; parent?: number }>();
  const samplesAt: { ts: number; stack: string[] }[] = [];
  const profile = events.find((x) => x.name === 'Profile' && x.pid === t0.pid && x.tid === t0.tid);
  let cursor = (profile?.args?.data as { startTime?: number } | undefined)?.startTime ?? 0;
  for (const e of events.filter((x) => x.name === 'ProfileChunk' && x.pid === t0.pid && (x as unknown as { id: string }).id === (profile as unknown as { id: string } | undefined)?.id)) {
    const d = (e.args?.data as { cpuProfile?: { nodes?: { id: number; parent?: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples?: number[] }; timeDeltas?: number[] }) ?? {};
    for (const n of d.cpuProfile?.nodes ?? []) nodes.set(n.id, { fn: `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`, ...(n.parent !== undefined ? { parent: n.parent } : {}) });
    const samples = d.cpuProfile?.samples ?? [];
    const deltas = d.timeDeltas ?? [];
    for (let k = 0; k < samples.length; k++) {
      cursor += deltas[k] ?? 0;
      const stack: string[] = [];
      for (let id: number | undefined = samples[k]; id !== undefined; id = nodes.get(id)?.parent) stack.push(nodes.get(id)?.fn ?? '?');
      samplesAt.push({ ts: cursor, stack });
    }
  }
  const jsIn = (from: number, to: number) => {
    const incl = new Map<string, number>();
    const inside = samplesAt.filter((x) => x.ts >= from && x.ts <= to);
    for (let k = 0; k < inside.length; k++) {
      const dt = ((inside[k + 1]?.ts ?? inside[k]!.ts) - inside[k]!.ts) / 1000;
      for (const f of new Set(inside[k]!.stack)) incl.set(f, (incl.get(f) ?? 0) + dt);
    }
    const selfT = new Map<string, number>();
    for (let k = 0; k < inside.length; k++) {
      const dt = ((inside[k + 1]?.ts ?? inside[k]!.ts) - inside[k]!.ts) / 1000;
      const top = inside[k]!.stack[0]!;
      selfT.set(top, (selfT.get(top) ?? 0) + dt);
    }
    if (process.env.PROF_SELF) console.log('    self: ' + [...selfT.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', '));
    return [...incl.entries()].filter(([k]) => !/^\((root|program|idle)\)/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROF_N ?? 30)).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
  };
  if (process.env.PROF_AGG && r > 0) {
    const inside = samplesAt.filter((x) => x.ts >= t0.ts && x.ts <= t1.ts);
    for (let k = 0; k < inside.length; k++) {
      const dt = ((inside[k + 1]?.ts ?? inside[k]!.ts) - inside[k]!.ts) / 1000;
      const top = inside[k]!.stack[0]!;
      aggSelf.set(top, (aggSelf.get(top) ?? 0) + dt);
    }
    for (const [name, v] of Object.entries(sum)) aggEvents.set(name, (aggEvents.get(name) ?? 0) + v.ms);
  }
  // The main thread's top-level tasks in order, to see what runs in which frame.
  for (const e of main.filter((x) => x.name === 'RunTask' && (x.dur ?? 0) > 300)) {
    const kids = main.filter((k) => k !== e && k.ts >= e.ts && k.ts + (k.dur ?? 0) <= e.ts + (e.dur ?? 0) && k.name !== 'RunTask' && (k.dur ?? 0) > 200);
    if (process.env.PROF_JS && (e.dur ?? 0) > 3000) console.log(`    JS: ${jsIn(e.ts, e.ts + (e.dur ?? 0))}`);
    if (process.env.PROF_KIDS && (e.dur ?? 0) > 3000) for (const k of main.filter((k) => k !== e && k.ts >= e.ts && k.ts + (k.dur ?? 0) <= e.ts + (e.dur ?? 0) && k.name !== 'RunTask' && k.name !== 'EventDispatch')) console.log(`      ${k.name} ${((k.dur ?? 0) / 1000).toFixed(2)} ${JSON.stringify(k.args?.data ?? k.args ?? {}).slice(0, 200)}`);
    console.log(`  task +${((e.ts - t0.ts) / 1000).toFixed(1)} ${((e.dur ?? 0) / 1000).toFixed(1)} ms: ${kids.map((k) => `${k.name}${k.name === 'FunctionCall' ? `(${String((k.args?.data as { functionName?: string } | undefined)?.functionName ?? '')})` : ''} ${((k.dur ?? 0) / 1000).toFixed(1)}`).join(', ')}`);
  }
}
if (cpuRounds.length === 0) process.exit(0);
if (process.env.PROF_AGG) {
  const per = (ms: number) => (ms / (rounds - 1)).toFixed(2);
  console.log('events per round: ' + [...aggEvents.entries()].filter(([, v]) => v / (rounds - 1) >= 0.3).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${per(v)}`).join(', '));
  console.log('JS self per round: ' + [...aggSelf.entries()].filter(([k]) => !/^\((program|idle|root)\)/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROF_N ?? 50)).map(([k, v]) => `${k} ${per(v)}`).join(', '));
}
const sorted = [...cpuRounds].sort((a, b) => a - b);
console.log(`main thread CPU: median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, min ${sorted[0]!.toFixed(1)} (${process.env.PROF_STATIC ? 'static table' : 'census'})`);
await browser.close();
await harness.close();
await core.close();
