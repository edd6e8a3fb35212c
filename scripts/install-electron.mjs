// Electron's own postinstall is disabled in package.json ("allowScripts") because it downloads a
// binary from GitHub, which fails on machines without that network and would fail `npm ci` with it.
// Here we run the same download ourselves and treat failure as expected: without the binary,
// Convscope then runs in browser mode instead.
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
let installScript;
try {
  installScript = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
} catch {
  console.log('convscope: electron is not installed (production install); skipping its binary.');
  process.exit(0);
}
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('convscope: ELECTRON_SKIP_BINARY_DOWNLOAD is set; not fetching the Electron binary.');
  process.exit(0);
}
if (!existsSync(installScript)) process.exit(0);
const result = spawnSync(process.execPath, [installScript], {
  stdio: ['ignore', 'pipe', 'pipe'],
  timeout: 300_000,
});
if (result.status === 0) {
  console.log('convscope: Electron binary installed.');
} else {
  const reason =
    String(result.stderr || result.error || '')
      .split('\n')
      .find((line) => line.trim()) ?? 'unknown error';
  console.log(
    `convscope: the Electron binary could not be downloaded (${reason.trim()}).\n` +
      'convscope: this is fine: Convscope then runs in browser mode instead of an Electron window.',
  );
}
