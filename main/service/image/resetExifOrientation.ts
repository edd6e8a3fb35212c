/**
 * Sets the Orientation tag (0x0112) in IFD0 of an EXIF block to 1 (upright). Decoded images are already
 * rotated, so a kept EXIF block that still said "rotate 90°" would make viewers rotate them twice.
 */

const ORIENTATION_TAG = 0x0112;
const SHORT_TYPE = 3;

/** A copy of an EXIF block (with or without the "Exif\0\0" prefix) whose orientation says upright. */
export function resetExifOrientation(exif: Uint8Array): Uint8Array {
  const out = new Uint8Array(exif);
  const start = hasExifPrefix(out) ? 6 : 0;
  if (out.length < start + 8) return out;
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const order = String.fromCharCode(out[start], out[start + 1]);
  if (order !== 'II' && order !== 'MM') return out;
  const little = order === 'II';
  const ifd0 = start + view.getUint32(start + 4, little);
  if (ifd0 + 2 > out.length) return out;
  const entries = view.getUint16(ifd0, little);
  for (let i = 0; i < entries; i++) {
    const entry = ifd0 + 2 + i * 12;
    if (entry + 12 > out.length) break;
    if (
      view.getUint16(entry, little) === ORIENTATION_TAG &&
      view.getUint16(entry + 2, little) === SHORT_TYPE
    ) {
      // A single SHORT sits left-aligned in the 4-byte value field.
      view.setUint16(entry + 8, 1, little);
    }
  }
  return out;
}

/** True when the block starts with the JPEG APP1 marker text "Exif\0\0". */
export function hasExifPrefix(exif: Uint8Array): boolean {
  return (
    exif.length >= 6 &&
    exif[0] === 0x45 &&
    exif[1] === 0x78 &&
    exif[2] === 0x69 &&
    exif[3] === 0x66 &&
    exif[4] === 0 &&
    exif[5] === 0
  );
}
