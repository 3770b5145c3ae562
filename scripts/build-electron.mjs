// Bundles main and preload into dist/electron/ and copies the SQL migrations beside them.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist', 'electron');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  // electron is provided by the runtime; better-sqlite3 loads a native .node file that cannot be bundled.
  external: ['electron', 'better-sqlite3'],
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  absWorkingDir: root,
};

fs.rmSync(out, { recursive: true, force: true });

const [main, preload] = await Promise.all([
  build({ ...common, entryPoints: ['electron/main/index.ts'], outfile: path.join(out, 'main.cjs') }),
  build({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: path.join(out, 'preload.cjs') }),
]);

// db/paths.ts finds migrations through import.meta.url, which is empty in a CJS bundle; main must
// pass path.join(__dirname, 'migrations') instead, so pulling that module in is a build error.
const forbidden = Object.keys(main.metafile.inputs).filter((f) => f.replaceAll('\\', '/').endsWith('db/paths.ts'));
if (forbidden.length > 0) throw new Error(`electron main must not import ${forbidden.join(', ')} (uses import.meta.url)`);

// A sandboxed preload can require only 'electron'; anything else would fail at run time, silently.
const preloadImports = Object.values(preload.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
const stray = preloadImports.filter((p) => p !== 'electron');
if (stray.length > 0) throw new Error(`the sandboxed preload may require only 'electron', not: ${stray.join(', ')}`);

fs.cpSync(path.join(root, 'db', 'migrations'), path.join(out, 'migrations'), { recursive: true });

// The SHA-256 of every native module that ships unpacked beside app.asar; main checks them at
// start-up (electron/main/native-integrity.ts, same rule). The manifest itself is inside the asar.
const require = createRequire(import.meta.url);
function hashNativeFiles(dir, prefix = '') {
  const out = {};
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, hashNativeFiles(dir, rel));
    else if (entry.name.endsWith('.node')) out[rel] = createHash('sha256').update(fs.readFileSync(path.join(dir, rel))).digest('hex');
  }
  return out;
}
const nativePackages = ['better-sqlite3'];
const manifest = { packages: Object.fromEntries(nativePackages.map((name) => [name, hashNativeFiles(path.dirname(require.resolve(`${name}/package.json`)))])) };
fs.writeFileSync(path.join(out, 'native-hashes.json'), `${JSON.stringify(manifest, null, 2)}\n`);

const size = (f) => `${(fs.statSync(path.join(out, f)).size / 1024).toFixed(0)} KiB`;
console.log(`dist/electron: main.cjs ${size('main.cjs')}, preload.cjs ${size('preload.cjs')}, migrations copied, native modules hashed`);
