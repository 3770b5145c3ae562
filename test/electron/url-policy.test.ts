import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  isAllowedRequest,
  isAppUrl,
  mimeFor,
  resolveAppPath,
  responseHeaders,
} from '../../electron/main/url-policy';

const root = path.resolve('/srv/caredesk/dist/renderer');

describe('isAppUrl', () => {
  it('accepts our origin only', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://caredesk/assets/index-abc.js')).toBe(true);
    expect(isAppUrl('app://caredesk/index.html#/residents')).toBe(true);
  });

  it.each([
    'https://caredesk/index.html',
    'http://localhost:5173/',
    'file:///etc/passwd',
    'app://caredesk.evil.example/index.html',
    'app://evil/index.html',
    'app://user@caredesk/index.html',
    'app://caredesk:8080/index.html',
    'javascript:alert(1)',
    'about:blank',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('isAllowedRequest', () => {
  const off = { devTools: false };
  it('lets our own assets, data URLs and our blobs through', () => {
    expect(isAllowedRequest('app://caredesk/assets/logo.svg', off)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,iVBORw0KGgo=', off)).toBe(true);
    expect(isAllowedRequest('blob:app://caredesk/6f1c0c8e-2b1a-4d1e-9a51-2f3a4b5c6d7e', off)).toBe(true);
  });

  it('cancels the network and every other scheme', () => {
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8080/',
      'ws://127.0.0.1/',
      'wss://example.com/',
      'file:///C:/Windows/win.ini',
      'ftp://example.com/',
      'blob:https://example.com/6f1c0c8e',
      'chrome://settings',
    ]) {
      expect(isAllowedRequest(url, off), url).toBe(false);
    }
  });

  it('lets DevTools load only when policy allows them', () => {
    expect(isAllowedRequest('devtools://devtools/bundled/devtools_app.html', off)).toBe(false);
    expect(isAllowedRequest('devtools://devtools/bundled/devtools_app.html', { devTools: true })).toBe(true);
  });
});

describe('resolveAppPath', () => {
  it('maps URLs to files under the root', () => {
    expect(resolveAppPath(root, 'app://caredesk/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://caredesk/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppPath(root, 'app://caredesk/assets/a%20b.woff2')).toBe(path.join(root, 'assets', 'a b.woff2'));
  });

  it('serves index.html for the bare origin and ignores query and hash', () => {
    expect(resolveAppPath(root, 'app://caredesk/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://caredesk')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://caredesk/index.html?x=1#/a/b')).toBe(path.join(root, 'index.html'));
  });

  it.each(['app://caredesk/../secret.txt', 'app://caredesk/%2e%2e/secret.txt', 'app://caredesk/assets/%2e%2e/%2e%2e/secret.txt', 'app://caredesk/%2e%2e'])(
    'keeps dot segments (which the URL parser clamps at the origin) inside the root: %s',
    (url) => {
      const resolved = resolveAppPath(root, url);
      expect(resolved?.startsWith(root + path.sep)).toBe(true);
    },
  );

  it.each([
    'app://caredesk/%2E%2E%2Fsecret.txt',
    'app://caredesk/..%2f..%2fetc%2fpasswd',
    'app://caredesk/assets/..%2F..%2F..%2Fsecret.txt',
    'app://caredesk/..%5c..%5cwindows%5cwin.ini',
    'app://caredesk/assets%5c..%5c..%5csecret.txt',
    'app://caredesk/index.html%00.png',
    'app://caredesk/%E0%A4%A',
    'app://caredesk/%2e%2e%2f',
  ])('refuses encoded separators, NUL and malformed escapes: %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it('refuses other origins and schemes', () => {
    expect(resolveAppPath(root, 'app://other/index.html')).toBeNull();
    expect(resolveAppPath(root, 'file:///srv/caredesk/dist/renderer/index.html')).toBeNull();
    expect(resolveAppPath(root, 'https://caredesk/index.html')).toBeNull();
  });

  it('does not mistake a sibling folder with the same prefix for the root', () => {
    expect(resolveAppPath(root, 'app://caredesk/..%2frenderer-evil/x.js')).toBeNull();
  });
});

describe('mimeFor and headers', () => {
  it('gives module scripts a JavaScript type and falls back to octet-stream', () => {
    expect(mimeFor('/a/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeFor('/a/index.HTML')).toBe('text/html; charset=utf-8');
    expect(mimeFor('/a/x.css')).toBe('text/css; charset=utf-8');
    expect(mimeFor('/a/x.svg')).toBe('image/svg+xml');
    expect(mimeFor('/a/x.woff2')).toBe('font/woff2');
    expect(mimeFor('/a/x.json')).toBe('application/json; charset=utf-8');
    expect(mimeFor('/a/README')).toBe('application/octet-stream');
    expect(mimeFor('/a/x.exe')).toBe('application/octet-stream');
  });

  it('sends the strict CSP and nosniff with every file', () => {
    const h = responseHeaders('/a/index.html');
    expect(h['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(h['X-Content-Type-Options']).toBe('nosniff');
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|https?:|\*/);
  });
});
