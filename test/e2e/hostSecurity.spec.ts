// The browser-mode host as a real browser meets it: requests without the token or from another
// origin are refused, and the page's own code cannot get around the CSP.
import { expect, test } from './hostFixture.js';

test('requests without the token or from another origin are refused', async ({ host, request }) => {
  expect((await request.get(`${host.origin}/`)).status()).toBe(403);
  expect((await request.get(`${host.origin}/not-the-token/`)).status()).toBe(403);
  const call = (headers: Record<string, string>) =>
    request.post(`${host.origin}/api/app:info`, {
      headers: { 'content-type': 'application/octet-stream', ...headers },
      data: Buffer.alloc(0),
    });
  expect((await call({})).status()).toBe(403);
  expect((await call({ 'x-convscope-token': host.token, origin: 'http://evil.example' })).status()).toBe(403);
  expect(
    (await call({ 'x-convscope-token': host.token, host: 'evil.example' })).status(),
  ).toBeGreaterThanOrEqual(400);
  expect((await request.get(host.url)).status()).toBe(200);
});

test('the page is cross-origin isolated and CSP probes from its own code are all blocked', async ({
  page,
  host,
}) => {
  await page.goto(`${host.url}#csp-probe`);
  const probe = page.getByTestId('csp-probe');
  await expect(probe).toHaveAttribute('data-done', 'true', { timeout: 15_000 });
  const results = JSON.parse((await probe.textContent()) ?? '{}') as Record<string, string>;
  expect(Object.keys(results).length).toBeGreaterThanOrEqual(8);
  for (const [probeName, outcome] of Object.entries(results)) expect(outcome, probeName).toBe('blocked');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
});
