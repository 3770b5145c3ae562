import fs from 'node:fs';
import { seedDemoFacility } from '../../db/demo/generate';
import type { Core } from '../core/app';
import { hashPassword } from '../core/passwords';

/**
 * CAREDESK_DEMO=1 (set by `npm start`) fills a brand-new database with the synthetic facility —
 * in development only. The installed app ignores it: the demo's seven accounts, administrator
 * included, share a published password and need no change at first sign-in, so an environment
 * variable must never be able to create them on a real station.
 */
export function wantsDemo(isPackaged: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  return !isPackaged && env.CAREDESK_DEMO === '1';
}

export async function seedDemo(core: Core): Promise<void> {
  await seedDemoFacility(core.engine, { seed: 1, now: new Date(), hashPassword: (p) => hashPassword(p) });
}

/**
 * Removes a database this run created, after seeding it failed: a half-seeded file would never be
 * seeded again (it exists), so it goes. Only ever called for a file that did not exist at start.
 */
export function removeFreshDatabase(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}
