import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Core } from '../../electron/core/app';
import type { Connection } from '../../electron/core/dispatcher';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/url-policy';

/**
 * The loopback harness: serves the built renderer and answers its `invoke` calls with the
 * real dispatcher, so end-to-end tests drive the real app in Chromium where Electron cannot
 * run. 127.0.0.1 only, a random port, a per-run token. Never shipped in the packaged app.
 */
export interface Harness {
  url: string;
  token: string;
  close(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
// CAREDESK_RENDERER_DIST serves another build (say, of an older commit) to the same tests, to show
// that a new end-to-end test fails on the code before its fix.
export const rendererDist = process.env.CAREDESK_RENDERER_DIST ?? path.resolve(here, '../../dist/renderer');

// The same policy app:// sends in Electron, so the harness cannot be laxer than the app.
export const CSP = CONTENT_SECURITY_POLICY;

export const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const MAX_BODY = 8 * 1024 * 1024;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function cookieOf(req: http.IncomingMessage, name: string): string | null {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === name && v) return v;
  }
  return null;
}

/** What answers the page's calls: a dispatcher, or the start-up recovery service until the database opens. */
export interface Served {
  connect(): Connection;
}

/**
 * `target` is the app's core, or a function naming what serves right now — the start-up recovery
 * service, then the core's dispatcher once a restore or a re-wrap has opened the database (as main
 * switches over). A tab's connection is made again when what serves has changed.
 */
export function startHarness(target: Core | (() => Served), opts: { port?: number; root?: string } = {}): Promise<Harness> {
  const served = typeof target === 'function' ? target : () => target.dispatcher;
  const root = opts.root ?? rendererDist;
  if (!fs.existsSync(path.join(root, 'index.html'))) throw new Error(`No built renderer at ${root}: run \`vite build\` first`);
  const token = randomBytes(24).toString('base64url');
  // One connection per browser tab-session cookie, as Electron keeps one per window.
  const connections = new Map<string, { conn: Connection; from: Served }>();
  const connectionOf = (id: string | null): Connection | null => {
    const entry = connections.get(id ?? '');
    if (!entry || id === null) return null;
    const now = served();
    if (entry.from === now) return entry.conn;
    void entry.conn.close();
    const fresh = { conn: now.connect(), from: now };
    connections.set(id, fresh);
    return fresh.conn;
  };
  const indexHtml = fs
    .readFileSync(path.join(root, 'index.html'), 'utf8')
    .replace('<head>', `<head>\n    <meta name="caredesk-harness-token" content="${token}" />`);

  let origin = '';
  const server = http.createServer(async (req, res) => {
    // Only this exact loopback origin: a web page that rebinds a DNS name to 127.0.0.1 arrives
    // with its own Host header, and a cross-site request carries its own Origin.
    if (req.headers.host !== new URL(origin).host || (req.headers.origin !== undefined && req.headers.origin !== origin)) {
      res.writeHead(421).end();
      return;
    }
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      if (url.pathname === '/__invoke') {
        if (req.method !== 'POST' || req.headers['x-caredesk-token'] !== token) {
          res.writeHead(403).end();
          return;
        }
        const conn = connectionOf(cookieOf(req, 'cd_conn'));
        if (!conn) {
          res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: { code: 'unauthenticated', message: 'error.unauthenticated' } }));
          return;
        }
        let body: { method?: unknown; input?: unknown };
        try {
          body = JSON.parse(await readBody(req)) as { method?: unknown; input?: unknown };
        } catch {
          res.writeHead(400).end();
          return;
        }
        const result = await conn.invoke(body.method, body.input);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
        return;
      }
      if (req.method !== 'GET') {
        res.writeHead(405).end();
        return;
      }
      if (url.pathname === '/__events') {
        // Server-sent events: what Electron sends the window over IPC, the harness streams here.
        const conn = connectionOf(cookieOf(req, 'cd_conn'));
        if (url.searchParams.get('token') !== token || !conn) {
          res.writeHead(403).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
        res.write(': open\n\n');
        const unsubscribe = conn.subscribe((events) => res.write(`data: ${JSON.stringify(events)}\n\n`));
        req.on('close', unsubscribe);
        return;
      }
      if (url.pathname === '/' || url.pathname === '/index.html') {
        let id = cookieOf(req, 'cd_conn');
        if (!id || !connections.has(id)) {
          id = randomBytes(16).toString('base64url');
          const now = served();
          connections.set(id, { conn: now.connect(), from: now });
        }
        res.writeHead(200, {
          'content-type': MIME['.html']!,
          'content-security-policy': CSP,
          'set-cookie': `cd_conn=${id}; HttpOnly; SameSite=Strict; Path=/`,
        });
        res.end(indexHtml);
        return;
      }
      const file = path.resolve(root, `.${decodeURIComponent(url.pathname)}`);
      if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP });
      fs.createReadStream(file).pipe(res);
    } catch {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      origin = `http://127.0.0.1:${port}`;
      resolve({
        url: `${origin}/`,
        token,
        close: () =>
          new Promise<void>((done) => {
            connections.forEach((c) => void c.conn.close());
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
