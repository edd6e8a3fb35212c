/**
 * NumPy's .npy format, version 1.0, for float32 tensors ('<f4', C order): what `--activations`
 * writes so each layer's output loads with numpy.load exactly as computed.
 *
 *   \x93NUMPY, version 1 0, uint16 LE header length, then a Python dict literal padded with spaces
 *   and ended by '\n' so the data starts at a multiple of 64 bytes, then the little-endian values.
 */

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const ALIGN = 64;

/** The header dict: numpy writes a 1-tuple with a trailing comma, and () for a scalar. */
function headerText(dims: readonly number[]): string {
  const shape = dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
  return `{'descr': '<f4', 'fortran_order': False, 'shape': ${shape}, }`;
}

/** The bytes of a .npy file holding `data` with `dims`. */
export function encodeNpy(dims: readonly number[], data: Float32Array): Uint8Array {
  const count = dims.reduce((a, b) => a * b, 1);
  if (!dims.every((d) => Number.isSafeInteger(d) && d >= 0) || count !== data.length)
    throw new RangeError(
      `Expected ${count} values for dims [${dims.join(', ')}] but received ${data.length}`,
    );
  let header = headerText(dims);
  const unpadded = MAGIC.length + 2 + 2 + header.length + 1;
  header += ' '.repeat((ALIGN - (unpadded % ALIGN)) % ALIGN) + '\n';
  const start = MAGIC.length + 4 + header.length;
  const out = new Uint8Array(start + 4 * data.length);
  out.set(MAGIC, 0);
  out[6] = 1; // major version
  out[7] = 0; // minor version
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const view = new DataView(out.buffer, start);
  for (let i = 0; i < data.length; i++) view.setFloat32(4 * i, data[i], true);
  return out;
}
