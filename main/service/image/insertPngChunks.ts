import { crc32, deflateSync } from 'node:zlib';
import { hasExifPrefix } from './resetExifOrientation.js';

/**
 * Adds iCCP and eXIf chunks to a PNG right after its IHDR. sharp can only keep metadata that its input
 * carries, and raw pixels carry none, so export goes through a PNG that carries the kept blocks.
 */
export function insertPngChunks(
  png: Uint8Array,
  blocks: { icc?: Uint8Array; exif?: Uint8Array },
): Uint8Array {
  // 8-byte signature + IHDR (4 length + 4 type + 13 data + 4 CRC).
  const afterIhdr = 33;
  if (png.length < afterIhdr || String.fromCharCode(...png.subarray(12, 16)) !== 'IHDR') {
    throw new Error('insertPngChunks: not a PNG with a leading IHDR');
  }
  const chunks: Uint8Array[] = [];
  if (blocks.icc !== undefined) {
    // iCCP: profile name, NUL, compression method 0, zlib stream.
    const name = new TextEncoder().encode('icc');
    chunks.push(pngChunk('iCCP', concat([name, new Uint8Array([0, 0]), deflateSync(blocks.icc)])));
  }
  if (blocks.exif !== undefined) {
    // eXIf holds the TIFF structure itself, without JPEG's "Exif\0\0" prefix.
    chunks.push(pngChunk('eXIf', hasExifPrefix(blocks.exif) ? blocks.exif.subarray(6) : blocks.exif));
  }
  return concat([png.subarray(0, afterIhdr), ...chunks, png.subarray(afterIhdr)]);
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
