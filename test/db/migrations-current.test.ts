import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { tempDir } from '../support/core';

/**
 * Each engine's committed migrations must match its schema: drizzle-kit, run against a copy of the
 * migrations folder, finds nothing to generate. A schema change without its migration fails here.
 */
const root = path.resolve(import.meta.dirname, '../..');

describe.each([
  ['sqlite', 'sqlite'],
  ['pg', 'postgresql'],
] as const)('%s migrations', (folder, dialect) => {
  test('are current with the schema', { timeout: 60_000 }, () => {
    const dir = tempDir('caredesk-kit-');
    const out = path.join(dir, 'migrations');
    fs.cpSync(path.join(root, 'db', 'migrations', folder), out, { recursive: true });
    const config = path.join(dir, 'drizzle.config.mjs');
    // drizzle-kit reads both paths relative to the working directory.
    fs.writeFileSync(config, `export default ${JSON.stringify({ dialect, schema: `./db/schema/${folder}/index.ts`, out: path.relative(root, out) })};\n`);
    const before = fs.readdirSync(out).sort();
    const r = spawnSync(path.join(root, 'node_modules', '.bin', 'drizzle-kit'), ['generate', '--config', config], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(before);
    expect(r.stdout).toMatch(/No schema changes/i);
  });
});
