// The browser-mode host over real HTTP: the token on every request, Host and Origin checks, no
// way out of the renderer folder, the security headers, and a socket on 127.0.0.1 only.
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { encodeWire } from '../../../renderer/src/api/wireCodec.js';
import { startHost, type Host } from '../../../main/host/startHost.js';
import { fakeHandlers, makeRendererDir, rawRequest, upgradeRequest } from './hostFixture.js';

let host: Host;
let port: number;
let fixture: ReturnType<typeof makeRendererDir>;

const apiHeaders = (token: string): Record<string, string> => ({
  'content-type': 'application/octet-stream',
  'x-convscope-token': token,
});

beforeAll(async () => {
  fixture = makeRendererDir();
  host = await startHost({
    rendererDir: fixture.rendererDir,
    handlers: fakeHandlers({ 'app:info': async () => ({ version: '9.9.9', shell: 'browser' }) }),
  });
  port = host.address().port;
});

afterAll(async () => {
  await host.close();
  fixture.cleanup();
});

describe('browser-mode host: where it listens and what it prints', () => {
  it('listens on 127.0.0.1 only, on a free port, with a 32-byte base64url token in the URL', () => {
    const address = host.address();
    expect(address.address).toBe('127.0.0.1');
    expect(address.family).toBe('IPv4');
    expect(address.port).toBeGreaterThan(0);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(host.token, 'base64url')).toHaveLength(32);
    expect(host.url).toBe(`http://127.0.0.1:${address.port}/${host.token}/`);
  });

  it('cannot be reached on any other address of this machine', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .map((info) => info?.address)
      .filter((address): address is string => address !== undefined && address !== '127.0.0.1');
    for (const address of ['::1', ...others]) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: address, port });
        socket.once('connect', () => {
          socket.destroy();
          resolve(false);
        });
        socket.once('error', () => resolve(true));
      });
      expect(refused, address).toBe(true);
    }
  });

  it('draws a different token each start', async () => {
    const other = await startHost({ rendererDir: fixture.rendererDir, handlers: fakeHandlers() });
    try {
      expect(other.token).not.toBe(host.token);
      expect(other.address().port).not.toBe(port);
    } finally {
      await other.close();
    }
  });
});

