/**
 * Reads a file only up to a byte cap, checked before the bytes are read and again while reading
 * (a file may grow, and devices and pipes report no size), so a hostile or enormous file costs at
 * most the cap.
 */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { errnoCode } from '../image/imageError.js';
import { ModelInputError } from './modelInputError.js';

export async function readCappedFile(path: string, maxBytes: number, what: string): Promise<Uint8Array> {
  const name = basename(path);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = errnoCode(error);
    throw new ModelInputError(
      code === 'ENOENT' || code === 'ENOTDIR'
        ? `Expected ${what} but received ${name}, which was not found`
        : `Expected ${what} but received ${name}, which cannot be read (${code ?? (error as Error).message})`,
    );
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new ModelInputError(`Expected ${what} but received ${name}, a folder`);
    if (stat.size > maxBytes)
      throw new ModelInputError(
        `Expected ${what} of at most ${maxBytes} bytes but received ${name} of ${stat.size} bytes`,
      );
    const buffer = new Uint8Array(Math.min(maxBytes, Math.max(stat.size, 0)) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length)
        throw new ModelInputError(
          `Expected ${what} of at most ${maxBytes} bytes but received ${name}, which is larger`,
        );
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}
