import fs from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { APP_SCHEME, resolveAppPath, responseHeaders } from './url-policy';

/**
 * Must run before app 'ready'. Standard: relative URLs and a real origin for the renderer.
 * Secure: a secure context, like https. supportFetchAPI: same-origin fetch of our own assets.
 * Deliberately not corsEnabled (it would make our files readable cross-origin) nor bypassCSP.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
}

/** Serves app://caredesk/… from root (dist/renderer) and nothing else. Call after 'ready'. */
export function serveAppProtocol(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const file = resolveAppPath(root, request.url);
    if (file === null) return plain(404, 'Not found');
    try {
      // readFile, not net.fetch(file://): it reads inside app.asar and keeps file:// out of the picture.
      const body = await fs.readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: responseHeaders(file) });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return plain(404, 'Not found');
      return plain(500, 'Internal error');
    }
  });
}

/** Where the built renderer lives next to the bundled main (dist/electron → dist/renderer). */
export function rendererRoot(mainDir: string): string {
  return path.join(mainDir, '..', 'renderer');
}
