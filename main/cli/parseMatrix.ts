import { UsageError } from './usageError.js';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A row-major matrix read from the command line. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float32Array;
}

/**
 * Reads "1,2,3;4,5,6" (rows separated by ';', values by ',' or spaces) into a float32 matrix;
 * throws a UsageError naming the option and the offending row or value.
 */
export function parseMatrix(text: string, option: string): Matrix {
  const rowTexts = text.split(';').map((r) => r.trim());
  const values: number[][] = rowTexts.map((rowText, r) => {
    if (rowText === '') throw new UsageError(`${option}: row ${r + 1} is empty (rows are separated by ';')`);
    return rowText.split(/\s*,\s*|\s+/).map((v, c) => {
      const n = Number(v);
      // Values beyond float32's range would become infinities in the kernels.
      if (!NUMBER.test(v) || !Number.isFinite(Math.fround(n)))
        throw new UsageError(`${option}: '${v}' at row ${r + 1}, column ${c + 1} is not a (float32) number`);
      return n;
    });
  });
  const cols = values[0].length;
  const ragged = values.findIndex((row) => row.length !== cols);
  if (ragged > 0)
    throw new UsageError(
      `${option}: row ${ragged + 1} has ${values[ragged].length} value${values[ragged].length === 1 ? '' : 's'} but row 1 has ${cols}`,
    );
  return { rows: values.length, cols, data: Float32Array.from(values.flat()) };
}
