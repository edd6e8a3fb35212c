// `npm start`: builds Convscope and starts it: as an Electron window where Electron's binary is
// installed, otherwise in browser mode (the same renderer served by a local host process, opened in
// the system's Chromium when there is one, else its URL printed). It says which.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

function electronBinary() {
  try {
    // The electron package exports its binary's path, and throws when the binary was never fetched.
    const binary = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

console.log('convscope: building…');
const build = spawnSync(
  process.execPath,
  [path.join('node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
if (build.status !== 0) {
  console.error('convscope: the build failed (see above).');
  process.exit(1);
}

const electron = electronBinary();
const child = electron
  ? (console.log('convscope: starting the desktop app (Electron).'),
    spawn(electron, ['.'], { stdio: 'inherit' }))
  : (console.log("convscope: Electron's binary is not installed here, so Convscope starts in browser mode."),
    spawn(process.execPath, ['--import', 'tsx', 'main/host/main.ts', ...process.argv.slice(2)], {
      stdio: 'inherit',
    }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
