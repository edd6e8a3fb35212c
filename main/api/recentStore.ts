/**
 * Recently opened files (desktop app only): a small JSON file in the app's data folder, newest
 * first, at most MAX_RECENT_FILES, written atomically. A missing or damaged file reads as empty:
 * losing the list is better than failing the app's start.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

import type { RecentFile } from '../../preload/contract.js';
import { atomicWriteFile } from '../service/image/atomicWrite.js';

/** How many recent files are kept. */
export const MAX_RECENT_FILES = 10;
/** The store's file name inside its folder. */
export const RECENT_FILE_NAME = 'recent-files.json';

/** The recent-files list. */
export interface RecentStore {
  list(): Promise<RecentFile[]>;
  /** Puts `path` first (once), dropping the oldest beyond the limit. */
  add(path: string, now?: Date): Promise<void>;
}

function isRecentFile(value: unknown): value is RecentFile {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.path === 'string' && typeof v.name === 'string' && typeof v.openedAt === 'string';
}

/** A recent-files store kept in `dir` (Electron: app.getPath('userData')). */
export function createRecentStore(dir: string): RecentStore {
  const file = join(dir, RECENT_FILE_NAME);
  // Writes run one after another, so two quick opens cannot interleave read-modify-write.
  let queue: Promise<unknown> = Promise.resolve();

  const read = async (): Promise<RecentFile[]> => {
    try {
      const json: unknown = JSON.parse(await readFile(file, 'utf8'));
      if (!Array.isArray(json)) return [];
      return json.filter(isRecentFile).slice(0, MAX_RECENT_FILES);
    } catch {
      return [];
    }
  };

  return {
    list: async () => {
      await queue.catch(() => undefined);
      return read();
    },
    add: (path, now = new Date()) => {
      const next = queue
        .catch(() => undefined)
        .then(async () => {
          const kept = (await read()).filter((entry) => entry.path !== path);
          const list = [{ path, name: basename(path), openedAt: now.toISOString() }, ...kept];
          await mkdir(dir, { recursive: true });
          const text = `${JSON.stringify(list.slice(0, MAX_RECENT_FILES), null, 2)}\n`;
          await atomicWriteFile(file, new TextEncoder().encode(text));
        });
      queue = next;
      return next;
    },
  };
}