describe('browser-mode host: the token', () => {
  it('serves the page and assets with the token in the path', async () => {
    const page = await rawRequest(port, { path: `/${host.token}/` });
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('./assets/app.js');
    expect((await rawRequest(port, { path: `/${host.token}/index.html` })).status).toBe(200);
    const asset = await rawRequest(port, { path: `/${host.token}/assets/app.js?v=1` });
    expect(asset.status).toBe(200);
    expect(asset.body.toString()).toBe('console.log("app");');
    const redirect = await rawRequest(port, { path: `/${host.token}` });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.location).toBe(`/${host.token}/`);
  });

  it('refuses the page, assets and API without the token or with a wrong one (403)', async () => {
    const wrong = host.token.slice(0, -1) + (host.token.endsWith('A') ? 'B' : 'A');
    const paths = [
      '/',
      '/index.html',
      '/assets/app.js',
      `/${wrong}/`,
      `/${wrong}/assets/app.js`,
      '/favicon.ico',
    ];
    for (const path of paths) {
      expect((await rawRequest(port, { path })).status, path).toBe(403);
    }
    // A query token is not how assets are authorised here (relative chunk URLs would lose it).
    expect((await rawRequest(port, { path: `/assets/app.js?token=${host.token}` })).status).toBe(403);
    const body = encodeWire(null);
    for (const headers of [
      { 'content-type': 'application/octet-stream' },
      apiHeaders(wrong),
      apiHeaders(''),
      apiHeaders(host.token + 'x'),
      // A cookie is not a token: it would ride along on other sites' requests.
      { 'content-type': 'application/octet-stream', cookie: `x-convscope-token=${host.token}` },
    ]) {
      const answer = await rawRequest(port, { method: 'POST', path: '/api/app:info', headers, body });
      expect(answer.status, JSON.stringify(headers)).toBe(403);
    }
    const inPath = await rawRequest(port, {
      method: 'POST',
      path: `/api/app:info?token=${host.token}`,
      headers: { 'content-type': 'application/octet-stream' },
      body,
    });
    expect(inPath.status).toBe(403);
  });

  it('answers API calls that carry the token', async () => {
    const answer = await rawRequest(port, {
      method: 'POST',
      path: '/api/app:info',
      headers: apiHeaders(host.token),
      body: encodeWire(null),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/octet-stream');
  });

  it('refuses WebSocket upgrades: 403 without the token, and there is no socket to upgrade to', async () => {
    expect(await upgradeRequest(port, '/')).toBe(403);
    expect(await upgradeRequest(port, `/${host.token}/`)).toBe(403);
    expect(await upgradeRequest(port, '/api', { 'x-convscope-token': 'wrong' })).toBe(403);
    expect(
      await upgradeRequest(port, '/api', { 'x-convscope-token': host.token, host: `evil.test:${port}` }),
    ).toBe(403);
    expect(await upgradeRequest(port, '/api', { 'x-convscope-token': host.token })).toBe(404);
  });
});

describe('browser-mode host: Host, Origin and Fetch Metadata', () => {
  it('refuses a Host other than 127.0.0.1:<port> or localhost:<port> (DNS rebinding)', async () => {
    for (const hostHeader of [
      `evil.test:${port}`,
      'evil.test',
      '127.0.0.1',
      `127.0.0.1:${port + 1}`,
      `localhost.evil.test:${port}`,
      `[::1]:${port}`,
      `0.0.0.0:${port}`,
      `127.0.0.1:${port}.evil.test`,
    ]) {
      const page = await rawRequest(port, { path: `/${host.token}/`, headers: { host: hostHeader } });
      expect(page.status, hostHeader).toBe(403);
      const api = await rawRequest(port, {
        method: 'POST',
        path: '/api/app:info',
        headers: { ...apiHeaders(host.token), host: hostHeader },
        body: encodeWire(null),
      });
      expect(api.status, hostHeader).toBe(403);
    }
    const local = await rawRequest(port, { path: `/${host.token}/`, headers: { host: `localhost:${port}` } });
    expect(local.status).toBe(200);
  });

  it('refuses a foreign Origin and cross-site or same-site Fetch Metadata', async () => {
    for (const origin of [
      'http://evil.test',
      `http://localhost:${port + 1}`,
      `https://127.0.0.1:${port}`,
      `http://localhost:${port}`,
      'null',
    ]) {
      const api = await rawRequest(port, {
        method: 'POST',
        path: '/api/app:info',
        headers: { ...apiHeaders(host.token), origin },
        body: encodeWire(null),
      });
      expect(api.status, origin).toBe(403);
    }
    const own = await rawRequest(port, {
      method: 'POST',
      path: '/api/app:info',
      headers: {
        ...apiHeaders(host.token),
        origin: `http://127.0.0.1:${port}`,
        'sec-fetch-site': 'same-origin',
      },
      body: encodeWire(null),
    });
    expect(own.status).toBe(200);
    for (const site of ['cross-site', 'same-site']) {
      const page = await rawRequest(port, { path: `/${host.token}/`, headers: { 'sec-fetch-site': site } });
      expect(page.status, site).toBe(403);
    }
    expect(
      (await rawRequest(port, { path: `/${host.token}/`, headers: { 'sec-fetch-site': 'none' } })).status,
    ).toBe(200);
  });

  it('takes API calls only as POST with an octet-stream body, and never answers a CORS preflight', async () => {
    const get = await rawRequest(port, { path: '/api/app:info', headers: apiHeaders(host.token) });
    expect(get.status).toBe(405);
    const preflight = await rawRequest(port, {
      method: 'OPTIONS',
      path: '/api/app:info',
      headers: { origin: 'http://evil.test', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const form = await rawRequest(port, {
      method: 'POST',
      path: '/api/app:info',
      headers: { ...apiHeaders(host.token), 'content-type': 'text/plain' },
      body: encodeWire(null),
    });
    expect(form.status).toBe(415);
    const post = await rawRequest(port, { method: 'POST', path: `/${host.token}/` });
    expect(post.status).toBe(405);
  });
});

describe('browser-mode host: files', () => {
  it('refuses to leave the renderer folder, however the path is spelt (404)', async () => {
    const t = host.token;
    const attempts = [
      `/${t}/../../etc/passwd`,
      `/${t}/../secret.txt`,
      `/${t}/%2e%2e/secret.txt`,
      `/${t}/%2E%2E/%2E%2E/etc/passwd`,
      `/${t}/assets/..%2f..%2fsecret.txt`,
      `/${t}/assets/%2e%2e%2f%2e%2e%2fsecret.txt`,
      `/${t}/..%5csecret.txt`,
      `/${t}/assets/..\\..\\secret.txt`,
      `/${t}/%252e%252e/secret.txt`,
      `/${t}/assets/%c0%ae%c0%ae/secret.txt`,
      `/${t}/assets/app.js%00.html`,
      `/${t}/%ff`,
      `/${t}//etc/passwd`,
      `/${t}/./index.html`,
      `/${t}/.env`,
      `/${t}/%2eenv`,
      `/${t}/assets/link.txt`,
      `/${t}/assets`,
      `/${t}/assets/`,
      `/${t}/missing.js`,
    ];
    for (const path of attempts) {
      const answer = await rawRequest(port, { path });
      expect(answer.status, path).toBe(404);
      expect(answer.body.toString(), path).not.toContain('outside the renderer');
      expect(answer.body.toString(), path).not.toContain('root:');
      expect(answer.body.toString(), path).not.toContain('SECRET');
    }
    // The same paths without the token stay 403: nothing about the files leaks to a stranger.
    expect((await rawRequest(port, { path: '/../../etc/passwd' })).status).toBe(403);
    expect((await rawRequest(port, { path: '/%2e%2e/%2e%2e/etc/passwd' })).status).toBe(403);
  });

  it('refuses absolute-form request targets', async () => {
    const answer = await rawRequest(port, { path: `http://127.0.0.1:${port}/${host.token}/` });
    expect(answer.status).toBe(400);
  });

  it('sends correct content types', async () => {
    const types: Array<[string, string]> = [
      ['', 'text/html; charset=utf-8'],
      ['assets/app.js', 'text/javascript; charset=utf-8'],
      ['assets/style.css', 'text/css; charset=utf-8'],
      ['assets/font.woff2', 'font/woff2'],
      ['assets/blob.xyz', 'application/octet-stream'],
    ];
    for (const [file, type] of types) {
      const answer = await rawRequest(port, { path: `/${host.token}/${file}` });
      expect(answer.headers['content-type'], file).toBe(type);
    }
    const head = await rawRequest(port, { method: 'HEAD', path: `/${host.token}/assets/app.js` });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });
});

describe('browser-mode host: headers on every response', () => {
  it('sends the CSP, COOP, COEP, CORP, nosniff and no-referrer on pages, assets, API answers and refusals', async () => {
    const answers = [
      await rawRequest(port, { path: `/${host.token}/` }),
      await rawRequest(port, { path: `/${host.token}/assets/app.js` }),
      await rawRequest(port, { path: `/${host.token}/missing` }),
      await rawRequest(port, { path: '/' }),
      await rawRequest(port, { path: '/', headers: { host: 'evil.test' } }),
      await rawRequest(port, {
        method: 'POST',
        path: '/api/app:info',
        headers: apiHeaders(host.token),
        body: encodeWire(null),
      }),
      await rawRequest(port, {
        method: 'POST',
        path: '/api/image:openPath',
        headers: apiHeaders(host.token),
        body: encodeWire({ path: 'relative' }),
      }),
    ];
    for (const answer of answers) {
      const csp = String(answer.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-eval');
      expect(answer.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(answer.headers['cross-origin-embedder-policy']).toBe('require-corp');
      expect(answer.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    }
  });
});
