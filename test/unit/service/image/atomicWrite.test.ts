import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  TEMP_PREFIX,
  atomicWriteFile,
  nodeAtomicWriteFs,
  tempFileName,
} from '../../../../main/service/image/atomicWrite.js';
import type { AtomicWriteFs } from '../../../../main/service/image/atomicWrite.js';
import { exportImage } from '../../../../main/service/image/exportImage.js';
import { ImageError } from '../../../../main/service/image/imageError.js';
import { loadImage } from '../../../../main/service/image/loadImage.js';
import { sweepTempFiles } from '../../../../main/service/image/sweepTempFiles.js';
import { PHOTOS, makeTempDir } from './helpers/tempDir.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
});
afterEach(async () => cleanup());

const tempFilesIn = async (folder: string): Promise<string[]> =>
  (await readdir(folder)).filter((n) => n.startsWith(TEMP_PREFIX));

/** Node's fs, except that writing past `limit` bytes fails like a full disk. */
function diskFullAfter(limit: number): AtomicWriteFs {
  return {
    ...nodeAtomicWriteFs,
    write: async (fd, data, offset, length, position) => {
      if (position + length > limit) {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      return nodeAtomicWriteFs.write(fd, data, offset, length, position);
    },
  };
}

/** A process that stays alive until killed, and its pid; for sweeping files of a live or a dead writer. */
async function startProcess(): Promise<ChildProcess & { pid: number }> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await once(child, 'spawn');
  if (child.pid === undefined) throw new Error('no pid');
  return child as ChildProcess & { pid: number };
}

async function killAndWait(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

describe('atomicWriteFile', () => {
  it('replaces the target and leaves no temp file', async () => {
    const target = join(dir, 'out.bin');
    await writeFile(target, 'old');
    await atomicWriteFile(target, new TextEncoder().encode('new contents'), { chunkSize: 3 });
    expect(await readFile(target, 'utf8')).toBe('new contents');
    expect(await readdir(dir)).toEqual(['out.bin']);
  });

  it('names temp files with the prefix, the pid and a random suffix', () => {
    const a = tempFileName();
    expect(a.startsWith(`${TEMP_PREFIX}${process.pid}-`)).toBe(true);
    expect(a).not.toBe(tempFileName());
  });

  it('on a full disk mid-write keeps the old file and removes the temp file', async () => {
    const target = join(dir, 'out.bin');
    await writeFile(target, 'previous version');
    const data = new Uint8Array(5 << 20).fill(7);
    const err = await atomicWriteFile(target, data, { fs: diskFullAfter(2 << 20), chunkSize: 1 << 20 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ImageError);
    expect((err as ImageError).code).toBe('WRITE_FAILED');
    expect((err as ImageError).message).toMatch(/^out\.bin could not be written \(disk full\): ENOSPC/);
    expect(await readFile(target, 'utf8')).toBe('previous version');
    expect(await readdir(dir)).toEqual(['out.bin']);
  });

  it('removes the temp file when the rename fails', async () => {
    const target = join(dir, 'out.bin');
    const renamed: string[] = [];
    const fs: AtomicWriteFs = {
      ...nodeAtomicWriteFs,
      rename: async (from) => {
        renamed.push(from);
        throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
      },
    };
    await expect(atomicWriteFile(target, new Uint8Array(10), { fs })).rejects.toThrow(/EXDEV/);
    expect(renamed).toHaveLength(1);
    expect(await readdir(dir)).toEqual([]);
  });

  it('exportImage under a full disk leaves the previous export intact', async () => {
    const image = await loadImage(join(PHOTOS, 'chelsea.png'));
    const target = join(dir, 'export.png');
    await writeFile(target, 'previous export');
    await expect(exportImage(image, target, { format: 'png', fs: diskFullAfter(1000) })).rejects.toThrow(
      /disk full/,
    );
    expect(await readFile(target, 'utf8')).toBe('previous export');
    expect(await readdir(dir)).toEqual(['export.png']);
  });
});

describe('sweepTempFiles', () => {
  it("removes a dead writer's temp files and keeps a live writer's and this process's", async () => {
    const live = await startProcess();
    const dead = await startProcess();
    await killAndWait(dead);
    try {
      const liveFile = join(dir, tempFileName(live.pid));
      const deadFile = join(dir, tempFileName(dead.pid));
      const ownFile = join(dir, tempFileName());
      const unrelated = join(dir, 'photo.png');
      for (const f of [liveFile, deadFile, ownFile, unrelated]) await writeFile(f, 'x');
      expect(await sweepTempFiles(dir)).toEqual([deadFile]);
      expect((await readdir(dir)).sort()).toEqual(
        [liveFile, ownFile, unrelated].map((f) => f.slice(dir.length + 1)).sort(),
      );
      await killAndWait(live);
      expect(await sweepTempFiles(dir)).toEqual([liveFile]);
    } finally {
      if (live.exitCode === null && live.signalCode === null) await killAndWait(live);
    }
  });

  it('honours olderThanMs and ignores a missing folder', async () => {
    const dead = await startProcess();
    await killAndWait(dead);
    const file = join(dir, tempFileName(dead.pid));
    await writeFile(file, 'x');
    expect(await sweepTempFiles(dir, { olderThanMs: 60_000 })).toEqual([]);
    const old = new Date(Date.now() - 120_000);
    await utimes(file, old, old);
    expect(await sweepTempFiles(dir, { olderThanMs: 60_000 })).toEqual([file]);
    expect(await sweepTempFiles(join(dir, 'missing'))).toEqual([]);
  });
});

describe('a writer killed mid-write', () => {
  it('leaves the old target intact, and its temp file is swept afterwards', async () => {
    const target = join(dir, 'big.bin');
    await writeFile(target, 'the previous file');
    const script = fileURLToPath(new URL('./helpers/killableWriter.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, target, '64'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = once(child, 'exit');
    // Kill once 4 MiB of the 64 MiB are on disk: the write is certainly in progress then.
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes(`wrote ${4 << 20}\n`)) {
          child.kill('SIGKILL');
          resolve();
        }
        if (out.includes('done')) reject(new Error('the writer finished before it was killed'));
      });
      child.on('exit', () => reject(new Error(`the writer exited early: ${stderr}`)));
    });
    const [code, signal] = (await exited) as [number | null, string | null];
    expect([code, signal]).toEqual([null, 'SIGKILL']);

    expect(await readFile(target, 'utf8')).toBe('the previous file');
    const leftovers = await tempFilesIn(dir);
    expect(leftovers).toHaveLength(1);
    expect(leftovers[0].startsWith(`${TEMP_PREFIX}${child.pid}-`)).toBe(true);
    const partial = await stat(join(dir, leftovers[0]));
    expect(partial.size).toBeGreaterThanOrEqual(4 << 20);
    expect(partial.size).toBeLessThan(64 << 20);

    expect(await sweepTempFiles(dir)).toEqual([join(dir, leftovers[0])]);
    expect(await readdir(dir)).toEqual(['big.bin']);
  });
});
