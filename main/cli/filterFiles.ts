/**
 * Runs `convscope filter` on one file or a folder: decode, filter and export in the compute
 * process (pixels never cross into this process), with a progress bar on stderr for large images.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import type { ComputeClient } from '../compute/computeClient.js';
import type { FilterSpec } from '../service/filter/filterSpec.js';
import { specToKernelFile } from '../service/filter/parseKernel.js';
import type { ExportFormat } from '../service/image/encodeImage.js';
import { sweepTempFiles } from '../service/image/sweepTempFiles.js';
import type { CliIo } from './cliIo.js';
import { UsageError } from './usageError.js';

/** Output options of the filter command. */
export interface OutputOptions {
  format?: ExportFormat;
  depth?: 8 | 16;
  quality?: number;
  keepIcc: boolean;
  keepExif: boolean;
  sidecar: boolean;
  maxPixels?: number;
  quiet: boolean;
}

const EXTENSIONS: Record<string, ExportFormat> = {
  '.png': 'png',
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.webp': 'webp',
  '.tif': 'tiff',
  '.tiff': 'tiff',
  '.avif': 'avif',
};
const INPUT_EXTENSIONS = new Set([...Object.keys(EXTENSIONS), '.gif', '.heic', '.heif']);
/** Images at least this large show a progress bar. */
const PROGRESS_PIXELS = 4_000_000;

/** The export format for a target path: --format, else the path's extension. */
export function formatFor(target: string, format: ExportFormat | undefined): ExportFormat {
  if (format !== undefined) return format;
  const byExtension = EXTENSIONS[path.extname(target).toLowerCase()];
  if (byExtension === undefined)
    throw new UsageError(
      `cannot tell the format of ${target} from its extension; pass --format png|jpeg|webp|tiff|avif`,
    );
  return byExtension;
}

/** Filters `input` into `target`; returns the written path. */
export async function filterFile(
  compute: ComputeClient,
  io: CliIo,
  input: string,
  target: string,
  spec: FilterSpec,
  out: OutputOptions,
  recipe: object,
): Promise<string> {
  const format = formatFor(target, out.format);
  if (out.depth === 16 && format !== 'png' && format !== 'tiff')
    throw new UsageError(`--depth 16 needs PNG or TIFF output, not ${format.toUpperCase()}`);
  const folder = path.dirname(path.resolve(target));
  if (!existsSync(folder)) throw new UsageError(`the output folder ${folder} does not exist`);
  if (!existsSync(input)) throw new UsageError(`${input} does not exist`);
  await sweepTempFiles(folder);
  const source = await compute.run('loadImage', { path: input, options: { maxPixels: out.maxPixels } });
  const pixels = source.width * source.height;
  const bar =
    !out.quiet && pixels >= PROGRESS_PIXELS
      ? new SingleBar({
          stream: process.stderr,
          format: `${path.basename(input)} [{bar}] {percentage}% | {value}/{total} rows`,
          hideCursor: true,
        })
      : null;
  let sourceId: string | null = source.id;
  try {
    bar?.start(1, 0);
    const filtered = await compute.run(
      'filter',
      { id: source.id, spec, store: true, returnData: false },
      { onProgress: ({ done, total }) => bar?.setTotal(total) ?? bar?.update(done) },
    );
    bar?.update(bar.getTotal());
    bar?.stop();
    // The source's samples are no longer needed: free them before encoding, which needs memory of
    // its own (the 24-megapixel peak is what the benchmark holds to 400 MB).
    await compute.run('releaseImage', { id: source.id });
    sourceId = null;
    try {
      const written = await compute.run('exportImage', {
        id: filtered.stored!.id,
        target,
        options: {
          format,
          depth: out.depth,
          quality: out.quality,
          keepIcc: out.keepIcc,
          keepExif: out.keepExif,
          sourcePath: input,
          sidecar: out.sidecar
            ? { ...recipe, filter: specToKernelFile(spec), range: { min: filtered.min, max: filtered.max } }
            : undefined,
        },
      });
      io.err(`wrote ${written.path}${written.sidecarPath ? ` and ${written.sidecarPath}` : ''}\n`);
      return written.path;
    } finally {
      await compute.run('releaseImage', { id: filtered.stored!.id });
    }
  } finally {
    bar?.stop();
    if (sourceId !== null) await compute.run('releaseImage', { id: sourceId });
  }
}

/** The image files directly inside `folder`, sorted by name. */
export function imagesIn(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    throw new UsageError(`--batch folder ${folder} cannot be read`);
  }
  return names
    .filter((n) => INPUT_EXTENSIONS.has(path.extname(n).toLowerCase()))
    .map((n) => path.join(folder, n))
    .filter((p) => statSync(p).isFile())
    .sort();
}
