/**
 * End-to-end tests: Debian's Chromium (Playwright cannot download its own browsers here) driven by
 * @playwright/test against the browser-mode host serving the built renderer (`npx electron-vite
 * build` first; `npm test` does). Screenshots land in test-results/e2e as artifacts.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../test-results/e2e',
  timeout: 60_000,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: '../../test-results/e2e.json' }]],
  use: {
    launchOptions: {
      executablePath: process.env.CONVSCOPE_CHROMIUM ?? '/usr/bin/chromium',
      // Without these Chromium keeps trying the closed network (see ../shared/ECOSYSTEM.md).
      args: [
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-sandbox',
      ],
    },
    viewport: { width: 1280, height: 720 },
    deviceScaleFactor: 1,
  },
});
