/**
 * The browser bridge's wire format, shared by the renderer and the browser-mode host (pure: no DOM
 * or Node APIs, so both sides import this one file).
 *
 * One message is one binary body:
 *
 *     [u32 little-endian: byte length N of the header][N bytes: UTF-8 JSON header][attachments]
 *
 * The header is `{"version":1,"attachments":[{"type":"Float32Array","byteLength":16},…],"value":…}`.
 * Attachments are the typed arrays' bytes, back to back in header order, elements little-endian.
 * In `value` each typed array is replaced by `{"$bin": index}`; numbers JSON cannot carry (NaN,
 * ±Infinity, -0) become `{"$num": "NaN" | "Infinity" | "-Infinity" | "-0"}`; an object key that
 * starts with `$` is sent with one more `$`, so no user key can pose as a reference.
 *
 * Decoding trusts nothing: every length is checked against the body, the attachments must fill
 * the body exactly and each is used exactly once (no amplification by repeated references),
 * nesting is bounded, `__proto__` keys are refused, and every failure is a WireFormatError.
 */
import { WireFormatError } from './wireFormatError.js';

export { WireFormatError };

/** The typed arrays the contract carries, by their wire name. */
const TYPED_ARRAYS = {
  Uint8Array,
  Uint16Array,
  Float32Array,
} as const;

type TypedArrayName = keyof typeof TYPED_ARRAYS;
type WireTypedArray = InstanceType<(typeof TYPED_ARRAYS)[TypedArrayName]>;

interface AttachmentHeader {
  type: TypedArrayName;
  byteLength: number;
}

/** Bounds applied while decoding a body from the other side. */
export interface WireLimits {
  /** Deepest nesting of arrays and objects in the value (default 64). */
  maxDepth?: number;
  /** Largest JSON header in bytes (default 16 MiB). */
  maxHeaderBytes?: number;
  /** Most attachments in one message (default 4096). */
  maxAttachments?: number;
}

const WIRE_VERSION = 1;
const DEFAULT_LIMITS: Required<WireLimits> = {
  maxDepth: 64,
  maxHeaderBytes: 16 * 1024 * 1024,
  maxAttachments: 4096,
};
type SpecialNumber = 'NaN' | 'Infinity' | '-Infinity' | '-0';

// The wire is little-endian; a big-endian machine swaps element bytes on the way in and out.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Encodes a contract value (plain data plus typed arrays) as one binary message. */
export function encodeWire(value: unknown, maxDepth = DEFAULT_LIMITS.maxDepth): Uint8Array<ArrayBuffer> {
  const attachments: Uint8Array[] = [];
  const headers: AttachmentHeader[] = [];
  const ancestors = new Set<object>();

  const walk = (v: unknown, path: string, depth: number): unknown => {
    if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
    if (typeof v === 'number') return encodeNumber(v);
    if (typeof v !== 'object') {
      throw new WireFormatError(`Cannot encode ${typeof v} at ${path}`);
    }
    if (depth >= maxDepth) throw new WireFormatError(`Value nested deeper than ${maxDepth} at ${path}`);
    if (ancestors.has(v)) throw new WireFormatError(`Cannot encode a cycle at ${path}`);
    const typedName = typedArrayName(v);
    if (typedName !== null) {
      const view = v as WireTypedArray;
      headers.push({ type: typedName, byteLength: view.byteLength });
      attachments.push(toWireBytes(view));
      return { $bin: headers.length - 1 };
    }
    ancestors.add(v);
    try {
      if (Array.isArray(v)) {
        const out: unknown[] = [];
        for (let i = 0; i < v.length; i++) {
          const item: unknown = v[i];
          if (item === undefined) throw new WireFormatError(`Cannot encode undefined at ${path}[${i}]`);
          out.push(walk(item, `${path}[${i}]`, depth + 1));
        }
        return out;
      }
      if (!isPlainObject(v)) {
        throw new WireFormatError(`Cannot encode ${describe(v)} at ${path}`);
      }
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(v)) {
        // Absent and undefined optional fields mean the same in the contract.
        if (item === undefined) continue;
        if (key === '__proto__') throw new WireFormatError(`Cannot encode a __proto__ key at ${path}`);
        out[key.startsWith('$') ? `$${key}` : key] = walk(item, `${path}.${key}`, depth + 1);
      }
      return out;
    } finally {
      ancestors.delete(v);
    }
  };

  const header = { version: WIRE_VERSION, attachments: headers, value: walk(value, 'value', 0) };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const total = attachments.reduce((sum, a) => sum + a.byteLength, 4 + json.byteLength);
  const out = new Uint8Array(total);
  writeU32(out, 0, json.byteLength);
  out.set(json, 4);
  let offset = 4 + json.byteLength;
  for (const bytes of attachments) {
    out.set(bytes, offset);
    offset += bytes.byteLength;
  }
  return out;
}

