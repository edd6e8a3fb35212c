import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ImageError, errnoCode } from './imageError.js';

/**
 * Throws WOULD_OVERWRITE_SOURCE when writing `targetPath` would replace the source photo: the same
 * real path (symlinks, ../ and // resolved) or, when the target exists, the same file (dev + ino, which
 * also catches hard links). Case-insensitive file systems are not considered.
 */
export async function assertNotSource(sourcePath: string, targetPath: string): Promise<void> {
  const sourceReal = await realpath(sourcePath).catch((err: unknown) => {
    throw new ImageError('NOT_FOUND', `The source photo ${basename(sourcePath)} was not found`, {
      cause: err,
    });
  });
  const targetReal = await resolveTarget(targetPath);
  const refuse = (): never => {
    throw new ImageError(
      'WOULD_OVERWRITE_SOURCE',
      `${basename(targetPath)} is the source photo ${basename(sourcePath)}; choose another file name`,
    );
  };
  if (targetReal === sourceReal) refuse();
  const targetStat = await statOrUndefined(targetPath);
  if (targetStat !== undefined) {
    const sourceStat = await stat(sourcePath);
    if (targetStat.dev === sourceStat.dev && targetStat.ino === sourceStat.ino) refuse();
  }
}

/** The real path of the target, or of its folder plus its name when it does not exist yet. */
async function resolveTarget(targetPath: string): Promise<string> {
  try {
    return await realpath(targetPath);
  } catch (err) {
    if (errnoCode(err) !== 'ENOENT') throw err;
    return join(await realpath(dirname(targetPath)), basename(targetPath));
  }
}

async function statOrUndefined(path: string): Promise<Awaited<ReturnType<typeof stat>> | undefined> {
  try {
    return await stat(path);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return undefined;
    throw err;
  }
}
