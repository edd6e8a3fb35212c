/** Mapping a URL path to a file of the built renderer, with no way out of its folder. */
import { realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';

/**
 * The real path of the regular file `segments` (raw, still percent-encoded URL path segments)
 * names under `root`, or null when there is none or the path tries to leave `root`. An empty
 * path (or a trailing slash) means index.html. Dot segments, dot files, encoded slashes,
 * backslashes and NUL are refused outright rather than normalised: a URL that needs them is
 * not one the renderer makes.
 */
export async function resolveStaticPath(root: string, segments: readonly string[]): Promise<string | null> {
  const names: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const raw = segments[i];
    if (raw === '' && i === segments.length - 1) break;
    let name: string;
    try {
      name = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (name === '' || name.startsWith('.') || /[/\\\0]/.test(name)) return null;
    names.push(name);
  }
  if (names.length === 0 || segments[segments.length - 1] === '') names.push('index.html');

  let realRoot: string;
  let real: string;
  try {
    realRoot = await realpath(root);
    // A symlink inside the folder must not lead out of it either: compare real paths.
    real = await realpath(join(realRoot, ...names));
  } catch {
    return null;
  }
  if (!real.startsWith(realRoot + sep)) return null;
  try {
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}