/** Decodes one binary message; throws WireFormatError for anything malformed or over the limits. */
export function decodeWire(body: Uint8Array, limits: WireLimits = {}): unknown {
  const { maxDepth, maxHeaderBytes, maxAttachments } = { ...DEFAULT_LIMITS, ...limits };
  if (body.byteLength < 4) throw new WireFormatError('Message shorter than its 4-byte length field');
  const headerLength = readU32(body, 0);
  if (headerLength > maxHeaderBytes) {
    throw new WireFormatError(`Header of ${headerLength} bytes is over the limit of ${maxHeaderBytes}`);
  }
  if (headerLength > body.byteLength - 4) {
    throw new WireFormatError(
      `Header length ${headerLength} runs past the end of a ${body.byteLength}-byte message`,
    );
  }
  const header = parseHeader(body.subarray(4, 4 + headerLength));
  const attachmentHeaders = parseAttachmentHeaders(header.attachments, maxAttachments);

  const offsets: number[] = [];
  let end = 4 + headerLength;
  for (const a of attachmentHeaders) {
    offsets.push(end);
    end += a.byteLength;
  }
  if (end !== body.byteLength) {
    throw new WireFormatError(
      `Attachments declare ${end - 4 - headerLength} bytes but the message carries ${
        body.byteLength - 4 - headerLength
      }`,
    );
  }

  const used = new Array<boolean>(attachmentHeaders.length).fill(false);
  const walk = (v: unknown, path: string, depth: number): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (depth >= maxDepth) throw new WireFormatError(`Value nested deeper than ${maxDepth} at ${path}`);
    if (Array.isArray(v)) return v.map((item, i) => walk(item, `${path}[${i}]`, depth + 1));
    const record = v as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === '$bin') {
      const index = record.$bin;
      if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= used.length) {
        throw new WireFormatError(`Attachment reference ${String(index)} out of range at ${path}`);
      }
      const i = index as number;
      if (used[i]) throw new WireFormatError(`Attachment ${i} referenced twice (again at ${path})`);
      used[i] = true;
      return fromWireBytes(attachmentHeaders[i].type, body, offsets[i], attachmentHeaders[i].byteLength);
    }
    if (keys.length === 1 && keys[0] === '$num') return decodeNumber(record.$num, path);
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      if (key === '__proto__') throw new WireFormatError(`Refusing a __proto__ key at ${path}`);
      if (key.startsWith('$') && !key.startsWith('$$')) {
        throw new WireFormatError(`Unexpected key ${JSON.stringify(key)} at ${path}`);
      }
      const name = key.startsWith('$') ? key.slice(1) : key;
      out[name] = walk(record[key], `${path}.${name}`, depth + 1);
    }
    return out;
  };

  const value = walk(header.value, 'value', 0);
  const unused = used.indexOf(false);
  if (unused !== -1) throw new WireFormatError(`Attachment ${unused} is never referenced`);
  return value;
}

