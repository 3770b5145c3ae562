/**
 * Electronegativity (Doyensec's static scanner for Electron security anti-patterns) over main,
 * the preload and the page they load, inside `npm test`. Every finding must be one that
 * docs/security.md explains; a new one fails this test until it is fixed or explained there.
 *
 * The scanner's own runner fetches translations from the internet and one global check
 * (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK) queries GitHub for Electron releases, so this drives
 * its loader-free parts directly: parser, atomic checks, global checks — offline, with the
 * English messages it ships. Electron upgrades are tracked by package.json, not by the scanner.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const dist = path.join(path.dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist');

interface Issue {
  id: string;
  file: string;
  location: { line: number };
  manualReview: boolean;
  severity: { name: string };
}
interface ParserT {
  parse(file: string, content: Buffer): [unknown, unknown, unknown, unknown];
}
interface FinderT {
  find(file: string, data: unknown, type: unknown, content: unknown, a: null, electronVersion: string): Promise<Issue[]>;
}
interface GlobalChecksT {
  getResults(issues: Issue[], output: undefined): Promise<Issue[]>;
}

/** Main and preload sources, and the page the window loads (where the meta CSP lives). */
function targets(): string[] {
  const ts = (dir: string) =>
    fs
      .readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => path.join(root, dir, f));
  return [...ts('electron/main'), ...ts('electron/preload'), path.join(root, 'renderer', 'index.html')];
}

async function scan(): Promise<Issue[]> {
  // The checks' descriptions use a global __() from the i18n package; configure it locally.
  (require('i18n') as { configure(o: object): void }).configure({
    locales: ['en-US'],
    defaultLocale: 'en-US',
    directory: path.join(dist, 'locales'),
    updateFiles: false,
    objectNotation: true,
    retryInDefaultLocale: true,
    register: globalThis,
  });
  const { Parser } = require(path.join(dist, 'parser')) as { Parser: new (a: boolean, b: boolean) => ParserT };
  const { Finder, GlobalChecks } = require(path.join(dist, 'finder')) as {
    Finder: new (custom: string[], exclude: string[], upgrade: undefined) => FinderT;
    GlobalChecks: new (custom: string[], exclude: string[], upgrade: undefined) => GlobalChecksT;
  };
  const electronVersion = (require('electron/package.json') as { version: string }).version;
  const parser = new Parser(false, true);
  const finder = new Finder([], [], undefined);
  const global = new GlobalChecks([], ['availablesecurityfixesglobalcheck'], undefined);
  const issues: Issue[] = [];
  for (const file of targets()) {
    const [type, data, content] = parser.parse(file, fs.readFileSync(file));
    if (data === null) continue;
    issues.push(...(await finder.find(file, data, type, content, null, electronVersion)));
  }
  return global.getResults(issues, undefined);
}

/**
 * Findings that stay, each explained item by item in docs/security.md (the section
 * "Electronegativity findings"). Keyed by check id and file.
 */
const EXPLAINED = [
  'CSP_GLOBAL_CHECK renderer/index.html',
  'PERMISSION_REQUEST_HANDLER_JS_CHECK electron/main/security.ts',
  'PRELOAD_JS_CHECK electron/main/security.ts',
];

let found: Issue[] = [];
beforeAll(async () => {
  found = await scan();
}, 60_000);

describe('Electronegativity over electron/main, electron/preload and the page', () => {
  it('scans the files (a scanner that reads nothing would pass anything)', () => {
    expect(targets().length).toBeGreaterThan(10);
    expect(found.length).toBeGreaterThan(0);
  });

  it('finds nothing that docs/security.md does not explain, and only items for review', () => {
    expect(found.filter((i) => !i.manualReview).map((i) => i.id)).toEqual([]);
    const keys = [...new Set(found.map((i) => `${i.id} ${i.file === 'N/A' ? 'N/A' : path.relative(root, i.file).replaceAll('\\', '/')}`))].sort();
    expect(keys).toEqual([...EXPLAINED].sort());
  });

  it('every explained finding is in docs/security.md', () => {
    const doc = fs.readFileSync(path.join(root, 'docs', 'security.md'), 'utf8');
    for (const e of EXPLAINED) expect(doc, e).toContain(e.split(' ')[0]);
  });
});
