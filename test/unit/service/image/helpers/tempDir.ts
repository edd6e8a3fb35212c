import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder under os.tmpdir() and a function that removes it. */
export async function makeTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'convscope-image-test-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The photo fixtures folder. */
export const PHOTOS = new URL('../../../../fixtures/photos/', import.meta.url).pathname;
