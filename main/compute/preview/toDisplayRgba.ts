/**
 * Interleaved 8/16-bit samples at chosen pixels to RGBA8 for the screen: gray becomes R = G = B,
 * 16-bit samples keep their high byte, and images without alpha are opaque.
 */

/** The samples a display conversion reads (a stored image or a filter's output). */
export interface SampleSource {
  data: Uint8Array | Uint16Array;
  width: number;
  channels: 1 | 2 | 3 | 4;
  depth: 8 | 16;
  hasAlpha: boolean;
}

/** RGBA8 pixels of `image` at (xs[i], ys[j]), row by row: xs.length * ys.length * 4 bytes. */
export function toDisplayRgba(image: SampleSource, xs: Int32Array, ys: Int32Array): Uint8Array {
  const out = new Uint8Array(xs.length * ys.length * 4);
  toDisplayRgbaRows(image, xs, ys, 0, ys.length, out);
  return out;
}

/** Output rows [jBegin, jEnd) of toDisplayRgba, written into `out` (all rows' size) in place. */
export function toDisplayRgbaRows(
  image: SampleSource,
  xs: Int32Array,
  ys: Int32Array,
  jBegin: number,
  jEnd: number,
  out: Uint8Array,
): void {
  const { data, width, channels, hasAlpha } = image;
  const shift = image.depth === 16 ? 8 : 0;
  const colour = channels - (hasAlpha ? 1 : 0);
  let o = jBegin * xs.length * 4;
  for (let j = jBegin; j < jEnd; j++) {
    const rowStart = ys[j] * width;
    for (let i = 0; i < xs.length; i++) {
      const p = (rowStart + xs[i]) * channels;
      const r = data[p] >> shift;
      out[o] = r;
      out[o + 1] = colour === 1 ? r : data[p + 1] >> shift;
      out[o + 2] = colour === 1 ? r : data[p + 2] >> shift;
      out[o + 3] = hasAlpha ? data[p + channels - 1] >> shift : 255;
      o += 4;
    }
  }
}
