/** `convscope filter`: a hand-designed or preset filter applied to a photo or a folder of photos. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { createComputeClient } from '../../compute/computeClient.js';
import type { ExportFormat } from '../../service/image/encodeImage.js';
import type { CliIo } from '../cliIo.js';
import { filterFile, imagesIn, type OutputOptions } from '../filterFiles.js';
import { filterSpecFromOptions, type FilterCliOptions } from '../filterSpecFromOptions.js';
import { UsageError } from '../usageError.js';

interface FilterCommandOptions extends FilterCliOptions {
  output?: string;
  batch?: string;
  outDir?: string;
  format?: ExportFormat;
  depth?: string;
  quality?: string;
  keepIcc?: boolean;
  keepExif?: boolean;
  sidecar?: boolean;
  maxPixels?: string;
  quiet?: boolean;
}

function integer(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new UsageError(`${name} expects an integer from ${min} to ${max}, got '${text}'`);
  return value;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Registers `filter` on the program. */
export function registerFilter(program: Command, io: CliIo): void {
  program
    .command('filter')
    .description('filter a photo (or a folder with --batch) with a preset, a kernel JSON file or a matrix')
    .argument('[input]', 'the photo to filter')
    .option('-o, --output <file>', 'where to write the result (its extension picks the format)')
    .requiredOption(
      '-k, --kernel <kernel>',
      'a preset id (see `convscope presets`), a kernel .json file, or "1,2,1;0,0,0;-1,-2,-1"',
    )
    .option('--kernel-y <kernel>', 'a second kernel: output the gradient magnitude sqrt(gx^2 + gy^2)')
    .option('-p, --param <name=value>', 'a preset parameter, e.g. sigma=2 (repeatable)', collect)
    .addOption(
      new Option('--mode <mode>', 'true convolution or cross-correlation').choices([
        'convolution',
        'correlation',
      ]),
    )
    .option('--correlate', 'cross-correlation (same as --mode correlation)')
    .addOption(
      new Option('--border <mode>', 'how pixels beyond the edge are read').choices([
        'zero',
        'replicate',
        'reflect',
        'circular',
      ]),
    )
    .option('--normalize', 'divide by the kernel sum')
    .option('--no-normalize', 'do not divide by the kernel sum')
    .option('--scale <number>', 'multiply the response (turns normalisation off)')
    .option('--offset <number>', 'add to the scaled response')
    .addOption(
      new Option('--mapping <mapping>', 'how values become samples').choices([
        'clamp',
        'abs',
        'shift128',
        'stretch',
      ]),
    )
    .option('--luminance', 'filter the luminance into a gray image instead of each channel')
    .addOption(
      new Option('--format <format>', 'output format (default: from the output extension)').choices([
        'png',
        'jpeg',
        'webp',
        'tiff',
        'avif',
      ]),
    )
    .option('--depth <bits>', '8 or 16 (16 for PNG and TIFF)')
    .option('--quality <1-100>', 'JPEG, WebP and AVIF quality')
    .option('--keep-icc', "keep the source's ICC profile")
    .option('--keep-exif', "keep the source's EXIF block")
    .option('--sidecar', 'write <output>.json with the kernel, options and source hash')
    .option('--max-pixels <n>', 'refuse images larger than this (default 100000000)')
    .option('--batch <folder>', 'filter every image in a folder (with --out-dir)')
    .option('--out-dir <dir>', 'where --batch writes its results')
    .option('-q, --quiet', 'no progress bar')
    .action(async (input: string | undefined, opts: FilterCommandOptions) => {
      const spec = filterSpecFromOptions(opts);
      const depth = integer('--depth', opts.depth, 8, 16);
      if (depth !== undefined && depth !== 8 && depth !== 16)
        throw new UsageError(`--depth expects 8 or 16, got '${opts.depth}'`);
      const out: OutputOptions = {
        format: opts.format,
        depth: depth as 8 | 16 | undefined,
        quality: integer('--quality', opts.quality, 1, 100),
        keepIcc: opts.keepIcc === true,
        keepExif: opts.keepExif === true,
        sidecar: opts.sidecar === true,
        maxPixels: integer('--max-pixels', opts.maxPixels, 1, Number.MAX_SAFE_INTEGER),
        quiet: opts.quiet === true,
      };
      const jobs: Array<[string, string]> = [];
      if (opts.batch !== undefined) {
        if (input !== undefined || opts.output !== undefined)
          throw new UsageError('--batch takes no input file and no --output; use --out-dir');
        if (opts.outDir === undefined) throw new UsageError('--batch needs --out-dir');
        mkdirSync(opts.outDir, { recursive: true });
        const ext =
          opts.format === undefined
            ? null
            : `.${opts.format === 'jpeg' ? 'jpg' : opts.format === 'tiff' ? 'tif' : opts.format}`;
        for (const file of imagesIn(opts.batch)) {
          const name = path.parse(file).name;
          const keep = /\.(png|jpe?g|webp|tiff?|avif)$/i.test(file) ? path.extname(file) : '.png';
          jobs.push([file, path.join(opts.outDir, `${name}${ext ?? keep}`)]);
        }
        if (jobs.length === 0) throw new UsageError(`no images in ${opts.batch}`);
      } else {
        if (input === undefined) throw new UsageError('filter needs an input photo (or --batch <folder>)');
        if (opts.output === undefined) throw new UsageError('filter needs -o <output file>');
        jobs.push([input, opts.output]);
      }
      const recipe = { command: ['convscope', ...process.argv.slice(2)] };
      const compute = createComputeClient();
      let failures = 0;
      try {
        for (const [file, target] of jobs) {
          try {
            await filterFile(compute, io, file, target, spec, out, recipe);
          } catch (error) {
            if (jobs.length === 1) throw error;
            failures++;
            io.err(`error: ${file}: ${(error as Error).message.split('\n')[0]}\n`);
          }
        }
      } finally {
        await compute.close();
      }
      if (failures > 0) throw new Error(`${failures} of ${jobs.length} images failed`);
    });
}
