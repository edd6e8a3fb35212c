/** Opening the host's page in Debian's Chromium as an app window, when Chromium is installed. */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const CHROMIUM_NAMES = ['chromium', 'chromium-browser'];

/** The first Chromium executable on PATH, or null. */
export function findChromium(path: string = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter).filter((d) => d !== '')) {
    for (const name of CHROMIUM_NAMES) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // Not here; keep looking.
      }
    }
  }
  return null;
}

/**
 * Chromium's arguments for an app window on `url`. Without the --disable flags Chromium keeps
 * trying to reach the network (updates, sync) on machines without one; as root it refuses to
 * start unless its sandbox is switched off.
 */
export function chromiumArgs(url: string, isRoot: boolean): string[] {
  return [
    `--app=${url}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    ...(isRoot ? ['--no-sandbox'] : []),
  ];
}

/**
 * Starts Chromium on `url`; its output is dropped (it is noisy and not ours to show). The caller
 * listens for 'error': a failed start must not take the host down.
 */
export function launchChromium(executable: string, url: string): ChildProcess {
  return spawn(executable, chromiumArgs(url, process.getuid?.() === 0), { stdio: 'ignore' });
}