function parseHeader(bytes: Uint8Array): { attachments: unknown; value: unknown } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new WireFormatError(`Header is not UTF-8 JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new WireFormatError('Header is not a JSON object');
  }
  const record = parsed as Record<string, unknown>;
  const keys = Object.keys(record).sort().join(',');
  if (keys !== 'attachments,value,version') {
    throw new WireFormatError(`Header has keys [${keys}], expected attachments, value and version`);
  }
  if (record.version !== WIRE_VERSION) {
    throw new WireFormatError(`Unsupported wire version ${JSON.stringify(record.version)}`);
  }
  return { attachments: record.attachments, value: record.value };
}

function parseAttachmentHeaders(list: unknown, maxAttachments: number): AttachmentHeader[] {
  if (!Array.isArray(list)) throw new WireFormatError('Header attachments is not an array');
  if (list.length > maxAttachments) {
    throw new WireFormatError(`${list.length} attachments is over the limit of ${maxAttachments}`);
  }
  return list.map((item: unknown, i): AttachmentHeader => {
    const record = (item ?? {}) as Record<string, unknown>;
    const type = record.type;
    const byteLength = record.byteLength;
    if (typeof type !== 'string' || !Object.hasOwn(TYPED_ARRAYS, type)) {
      throw new WireFormatError(`Attachment ${i} has unknown type ${JSON.stringify(type)}`);
    }
    const elementSize = TYPED_ARRAYS[type as TypedArrayName].BYTES_PER_ELEMENT;
    if (!Number.isSafeInteger(byteLength) || (byteLength as number) < 0) {
      throw new WireFormatError(`Attachment ${i} has invalid byteLength ${JSON.stringify(byteLength)}`);
    }
    if ((byteLength as number) % elementSize !== 0) {
      throw new WireFormatError(
        `Attachment ${i} byteLength ${String(byteLength)} is not a multiple of ${elementSize} (${type})`,
      );
    }
    return { type: type as TypedArrayName, byteLength: byteLength as number };
  });
}

function encodeNumber(v: number): number | { $num: SpecialNumber } {
  if (Number.isNaN(v)) return { $num: 'NaN' };
  if (v === Infinity) return { $num: 'Infinity' };
  if (v === -Infinity) return { $num: '-Infinity' };
  if (Object.is(v, -0)) return { $num: '-0' };
  return v;
}

function decodeNumber(tag: unknown, path: string): number {
  switch (tag) {
    case 'NaN':
      return NaN;
    case 'Infinity':
      return Infinity;
    case '-Infinity':
      return -Infinity;
    case '-0':
      return -0;
    default:
      throw new WireFormatError(`Unknown number tag ${JSON.stringify(tag)} at ${path}`);
  }
}

function typedArrayName(v: object): TypedArrayName | null {
  // Exact classes only: a Uint8ClampedArray or a subclass would come back as something else.
  for (const name of Object.keys(TYPED_ARRAYS) as TypedArrayName[]) {
    if (Object.getPrototypeOf(v) === TYPED_ARRAYS[name].prototype) return name;
  }
  return null;
}

function isPlainObject(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function describe(v: object): string {
  const proto: unknown = Object.getPrototypeOf(v);
  const ctor = (proto as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof ctor === 'string' && ctor !== '' ? `a ${ctor}` : 'a non-plain object';
}

/** A copy of the view's own bytes (never the rest of its buffer), little-endian. */
function toWireBytes(view: WireTypedArray): Uint8Array {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  // Little-endian machines send the elements' bytes as they are (encodeWire copies them into the
  // message right away); a big-endian one swaps a copy.
  if (LITTLE_ENDIAN) return bytes;
  const swapped = bytes.slice();
  swapBytes(swapped, view.BYTES_PER_ELEMENT);
  return swapped;
}

/** A fresh typed array (its own buffer, so it is aligned and keeps nothing else alive). */
function fromWireBytes(type: TypedArrayName, body: Uint8Array, offset: number, byteLength: number): unknown {
  const bytes = body.slice(offset, offset + byteLength);
  const Ctor = TYPED_ARRAYS[type];
  if (!LITTLE_ENDIAN) swapBytes(bytes, Ctor.BYTES_PER_ELEMENT);
  return new Ctor(bytes.buffer, 0, byteLength / Ctor.BYTES_PER_ELEMENT);
}

function swapBytes(bytes: Uint8Array, size: number): void {
  if (size === 1) return;
  for (let i = 0; i + size <= bytes.length; i += size) {
    bytes.subarray(i, i + size).reverse();
  }
}

function writeU32(out: Uint8Array, offset: number, v: number): void {
  out[offset] = v & 0xff;
  out[offset + 1] = (v >>> 8) & 0xff;
  out[offset + 2] = (v >>> 16) & 0xff;
  out[offset + 3] = (v >>> 24) & 0xff;
}

function readU32(bytes: Uint8Array, offset: number): number {
  return (
    (bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16) | (bytes[offset + 3] << 24)) >>> 0
  );
}
