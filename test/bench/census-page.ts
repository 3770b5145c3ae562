import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../db/demo/generate';

/** Signs the demo facility's charge nurse in at the harness and waits for the census's first rows: where every census measurement starts. */
export async function openCensusAsCharge(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Username').fill('charge');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  // Everyone lands on the Today board (issue 12); the census is one link away.
  await page.locator('header.topbar nav a[href="#/residents"]').click();
  await page.locator('.census-table tbody th.col-name a').first().waitFor();
}
