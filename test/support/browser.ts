import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createCore, type Core } from '../../electron/core/app';
import { manualClock, systemClock, type Clock } from '../../electron/core/clock';
import type { EngineConfig } from '../../db/engine';
import { sourceMigrationsRoot } from '../../db/paths';
import type { PolicyView } from '../../shared/policy/view';
import { expect } from 'vitest';
import { testPasswordCost, tempDir } from './core';
import { startHarness, type Harness } from './harness';

/** Debian's Chromium: the same engine Electron embeds. Flags keep it off the (closed) network. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: apt-get install -y chromium`);
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

export interface E2EApp {
  core: Core;
  harness: Harness;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  clock: Clock;
  /** The hand-moved clock when started with `now`; null on the real clock. */
  manual: Awaited<ReturnType<typeof manualClock>> | null;
  file: string;
  /** A fresh tab with its own session, as a second person at another station. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * The real renderer (production build) against the real handlers on a temp database,
 * in Chromium. `seed` runs against the core before the page opens.
 */
/** A nursing-station screen: what the density and truncation rules are measured on. */
export const STATION_VIEWPORT = { width: 1366, height: 768 };

export async function startE2E(
  opts: {
    seed?: (core: Core) => void | Promise<void>;
    now?: string;
    locale?: string;
    /** The computer's time zone (the facility's is its own setting); Chromium's default otherwise. */
    timezoneId?: string;
    viewport?: { width: number; height: number };
    beforeLoad?: (page: Page) => Promise<void>;
    engine?: EngineConfig;
    policy?: PolicyView;
  } = {},
): Promise<E2EApp> {
  const file = path.join(tempDir('caredesk-e2e-'), 'caredesk.sqlite');
  const manual = opts.now ? manualClock(opts.now) : null;
  const clock: Clock = manual ?? systemClock;
  const core = await createCore({ engine: opts.engine ?? { kind: 'sqlite', file }, migrationsRoot: sourceMigrationsRoot, clock, passwordCost: testPasswordCost, checkOutput: true, ...(opts.policy ? { policy: opts.policy } : {}) });
  await opts.seed?.(core);
  const harness = await startHarness(core);
  const browser = await launchChromium();
  const viewport = opts.viewport ?? { width: 1280, height: 900 };
  const context = await browser.newContext({ locale: opts.locale ?? 'en-US', viewport, ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}) });
  const page = await context.newPage();
  await opts.beforeLoad?.(page);
  await page.goto(harness.url);
  return {
    core,
    harness,
    browser,
    context,
    page,
    clock,
    manual,
    file,
    async newPage() {
      const ctx = await browser.newContext({ locale: opts.locale ?? 'en-US', viewport, ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}) });
      const p = await ctx.newPage();
      await p.goto(harness.url);
      return p;
    },
    async close() {
      await browser.close();
      await harness.close();
      await core.close();
    },
  };
}

/** Signs in on the sign-in screen by keyboard: user name, Tab, password, Enter. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  const field = page.locator('input[name="username"]');
  await expect.poll(() => field.isVisible(), { timeout: 10_000 }).toBe(true);
  await field.focus();
  await typeText(page, username);
  await page.keyboard.press('Tab');
  await typeText(page, password);
  await page.keyboard.press('Enter');
}

/** Types text into whatever has focus, as a person at a keyboard does. */
export async function typeText(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 0 });
}

/** Presses Tab (or Shift+Tab) until the focused element has the accessible name, failing after `max` presses. */
export async function tabTo(page: Page, accessibleName: string | RegExp, opts: { back?: boolean; max?: number } = {}): Promise<void> {
  for (let i = 0; i < (opts.max ?? 40); i++) {
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
    const name = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const labelled = el.getAttribute('aria-label');
      if (labelled) return labelled;
      const byId = el.getAttribute('aria-labelledby');
      if (byId) return byId.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
      if (el.id) {
        const label = document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
        if (label) return label.textContent?.trim() ?? '';
      }
      // A checkbox's input inside its label (react-aria's Checkbox): the label's words, without the box's tick.
      const wrapping = el.closest('label');
      if (wrapping) return (wrapping.textContent ?? '').replace(/^✓/, '').trim();
      return (el.textContent ?? '').trim();
    });
    if (typeof accessibleName === 'string' ? name.replace(/\s*\*$/, '') === accessibleName : accessibleName.test(name)) return;
  }
  throw new Error(`Tab never reached ${String(accessibleName)}`);
}
