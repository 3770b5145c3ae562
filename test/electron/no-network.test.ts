/**
 * The "no network" guarantee, for the renderer: its Content-Security-Policy (sent with every
 * app:// response, served by the harness too, and repeated in index.html) allows nothing but
 * our own origin, and the session cancels every other request. The database server, when the
 * policy names one, is reached by main alone (test/electron/main-smoke.test.ts watches main's
 * sockets), so it never appears here. Whether the app works with the cable out is what every
 * end-to-end test shows: Chromium runs with background networking off, on loopback only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isAllowedRequest } from '../../electron/main/url-policy';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function parseCsp(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

// Sources that can only ever mean "this app": its own origin, nothing, or inline data it made.
const LOCAL = new Set(["'self'", "'none'"]);
const LOCAL_IMG = new Set(["'self'", 'data:', 'blob:']);

describe("the renderer's Content-Security-Policy allows no network", () => {
  const csp = parseCsp(CONTENT_SECURITY_POLICY);

  it('has a default of none and names every fetch directive it relaxes', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect([...csp.keys()].sort()).toEqual(
      ['base-uri', 'connect-src', 'default-src', 'font-src', 'form-action', 'frame-ancestors', 'img-src', 'object-src', 'script-src', 'style-src'].sort(),
    );
  });

  it('allows only our own origin: no host, no scheme like https: or ws:, no wildcard, no eval or inline code', () => {
    for (const [directive, sources] of csp) {
      const allowed = directive === 'img-src' ? LOCAL_IMG : LOCAL;
      for (const s of sources) expect(allowed.has(s), `${directive} ${s}`).toBe(true);
    }
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|\*|https?:|wss?:/);
  });

  it('is the same in index.html (less frame-ancestors, which a meta tag cannot carry)', () => {
    const html = fs.readFileSync(path.join(root, 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const expected = new Map(csp);
    expected.delete('frame-ancestors');
    expect(parseCsp(meta!)).toEqual(expected);
  });

  it('the session lets through only app://caredesk, inline data and our own blobs', () => {
    for (const url of ['https://db.maplegrove.example:5432/', 'http://127.0.0.1/', 'ws://localhost:5432/', 'ftp://x/', 'file:///etc/hosts', 'postgres://db/caredesk']) {
      expect(isAllowedRequest(url, { devTools: true }), url).toBe(false);
    }
    expect(isAllowedRequest('app://caredesk/assets/index.js', { devTools: false })).toBe(true);
  });
});
