import { appVersion } from './appVersion.js';
import { hashFile } from './hashFile.js';

/** What a sidecar JSON holds: the caller's recipe plus where the result came from. */
export type Sidecar = Record<string, unknown> & {
  source?: { path: string; sha256: string };
  appVersion: string;
  createdAt: string;
};

/** The sidecar path for an exported image: `<target>.json`. */
export function sidecarPathFor(targetPath: string): string {
  return `${targetPath}.json`;
}

/** Builds the sidecar object: the recipe, the source file and its SHA-256 (when known), app version and time. */
export async function buildSidecar(
  recipe: object,
  sourcePath: string | undefined,
  now: Date = new Date(),
): Promise<Sidecar> {
  const sidecar: Sidecar = { ...recipe, appVersion, createdAt: now.toISOString() };
  if (sourcePath !== undefined) sidecar.source = { path: sourcePath, sha256: await hashFile(sourcePath) };
  return sidecar;
}

/** The sidecar as pretty JSON; typed arrays (a kernel's Float32Array) become plain number arrays. */
export function serializeSidecar(sidecar: Sidecar): string {
  const replacer = (_key: string, value: unknown): unknown =>
    ArrayBuffer.isView(value) && !(value instanceof DataView) ? Array.from(value as Float32Array) : value;
  return `${JSON.stringify(sidecar, replacer, 2)}\n`;
}
