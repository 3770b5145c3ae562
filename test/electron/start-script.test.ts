import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';

describe('npm start where Electron cannot be fetched', () => {
  it('gives one explanation with the reason, not a bare "TypeError: fetch failed" and a stack', () => {
    const dir = tempDir('caredesk-start-');
    // What Electron's installer prints offline; a stand-in, so this test never goes online.
    const installer = path.join(dir, 'install.cjs');
    fs.writeFileSync(installer, 'console.error("TypeError: fetch failed\\n    at node:internal/deps/undici/undici:13510:13\\n    at async downloadArtifact (x.js:1:1)"); process.exit(1);');
    const r = spawnSync(process.execPath, ['scripts/start.mjs'], {
      encoding: 'utf8',
      env: { ...process.env, CAREDESK_ELECTRON_INSTALLER: installer, ELECTRON_OVERRIDE_DIST_PATH: path.join(dir, 'no-electron-here') },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/TypeError|^\s+at /m);
    expect(r.stderr).toContain('(Fetching it did not work: fetch failed.)');
    expect(r.stderr).toContain('npm run harness -- --demo');
  });
});
