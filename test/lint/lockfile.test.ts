/**
 * `npm install` on a fresh clone must leave `git status` clean. npm rewrites an entry of
 * package-lock.json when what it sees in a package differs from what the lock says; the entry it
 * changed before was `hasInstallScript` (npm sets it for a package with an install script or a
 * binding.gyp, whatever `gypfile` says). This checks the lock against the installed packages by
 * that same rule, so a dependency change that would make the next install churn fails here.
 * (The full check — a scratch clone, `npm ci` and `npm install`, `git status` — needs minutes
 * and the registry; docs/deploy.md and the report of the change that added this describe it.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface LockEntry {
  hasInstallScript?: boolean;
  optional?: boolean;
}

describe('package-lock.json', () => {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };

  it('marks exactly the installed packages that have install scripts, as npm install would', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const [where, entry] of Object.entries(lock.packages)) {
      if (!where.startsWith('node_modules/')) continue;
      const dir = path.join(root, where);
      const manifest = path.join(dir, 'package.json');
      if (!fs.existsSync(manifest)) continue; // an optional package for another platform
      const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { scripts?: Record<string, string> };
      const scripts = pkg.scripts ?? {};
      const has = Boolean(scripts.preinstall || scripts.install || scripts.postinstall) || fs.existsSync(path.join(dir, 'binding.gyp'));
      if (has !== (entry.hasInstallScript === true)) wrong.push(`${where}: lock says ${entry.hasInstallScript === true}, package says ${has}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  });

  it('the README says why the engine warnings npm prints on an older Node are harmless', () => {
    expect(fs.readFileSync(path.join(root, 'README.md'), 'utf8')).toMatch(/EBADENGINE.*\n?.*harmless/);
  });
});
