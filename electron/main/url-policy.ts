import path from 'node:path';

/**
 * Pure rules for what the app may load and serve. No 'electron' import, so vitest checks them
 * directly; security.ts and app-protocol.ts only wire them to Electron's hooks.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'caredesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

// Everything the renderer needs ships inside the app, so nothing outside our own origin is allowed.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for our own origin; 'app://caredesk.evil' or 'app://user@caredesk' do not pass. */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/**
 * What the session lets through: our origin, inline data, blobs our own pages made, and the
 * DevTools front end when policy allows it. Everything else (http, https, file, ws, ftp…) is cancelled.
 */
export function isAllowedRequest(url: string, opts: { devTools: boolean }): boolean {
  if (isAppUrl(url)) return true;
  const u = parse(url);
  if (u === null) return false;
  if (u.protocol === 'data:') return true;
  // A blob URL carries its creator's origin: 'blob:app://caredesk/<uuid>'.
  if (u.protocol === 'blob:') return isAppUrl(u.pathname);
  if (u.protocol === 'devtools:') return opts.devTools;
  return false;
}

/**
 * Maps an app:// request to a file under root, or null when it is not ours or would escape root.
 * The decoded path is resolved and must stay inside root; backslashes and NUL bytes are refused
 * outright because Windows treats '\' as a separator and no asset name needs either.
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  const u = parse(requestUrl);
  if (u === null || !isAppUrl(requestUrl)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = path.resolve(root);
  const full = path.resolve(base, relative);
  // Also refuses root itself: a folder is not a file to serve.
  if (!full.startsWith(base + path.sep)) return null;
  return full;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

/** Module scripts are refused without a JavaScript MIME type, so this must be right, not guessed. */
export function mimeFor(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers for every app:// response: the CSP travels with the document, not in a meta tag it could lose. */
export function responseHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': mimeFor(file),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}
