// Shared by the host tests: a fake built renderer on disk, fake handlers, and raw HTTP requests
// (node:http, so Host, Origin and odd paths go out exactly as written).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CHANNELS, type Channel } from '../../../preload/contract.js';
import type { ApiHandlers } from '../../../main/api/apiTypes.js';

/** A temporary folder laid out like out/renderer, with a secret next to it and a symlink out. */
export function makeRendererDir(): { root: string; rendererDir: string; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), 'convscope-host-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><script src="./assets/app.js"></script>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(join(rendererDir, 'assets', 'style.css'), 'body{}');
  writeFileSync(join(rendererDir, 'assets', 'font.woff2'), 'woff2');
  writeFileSync(join(rendererDir, 'assets', 'blob.xyz'), 'unknown');
  writeFileSync(join(rendererDir, '.env'), 'SECRET=1');
  writeFileSync(join(root, 'secret.txt'), 'outside the renderer');
  symlinkSync(join(root, 'secret.txt'), join(rendererDir, 'assets', 'link.txt'));
  return { root, rendererDir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Handlers that fail loudly unless a test gives its own. */
export function fakeHandlers(overrides: Partial<ApiHandlers> = {}): ApiHandlers {
  const handlers: Partial<Record<Channel, () => Promise<never>>> = {};
  for (const channel of CHANNELS) {
    handlers[channel] = () => Promise.reject(new Error(`${channel} is not faked in this test`));
  }
  return { ...(handlers as ApiHandlers), ...overrides };
}

/** A raw HTTP answer. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Sends one request to 127.0.0.1:port with exactly these headers (Host defaults to the right one). */
export function rawRequest(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: Uint8Array },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Sends a WebSocket upgrade request; resolves with the status the host answers. */
export function upgradeRequest(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path,
      agent: false,
      headers: {
        host: `127.0.0.1:${port}`,
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        ...headers,
      },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('upgrade', () => reject(new Error('the host accepted a WebSocket upgrade')));
    req.on('error', reject);
    req.end();
  });
}
