import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMP_PREFIX } from './atomicWrite.js';
import { errnoCode } from './imageError.js';

export interface SweepOptions {
  /** Only remove temp files last modified at least this long ago (default 0: any age). */
  olderThanMs?: number;
}

const TEMP_NAME = new RegExp(`^${TEMP_PREFIX.replace(/[.]/g, '\\.')}(\\d+)-`);

/**
 * Removes temp files that a killed writer left in `dir`; files whose writer process is still alive are
 * kept. Returns the removed paths. A missing folder sweeps nothing.
 */
export async function sweepTempFiles(dir: string, options: SweepOptions = {}): Promise<string[]> {
  const olderThanMs = options.olderThanMs ?? 0;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT' || errnoCode(err) === 'ENOTDIR') return [];
    throw err;
  }
  const removed: string[] = [];
  const now = Date.now();
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (match === null) continue;
    const pid = Number(match[1]);
    if (isAlive(pid)) continue;
    const path = join(dir, name);
    try {
      const info = await stat(path);
      if (!info.isFile() || now - info.mtimeMs < olderThanMs) continue;
      await unlink(path);
      removed.push(path);
    } catch (err) {
      // Another sweeper may have removed it first.
      if (errnoCode(err) !== 'ENOENT') throw err;
    }
  }
  return removed;
}

/** Signal 0 tests for a process without touching it; EPERM means it exists under another user. */
function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errnoCode(err) === 'EPERM';
  }
}
