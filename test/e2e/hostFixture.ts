/**
 * Starts the real browser-mode host (main/host/main.ts, with its compute process) in a child
 * process for the test file, and reads the tokened URL it prints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface Host {
  /** The page URL, token included. */
  url: string;
  origin: string;
  token: string;
}

async function startHost(): Promise<{ host: Host; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/host/main.ts', '--no-browser'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`host did not print its URL: ${out}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /https?:\/\/127\.0\.0\.1:\d+\/\S+/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${out}`)));
  });
  const parsed = new URL(url);
  const token = parsed.pathname.split('/').filter(Boolean)[0];
  return { host: { url, origin: parsed.origin, token }, child };
}

/** `host`: one browser-mode host per test file (worker). */
export const test = base.extend<object, { host: Host }>({
  host: [
    async ({}, use) => {
      const { host, child } = await startHost();
      await use(host);
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
