// The browser-mode launcher (main/host/main.ts) as a real process: it prints a working URL and a
// SIGTERM or SIGINT closes the host and the compute process and exits 0. Plus Chromium's command line.
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { chromiumArgs, findChromium } from '../../../main/host/launchChromium.js';
import { makeRendererDir, rawRequest } from './hostFixture.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let fixture: ReturnType<typeof makeRendererDir>;

beforeAll(() => {
  fixture = makeRendererDir();
});
afterAll(() => fixture.cleanup());

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('browser-mode launcher', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`serves the printed URL and shuts down cleanly on ${signal}`, async () => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'main/host/main.ts', '--no-browser', '--renderer-dir', fixture.rendererDir],
        { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const match = /running at (http:\/\/127\.0\.0\.1:\d+\/[\w-]{43}\/)/.exec(stdout);
          if (match) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`launcher exited (${code}): ${stderr}`)));
      });
      const { port, pathname } = new URL(url);
      expect((await rawRequest(Number(port), { path: pathname })).status).toBe(200);

      // The compute process starts with the client; give it a moment to exist, then note its pid.
      // (Only that child: on a cold cache tsx also runs an esbuild service that ends on its own.)
      await new Promise((r) => setTimeout(r, 500));
      const children = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(child.pid)], {
        encoding: 'utf8',
      })
        .split('\n')
        .filter((line) => line.includes('computeProcess'))
        .map((line) => Number.parseInt(line.trim(), 10));
      expect(children).toHaveLength(1);

      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill(signal);
      expect(await exited).toBe(0);
      expect(stdout).toContain(`${signal}: shutting down`);
      for (const pid of children) expect(isAlive(pid), `compute process ${pid}`).toBe(false);
    });
  }

  it('refuses a bad port and a folder without a built renderer', () => {
    const run = (...args: string[]) => {
      try {
        execFileSync(process.execPath, ['--import', 'tsx', 'main/host/main.ts', '--no-browser', ...args], {
          cwd: root,
          stdio: 'pipe',
        });
        return { status: 0, stderr: '' };
      } catch (error) {
        const e = error as { status: number; stderr: Buffer };
        return { status: e.status, stderr: e.stderr.toString() };
      }
    };
    expect(run('--port', 'x')).toMatchObject({ status: 2, stderr: expect.stringMatching(/port number/) });
    expect(run('--renderer-dir', fixture.root)).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/electron-vite build/),
    });
  });
});

describe('Chromium', () => {
  it('opens the URL as an app window without reaching for the network', () => {
    const args = chromiumArgs('http://127.0.0.1:1/t/', false);
    expect(args).toEqual([
      '--app=http://127.0.0.1:1/t/',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ]);
    expect(chromiumArgs('u', true)).toContain('--no-sandbox');
  });

  it('is found on PATH when installed, and not otherwise', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convscope-path-'));
    try {
      expect(findChromium(dir)).toBeNull();
      writeFileSync(join(dir, 'chromium'), '#!/bin/sh\n');
      expect(findChromium(`/nonexistent:${dir}`)).toBeNull();
      chmodSync(join(dir, 'chromium'), 0o755);
      expect(findChromium(`/nonexistent:${dir}`)).toBe(join(dir, 'chromium'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
