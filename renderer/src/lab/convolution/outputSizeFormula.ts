/**
 * The output size formula evaluated with the numbers filled in, for one axis:
 *   floor((H + 2P − D(K−1) − 1)/S) + 1.
 * The value is the kernel library's own convOutputSize (native-kernels/shapes.ts); the text shows
 * each step of the arithmetic, which must arrive at the same number.
 */
import { convOutputSize } from '../../../../native-kernels/shapes.js';

export interface OutputSizeFormula {
  text: string;
  value: number;
}

export function outputSizeFormula(
  input: number,
  kernel: number,
  stride: number,
  padding: number,
  dilation: number,
): OutputSizeFormula {
  const numerator = input + 2 * padding - dilation * (kernel - 1) - 1;
  const value = convOutputSize(input, kernel, stride, padding, dilation);
  const text =
    `floor((${input} + 2·${padding} − ${dilation}·(${kernel}−1) − 1)/${stride}) + 1` +
    ` = floor(${numerator}/${stride}) + 1 = ${Math.floor(numerator / stride)} + 1 = ${value}`;
  return { text, value };
}
