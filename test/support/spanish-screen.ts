import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { catalogs } from '../../shared/i18n';
import { STATION_VIEWPORT } from './browser';

/**
 * English that must not reach a Spanish screen: every English message of the catalog whose Spanish
 * differs, cut at its placeholders, keeping the pieces long enough not to match by chance.
 */
function englishFragments(): string[] {
  const out = new Set<string>();
  const walk = (en: unknown, es: unknown) => {
    if (typeof en === 'string') {
      if (en === es) return;
      for (const piece of en.split(/\{\{[^}]+\}\}/)) if (piece.trim().length >= 12) out.add(piece.trim());
      return;
    }
    if (en && typeof en === 'object') for (const [k, v] of Object.entries(en)) walk(v, (es as Record<string, unknown> | undefined)?.[k]);
  };
  walk(catalogs.en, catalogs.es);
  return [...out];
}
const ENGLISH = englishFragments();

/**
 * A Spanish screen, checked and kept as a screenshot (`dir/name.png`): no English message of the
 * catalog and no message key of `area` on it, and nothing wider than the station's 1366 px screen.
 */
export async function checkSpanishScreen(page: Page, dir: string, name: string, area = 'transport'): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
  const text = await page.evaluate(() => document.body.innerText);
  expect(ENGLISH.filter((e) => text.includes(e)), `${name}: English on a Spanish screen`).toEqual([]);
  const keyLike = new RegExp(`\\b${area}\\.[a-zA-Z_]+(?:\\.[a-zA-Z_]+)+\\b`, 'g');
  expect(text.match(keyLike) ?? [], `${name}: message keys on screen`).toEqual([]);
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, dialog: document.querySelector('[role="dialog"]')?.getBoundingClientRect().right ?? 0 }));
  expect(widths.doc, `${name}: page width`).toBeLessThanOrEqual(STATION_VIEWPORT.width);
  expect(widths.dialog, `${name}: dialog width`).toBeLessThanOrEqual(STATION_VIEWPORT.width);
}
