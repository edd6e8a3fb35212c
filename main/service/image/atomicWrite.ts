import { close, fsync, open, rename, unlink, write } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { ImageError, errnoCode, firstLine, messageOf } from './imageError.js';

/** The file operations an atomic write needs; injectable so tests can fail them (ENOSPC) on purpose. */
export interface AtomicWriteFs {
  open(path: string, flags: string, mode?: number): Promise<number>;
  /** Writes up to `length` bytes of `data` from `offset` at file `position`; resolves to bytes written. */
  write(fd: number, data: Uint8Array, offset: number, length: number, position: number): Promise<number>;
  fsync(fd: number): Promise<void>;
  close(fd: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

const writeAsync = promisify(write);

/** AtomicWriteFs on Node's fs. */
export const nodeAtomicWriteFs: AtomicWriteFs = {
  open: promisify(open),
  write: async (fd, data, offset, length, position) =>
    (await writeAsync(fd, data, offset, length, position)).bytesWritten,
  fsync: promisify(fsync),
  close: promisify(close),
  rename: promisify(rename),
  unlink: promisify(unlink),
};

/** Every temp file of ours starts with this; sweepTempFiles looks for it. */
export const TEMP_PREFIX = '.convscope-tmp-';

export interface AtomicWriteOptions {
  fs?: AtomicWriteFs;
  /** Bytes per write call (default 1 MiB). */
  chunkSize?: number;
}

/** The temp file name for a write by this process: the prefix, the pid, then a random suffix. */
export function tempFileName(pid: number = process.pid): string {
  return `${TEMP_PREFIX}${pid}-${randomBytes(6).toString('hex')}`;
}

/**
 * Writes a file so that readers see either the old file or the complete new one: a temp file in the
 * same folder (so rename stays on one file system), fsynced, then renamed over the target. On any error
 * the temp file is removed and the old target is untouched.
 */
export async function atomicWriteFile(
  targetPath: string,
  data: Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const fs = options.fs ?? nodeAtomicWriteFs;
  const chunkSize = options.chunkSize ?? 1 << 20;
  const tempPath = join(dirname(targetPath), tempFileName());
  let fd: number | undefined;
  let created = false;
  try {
    // 'wx': never reuse or follow an existing path; 0o666 is narrowed by the umask as usual.
    fd = await fs.open(tempPath, 'wx', 0o666);
    created = true;
    let at = 0;
    while (at < data.length) {
      const n = await fs.write(fd, data, at, Math.min(chunkSize, data.length - at), at);
      if (n <= 0) throw new Error(`write returned ${n}`);
      at += n;
    }
    await fs.fsync(fd);
    const closing = fd;
    fd = undefined;
    await fs.close(closing);
    await fs.rename(tempPath, targetPath);
    created = false;
  } catch (err) {
    if (fd !== undefined) await fs.close(fd).catch(() => undefined);
    if (created) await fs.unlink(tempPath).catch(() => undefined);
    const code = errnoCode(err);
    throw new ImageError(
      'WRITE_FAILED',
      `${basename(targetPath)} could not be written${code === 'ENOSPC' ? ' (disk full)' : ''}: ${firstLine(messageOf(err))}`,
      { cause: err },
    );
  }
  await fsyncFolder(fs, dirname(targetPath));
}

/** Makes the rename itself durable; some systems refuse to open or fsync a folder, which is harmless. */
async function fsyncFolder(fs: AtomicWriteFs, folder: string): Promise<void> {
  let fd: number | undefined;
  try {
    fd = await fs.open(folder, 'r');
    await fs.fsync(fd);
  } catch {
    // Durability of the folder entry is best effort; the data itself is already fsynced.
  } finally {
    if (fd !== undefined) await fs.close(fd).catch(() => undefined);
  }
}
