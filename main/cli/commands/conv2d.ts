/** `convscope conv2d`: one 2-D convolution of two matrices given on the command line (homework 2(c), 2(d)). */
import { Command, Option } from 'commander';
import { conv2d } from '../../../native-kernels/index.js';
import type { PaddingMode } from '../../../native-kernels/index.js';
import { convOutputSize } from '../../../native-kernels/shapes.js';
import type { CliIo } from '../cliIo.js';
import { formatFloat32 } from '../formatFloat32.js';
import { formatTable } from '../formatTable.js';
import { parseInteger } from '../parseInteger.js';
import { parseMatrix } from '../parseMatrix.js';
import { UsageError } from '../usageError.js';

interface Conv2dCliOptions {
  x: string;
  h: string;
  stride: number;
  pad: number;
  padMode: PaddingMode;
  dilation: number;
  correlate?: boolean;
  json?: boolean;
}

/** Registers `conv2d` on the program. */
export function registerConv2d(program: Command, io: CliIo): void {
  program
    .command('conv2d')
    .description(
      'convolve matrix x with filter h: true convolution y[m,n] = Σ x[m-i,n-j]·h[i,j] by default, ' +
        'cross-correlation with --correlate (matrices as "1,2,3;4,5,6", rows separated by ";")',
    )
    .requiredOption('--x <matrix>', 'the input signal')
    .requiredOption('--h <matrix>', 'the filter (impulse response)')
    .option('--stride <n>', 'stride (both axes)', parseInteger(1), 1)
    .option('--pad <n>', 'padding on every side', parseInteger(0), 0)
    .addOption(
      new Option('--pad-mode <mode>', 'what the padding holds')
        .choices(['zeros', 'reflect', 'replicate', 'circular'])
        .default('zeros'),
    )
    .option('--dilation <n>', 'spacing between filter taps', parseInteger(1), 1)
    .option('--correlate', 'cross-correlation (no flip), what CNN layers compute')
    .option('--json', 'print JSON')
    .action((opts: Conv2dCliOptions) => runConv2d(opts, io));
}

function runConv2d(opts: Conv2dCliOptions, io: CliIo): void {
  const x = parseMatrix(opts.x, '--x');
  const h = parseMatrix(opts.h, '--h');
  const { stride, pad, dilation, padMode } = opts;
  const formula = (n: number, k: number): string =>
    `floor((${n} + 2*${pad} - ${dilation}*(${k}-1) - 1)/${stride}) + 1`;
  const rowsFormula = formula(x.rows, h.rows);
  const colsFormula = formula(x.cols, h.cols);
  const outRows = convOutputSize(x.rows, h.rows, stride, pad, dilation);
  const outCols = convOutputSize(x.cols, h.cols, stride, pad, dilation);
  if (outRows < 1 || outCols < 1)
    throw new UsageError(
      `the ${h.rows}x${h.cols} filter (dilation ${dilation}) does not fit the ${x.rows}x${x.cols} input padded by ${pad}: ` +
        `output rows ${rowsFormula} = ${outRows}, cols ${colsFormula} = ${outCols}`,
    );
  let y;
  try {
    y = conv2d(
      { data: x.data, shape: [1, 1, x.rows, x.cols] },
      { data: h.data, shape: [1, 1, h.rows, h.cols] },
      null,
      {
        stride,
        padding: pad,
        dilation,
        paddingMode: padMode,
        flip: !opts.correlate,
      },
    );
  } catch (error) {
    // The kernels validate their arguments with TypeError/RangeError (e.g. reflect padding as large
    // as the input): that is the user's input, not a failure.
    if (error instanceof RangeError || error instanceof TypeError) throw new UsageError(error.message);
    throw error;
  }
  const [, , rows, cols] = y.shape;
  const output = Array.from({ length: rows }, (_, r) =>
    Array.from(y.data.subarray(r * cols, (r + 1) * cols), (v) => Number(formatFloat32(v))),
  );
  if (opts.json) {
    const result = {
      operation: opts.correlate ? 'correlation' : 'convolution',
      stride,
      padding: pad,
      paddingMode: padMode,
      dilation,
      shape: [rows, cols],
      formula: { rows: rowsFormula, cols: colsFormula },
      output,
    };
    io.out(`${JSON.stringify(result)}\n`);
    return;
  }
  const shapeLine =
    rowsFormula === colsFormula
      ? `output ${rows}x${cols} = ${rowsFormula}`
      : `output ${rows}x${cols}: rows ${rowsFormula} = ${rows}, cols ${colsFormula} = ${cols}`;
  const table = formatTable(
    output.map((row) => row.map(formatFloat32)),
    output[0].map((_, i) => i),
  );
  io.out(`${table}\n${shapeLine}\n`);
}
