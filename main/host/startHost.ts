/**
 * The browser-mode host: a plain Node HTTP server on 127.0.0.1 that serves the built renderer and
 * answers the contract's calls, for running Convscope in a browser tab where Electron is missing.
 *
 * Security model (any local process and any web page the user visits can reach 127.0.0.1):
 * - A random token is required on every request: in the path for the page and its assets
 *   (`/<token>/index.html`, so relative asset and chunk URLs carry it without rewriting), and in
 *   the `x-convscope-token` header for API calls. No cookie: a cookie would ride along on
 *   requests other sites' pages make (CSRF); a custom header cannot be sent cross-origin without
 *   a CORS preflight, which this host never grants.
 * - Host must be exactly 127.0.0.1:<port> or localhost:<port> (DNS rebinding), Origin when
 *   present must be this origin, and Sec-Fetch-Site when present same-origin or none.
 * - Every response carries the CSP, cross-origin isolation (COOP/COEP/CORP), nosniff and
 *   no-referrer, and no-store.
 * - It reads only the renderer folder and writes nothing: photos arrive as uploads and exports
 *   leave as bytes (the handlers refuse the Electron-only channels).
 */
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

import { TOKEN_HEADER } from '../../renderer/src/api/tokenHeader.js';
import type { ApiHandlers } from '../api/apiTypes.js';
import { MAX_REQUEST_BYTES } from '../api/requestChecks.js';
import { contentSecurityPolicy } from '../electron/csp.js';
import { contentTypeFor } from './contentTypeFor.js';
import { handleApiCall } from './handleApiCall.js';
import { createHostToken, tokenMatches } from './hostToken.js';
import { guardRequest } from './requestGuard.js';
import { resolveStaticPath } from './resolveStaticPath.js';
import { setSecurityHeaders } from './securityHeaders.js';

/** Options of startHost. */
export interface HostOptions {
  /** Port on 127.0.0.1 (default 0: a free one). */
  port?: number;
  /** Folder of the built renderer (index.html and assets/). */
  rendererDir: string;
  /** main/api's createApiHandlers({ shell: 'browser', … }); requests reach them validated. */
  handlers: ApiHandlers;
  /** Largest API request body in bytes (default: the largest upload the API accepts, plus room). */
  maxRequestBytes?: number;
}

/** A running host. */
export interface Host {
  /** The page URL, token included: open this in a browser. */
  readonly url: string;
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  readonly token: string;
  /** The listening socket's address (always 127.0.0.1), while it listens. */
  address(): AddressInfo;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

// The request's JSON header and field names come on top of the largest file the API accepts.
const DEFAULT_MAX_REQUEST_BYTES = MAX_REQUEST_BYTES + 1024 * 1024;
// The bridge POSTs (no WebSocket), so the shared policy's connect-src 'self' is all it needs.
const CSP = contentSecurityPolicy();

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}

/** Starts the browser-mode host on 127.0.0.1 and resolves once it listens. */
export async function startHost(options: HostOptions): Promise<Host> {
  // Always fresh and never caller-chosen: a weak or reused token would undo everything below.
  const token = createHostToken();
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  let port = 0;

  const serveStatic = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const [, first, ...rest] = path.split('/');
    if (!tokenMatches(first, token)) return refuse(res, 403, 'Forbidden');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return refuse(res, 405, 'Method Not Allowed');
    }
    // Relative asset URLs resolve against the page's folder, so the page must end in a slash.
    if (rest.length === 0) {
      res.writeHead(308, { Location: `/${token}/` });
      res.end();
      return;
    }
    const file = await resolveStaticPath(options.rendererDir, rest);
    if (file === null) return refuse(res, 404, 'Not Found');
    res.writeHead(200, { 'Content-Type': contentTypeFor(file) });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    setSecurityHeaders(res, CSP);
    const failure = guardRequest(req, port);
    if (failure !== null) return refuse(res, failure.status, 'Forbidden');
    const url = req.url ?? '';
    // Origin-form only ("/..."): an absolute-form target names some other server.
    if (!url.startsWith('/')) return refuse(res, 400, 'Bad Request');
    const path = url.split(/[?#]/, 1)[0];
    if (path.startsWith('/api/')) {
      const presented = req.headers[TOKEN_HEADER];
      if (!tokenMatches(typeof presented === 'string' ? presented : undefined, token)) {
        return refuse(res, 403, 'Forbidden');
      }
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST');
        return refuse(res, 405, 'Method Not Allowed');
      }
      if (req.headers['content-type'] !== 'application/octet-stream') {
        return refuse(res, 415, 'Unsupported Media Type');
      }
      let channel: string;
      try {
        channel = decodeURIComponent(path.slice('/api/'.length));
      } catch {
        return refuse(res, 404, 'Not Found');
      }
      return handleApiCall(req, res, channel, {
        handlers: options.handlers,
        maxRequestBytes,
      });
    }
    return serveStatic(req, res, path);
  };

  const server = createServer((req, res) => {
    onRequest(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  });

  // There is no WebSocket endpoint (the bridge uses POST); refuse every upgrade, and say 403 when
  // the request would have been refused anyway, so a probe learns nothing more.
  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    const authorised =
      guardRequest(req, port) === null &&
      tokenMatches(
        typeof req.headers[TOKEN_HEADER] === 'string' ? req.headers[TOKEN_HEADER] : undefined,
        token,
      );
    const status = authorised ? '404 Not Found' : '403 Forbidden';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/${token}/`,
    origin,
    token,
    address: () => server.address() as AddressInfo,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
