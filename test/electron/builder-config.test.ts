/**
 * electron-builder.yml against electron-builder's own configuration schema (its loader and
 * validator, exactly as `npm run dist` would run them), and the security settings it must keep.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { signingArgs } from '../../scripts/dist';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

interface BuilderConfigModule {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
}
// electron-builder's own config module (app-builder-lib ships with electron-builder).
const builder = require('app-builder-lib/out/util/config/config.js') as BuilderConfigModule;
const quiet = { isEnabled: false, add: () => {} };

type Config = Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  win: { target: { target: string }[]; signtoolOptions?: Record<string, unknown>; requestedExecutionLevel?: string };
  msi: Record<string, unknown>;
  nsis: Record<string, unknown>;
  mac: { target: { target: string }[]; hardenedRuntime: boolean; notarize: boolean };
  linux: { target: string[] };
  asarUnpack: string[];
  files: { filter: string[] }[];
};

async function config(): Promise<Config> {
  return (await builder.getConfig(root, null, null)) as Config;
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema", async () => {
    await expect(builder.validateConfiguration(await config(), quiet)).resolves.toBeUndefined();
  });

  it('the check catches a misspelt option (so a pass means something)', async () => {
    await expect(builder.validateConfiguration({ ...(await config()), perMachine: true }, quiet)).rejects.toThrow(/perMachine/);
  });

  it('builds every installer the sites need: MSI and NSIS, AppImage and deb, dmg', async () => {
    const c = await config();
    expect(c.win.target.map((t) => t.target)).toEqual(['msi', 'nsis']);
    expect(c.linux.target).toEqual(['AppImage', 'deb']);
    expect(c.mac.target.map((t) => t.target)).toEqual(['dmg']);
  });

  it('flips every fuse that would turn the app into something else', async () => {
    expect((await config()).electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('MSI per machine into Program Files, silent, never started as SYSTEM, with a fixed upgrade code', async () => {
    const { msi } = await config();
    expect(msi).toMatchObject({ perMachine: true, oneClick: true, runAfterFinish: false, warningsAsErrors: true });
    expect(msi.upgradeCode).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('NSIS per user, never elevating, never deleting the data', async () => {
    expect((await config()).nsis).toMatchObject({ perMachine: false, allowElevation: false, packElevateHelper: false, deleteAppDataOnUninstall: false });
  });

  it('runs as the invoker, signs with SHA-256, hardens the macOS runtime', async () => {
    const c = await config();
    expect(c.win.requestedExecutionLevel).toBe('asInvoker');
    expect(c.win.signtoolOptions).toEqual({ signingHashAlgorithms: ['sha256'] });
    expect(c.mac.hardenedRuntime).toBe(true);
  });

  it('ships only the build: asar on, only .node files unpacked, no sources, no update server', async () => {
    const c = await config();
    expect(c.asar).toBe(true);
    expect(c.asarUnpack).toEqual(['node_modules/better-sqlite3/**/*.node']);
    const filter = c.files.flatMap((f) => f.filter);
    for (const folder of ['test', 'scripts', 'renderer', 'electron', 'db', 'shared']) expect(filter).toContain(`!${folder}/**`);
    expect(c.publish).toBeNull();
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).not.toContain('electron-updater');
  });

  it('holds no signing secret, and the repository holds no certificate', async () => {
    const text = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    for (const key of ['cscLink', 'cscKeyPassword', 'certificateFile', 'certificatePassword', 'certificateSha1', 'certificateSubjectName', 'appleIdPassword']) {
      expect(text, key).not.toMatch(new RegExp(`^\\s*${key}\\s*:`, 'm'));
    }
    const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n');
    expect(tracked.filter((f) => /\.(pfx|p12|cer|key|p8|provisionprofile)$/i.test(f))).toEqual([]);
  });
});

describe('npm run dist: signing from the environment', () => {
  it('an empty environment builds unsigned, and says what that means', () => {
    const { args, notes } = signingArgs({});
    expect(args).toEqual([]);
    expect(notes.join(' ')).toMatch(/Windows: unsigned .*AppLocker/);
  });

  it('a Windows certificate from the store, a time-stamp server, and a required signature', () => {
    const { args } = signingArgs({ CAREDESK_WIN_CERT_SHA1: ' 0123abcd ', CAREDESK_TIMESTAMP_URL: 'http://timestamp.example', CAREDESK_REQUIRE_SIGNING: '1' });
    expect(args).toEqual(['-c.win.signtoolOptions.certificateSha1=0123abcd', '-c.win.signtoolOptions.rfc3161TimeStampServer=http://timestamp.example', '-c.forceCodeSigning=true']);
  });

  it('a .pfx and its password stay in the environment for electron-builder; nothing secret becomes an argument', () => {
    const env = { WIN_CSC_LINK: 'C:\\certs\\caredesk.pfx', WIN_CSC_KEY_PASSWORD: 'hunter2-secret' };
    const { args, notes } = signingArgs(env);
    expect(args.join(' ')).not.toContain('hunter2');
    expect(notes.join(' ')).not.toContain('hunter2');
    expect(notes[0]).toMatch(/signing with the certificate/);
  });

  it('notarizes a Mac build only with complete Apple credentials', () => {
    expect(signingArgs({ CSC_NAME: 'Developer ID Application: X', APPLE_ID: 'a@b', APPLE_APP_SPECIFIC_PASSWORD: 'p', APPLE_TEAM_ID: 'T' }).args).toEqual(['-c.mac.notarize=true']);
    expect(signingArgs({ APPLE_ID: 'a@b' }).args).toEqual([]);
  });
});
