import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3's native module is unpacked beside app.asar (a .node file cannot load from
 * inside it), so asar integrity does not cover it. The build records the SHA-256 of every
 * .node file it ships in native-hashes.json, which lives inside the asar; main checks the files
 * against it before the first database is opened, and refuses a file that was replaced or added.
 * scripts/build-electron.mjs writes the manifest with the same rule (`hashNativeFiles`).
 */

export const NATIVE_MANIFEST = 'native-hashes.json';

export interface NativeManifest {
  /** Package folder name → { path inside it → sha256 hex }. */
  packages: Record<string, Record<string, string>>;
}

function nodeFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...nodeFiles(path.join(dir, entry.name), rel));
    else if (entry.name.endsWith('.node')) out.push(rel);
  }
  return out.sort();
}

export function hashNativeFiles(packageDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of nodeFiles(packageDir)) out[rel] = createHash('sha256').update(fs.readFileSync(path.join(packageDir, rel))).digest('hex');
  return out;
}

export type NativeCheck = { ok: true; checked: number } | { ok: false; reason: 'no_manifest' | 'mismatch' | 'unexpected' | 'missing_package'; file: string };

/**
 * Checks each .node file of each package in the manifest. `resolvePackage` finds a package's
 * folder (require.resolve of its package.json: inside app.asar in the installed app, where
 * Electron reads unpacked files from app.asar.unpacked transparently).
 */
export function verifyNativeModules(manifestFile: string, resolvePackage: (name: string) => string | null): NativeCheck {
  let manifest: NativeManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as NativeManifest;
  } catch {
    return { ok: false, reason: 'no_manifest', file: manifestFile };
  }
  let checked = 0;
  for (const [name, expected] of Object.entries(manifest.packages ?? {})) {
    const dir = resolvePackage(name);
    if (dir === null) return { ok: false, reason: 'missing_package', file: name };
    const actual = hashNativeFiles(dir);
    for (const rel of Object.keys(actual)) {
      if (!(rel in expected)) return { ok: false, reason: 'unexpected', file: path.join(dir, rel) };
      if (actual[rel] !== expected[rel]) return { ok: false, reason: 'mismatch', file: path.join(dir, rel) };
      checked++;
    }
  }
  return { ok: true, checked };
}
