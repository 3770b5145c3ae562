import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { startHarness, type Harness } from '../support/harness';
import { makeCore, tempDir } from '../support/core';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

function request(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

async function start() {
  const root = tempDir('caredesk-root-');
  fs.writeFileSync(path.join(root, 'index.html'), '<html><head></head><body>app</body></html>');
  fs.writeFileSync(path.join(root, 'app.js'), 'console.log(1)');
  const made = await makeCore();
  harness = await startHarness(made.core, { root });
  return harness;
}

describe('loopback harness', () => {
  test('listens on 127.0.0.1 and stamps the per-run token into the page', async () => {
    const h = await start();
    expect(new URL(h.url).hostname).toBe('127.0.0.1');
    const page = await request(h.url);
    expect(page.body).toContain(`content="${h.token}"`);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['set-cookie']?.[0]).toMatch(/HttpOnly; SameSite=Strict/);
  });

  test('answers invoke only with the token and a connection cookie', async () => {
    const h = await start();
    const page = await request(h.url);
    const cookie = page.headers['set-cookie']![0]!.split(';')[0]!;
    const body = JSON.stringify({ method: 'setup.status', input: {} });
    expect((await request(`${h.url}__invoke`, { method: 'POST', headers: { cookie }, body })).status).toBe(403);
    expect((await request(`${h.url}__invoke`, { method: 'POST', headers: { 'x-caredesk-token': 'guess', cookie }, body })).status).toBe(403);
    const ok = await request(`${h.url}__invoke`, { method: 'POST', headers: { 'x-caredesk-token': h.token, cookie }, body });
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { needsSetup: true } });
  });

  test('serves files from the renderer folder only', async () => {
    const h = await start();
    expect((await request(`${h.url}app.js`)).status).toBe(200);
    expect((await request(`${h.url}..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    expect((await request(`${h.url}missing.js`)).status).toBe(404);
  });

  test('refuses another Host (DNS rebinding) and another Origin (cross-site)', async () => {
    const h = await start();
    const port = new URL(h.url).port;
    expect((await request(h.url, { headers: { host: `evil.example:${port}` } })).status).toBe(421);
    const page = await request(h.url);
    const cookie = page.headers['set-cookie']![0]!.split(';')[0]!;
    const body = JSON.stringify({ method: 'setup.status', input: {} });
    const cross = await request(`${h.url}__invoke`, { method: 'POST', headers: { 'x-caredesk-token': h.token, cookie, origin: 'http://evil.example' }, body });
    expect(cross.status).toBe(421);
    const same = await request(`${h.url}__invoke`, { method: 'POST', headers: { 'x-caredesk-token': h.token, cookie, origin: h.url.replace(/\/$/, '') }, body });
    expect(same.status).toBe(200);
  });
});

describe('npm run harness (the command line)', () => {
  /** Starts the CLI on a new database, makes one call through it, stops it; returns what it printed. */
  async function runCli(extra: string[]): Promise<{ stdout: string; stderr: string; policy: unknown }> {
    const { spawn } = await import('node:child_process');
    const db = path.join(tempDir('caredesk-cli-'), 'caredesk.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/harness-cli.ts', '--db', db, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    try {
      await expect.poll(() => /Open (http:\/\/\S+)/.test(stdout), { timeout: 20_000 }).toBe(true);
      const url = /Open (http:\/\/\S+)/.exec(stdout)![1]!;
      const page = await request(url);
      const token = /caredesk-harness-token" content="([^"]+)"/.exec(page.body)![1]!;
      const cookie = String(page.headers['set-cookie']).split(';')[0]!;
      const r = await request(`${url}__invoke`, {
        method: 'POST',
        headers: { 'x-caredesk-token': token, cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ method: 'policy.status', input: {} }),
      });
      return { stdout, stderr, policy: JSON.parse(r.body) };
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('close', resolve));
    }
  }

  test('is quiet by default and logs each call with --verbose; --policy tries a policy file', async () => {
    const quiet = await runCli([]);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout.split('\n').filter(Boolean)).toHaveLength(3);

    const policyFile = path.join(tempDir('caredesk-cli-policy-'), 'policy.json');
    fs.writeFileSync(policyFile, JSON.stringify({ language: 'es', idleLockMinutes: 'ten' }));
    const verbose = await runCli(['--verbose', '--policy', policyFile]);
    expect(verbose.stderr).toMatch(/"ev":"ipc","m":"policy.status".*"code":"ok"/);
    expect(verbose.policy).toMatchObject({ ok: true, value: { managed: { language: 'es' }, problems: [{ key: 'idleLockMinutes', code: 'wrong_type' }] } });
  }, 60_000);
});
