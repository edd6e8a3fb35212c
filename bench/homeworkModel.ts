/**
 * The homework network, 28x28x1 -> CONV3-10 (pad 1) -> ReLU -> POOL2 -> CONV3-10 (pad 1) -> ReLU
 * -> POOL2 -> FLATTEN -> FC-10, as raw addon calls over preallocated shared buffers. Every
 * activation buffer holds the whole batch and each call covers a batch range, so worker threads
 * can each run the whole network on their part of the batch, writing disjoint parts of the same
 * buffers.
 */
import type { NativeAddon } from '../native-kernels/addon.js';
import { fillUniform, seededRandom } from './seededRandom.js';
import { sharedBufferOf, sharedFloat32, sharedInt32, sharedInt32Of } from './sharedArrays.js';

export interface HomeworkModel {
  batch: number;
  x: Float32Array; // [B, 1, 28, 28]
  w1: Float32Array; // [10, 1, 3, 3]
  b1: Float32Array;
  a1: Float32Array; // [B, 10, 28, 28] after conv + ReLU
  p1: Float32Array; // [B, 10, 14, 14]
  i1: Int32Array;
  w2: Float32Array; // [10, 10, 3, 3]
  b2: Float32Array;
  a2: Float32Array; // [B, 10, 14, 14]
  p2: Float32Array; // [B, 10, 7, 7] = [B, 490] flattened
  i2: Int32Array;
  w3: Float32Array; // [10, 490]
  b3: Float32Array;
  out: Float32Array; // [B, 10] logits
  g1: Int32Array; // conv geometries
  g2: Int32Array;
  q1: Int32Array; // pool geometries
  q2: Int32Array;
}

type Float32Key = {
  [K in keyof HomeworkModel]: HomeworkModel[K] extends Float32Array ? K : never;
}[keyof HomeworkModel];
type Int32Key = {
  [K in keyof HomeworkModel]: HomeworkModel[K] extends Int32Array ? K : never;
}[keyof HomeworkModel];

const FLOAT_KEYS: readonly Float32Key[] = [
  'x',
  'w1',
  'b1',
  'a1',
  'p1',
  'w2',
  'b2',
  'a2',
  'p2',
  'w3',
  'b3',
  'out',
];
const INT_KEYS: readonly Int32Key[] = ['i1', 'i2', 'g1', 'g2', 'q1', 'q2'];

/** Floating-point operations of one image's forward pass (multiply-adds count 2). */
export const HOMEWORK_FLOPS_PER_IMAGE = 2 * 10 * 1 * 9 * 28 * 28 + 2 * 10 * 10 * 9 * 14 * 14 + 2 * 490 * 10;

/**
 * Images per step of homeworkForward: every layer of a chunk runs before the next chunk starts, so
 * a chunk's activations (about 50 KB per image, 0.8 MB per chunk) can stay in L2 instead of the
 * whole batch streaming through memory five times. Measured on the 2-core EPYC: 1 image per
 * step 15.8k images/s, 16 per step 18.2k, the whole 256 at once 18.4k: the layers are bound by
 * compute (and max pooling's branches), not memory, so this matters little; 16 keeps a worker's
 * footprint independent of the batch.
 */
export const HOMEWORK_CHUNK = 16;

/** Weights and inputs from `seed`: the same in every process and for every batch size. */
export function createHomeworkModel(batch: number, seed = 1): HomeworkModel {
  const random = seededRandom(seed);
  const weights = (length: number, fanIn: number): Float32Array =>
    fillUniform(sharedFloat32(length), random, 1 / Math.sqrt(fanIn));
  const w1 = weights(90, 9);
  const b1 = weights(10, 9);
  const w2 = weights(900, 90);
  const b2 = weights(10, 90);
  const w3 = weights(4900, 490);
  const b3 = weights(10, 490);
  // Inputs from their own stream, so batch 1 gets the first image of batch 256.
  const x = sharedFloat32(batch * 784);
  const inputs = seededRandom(seed + 1000);
  for (let i = 0; i < x.length; ++i) x[i] = inputs();
  // geometry [n, c, h, w, f, kh, kw, sh, sw, ph, pw, dh, dw, groups, mode, flip]
  const g1 = sharedInt32Of([batch, 1, 28, 28, 10, 3, 3, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
  const g2 = sharedInt32Of([batch, 10, 14, 14, 10, 3, 3, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
  // pooling [n, c, h, w, kh, kw, sh, sw, ph, pw, countIncludePad]
  const q1 = sharedInt32Of([batch, 10, 28, 28, 2, 2, 2, 2, 0, 0, 1]);
  const q2 = sharedInt32Of([batch, 10, 14, 14, 2, 2, 2, 2, 0, 0, 1]);
  return {
    batch,
    x,
    w1,
    b1,
    a1: sharedFloat32(batch * 10 * 784),
    p1: sharedFloat32(batch * 10 * 196),
    i1: sharedInt32(batch * 10 * 196),
    w2,
    b2,
    a2: sharedFloat32(batch * 10 * 196),
    p2: sharedFloat32(batch * 490),
    i2: sharedInt32(batch * 490),
    w3,
    b3,
    out: sharedFloat32(batch * 10),
    g1,
    g2,
    q1,
    q2,
  };
}

/** The model's buffers by name, for WorkerPool.share. */
export function homeworkBuffers(model: HomeworkModel, prefix: string): Record<string, SharedArrayBuffer> {
  const out: Record<string, SharedArrayBuffer> = {};
  for (const key of FLOAT_KEYS) out[prefix + key] = sharedBufferOf(model[key]);
  for (const key of INT_KEYS) out[prefix + key] = sharedBufferOf(model[key]);
  return out;
}

/** Rebuilds the model's views on a worker from the shared buffers. */
export function homeworkFromBuffers(
  buffer: (name: string) => SharedArrayBuffer,
  prefix: string,
): HomeworkModel {
  const f = (key: Float32Key): Float32Array => new Float32Array(buffer(prefix + key));
  const i = (key: Int32Key): Int32Array => new Int32Array(buffer(prefix + key));
  const g1 = i('g1');
  return {
    batch: g1[0],
    x: f('x'),
    w1: f('w1'),
    b1: f('b1'),
    a1: f('a1'),
    p1: f('p1'),
    i1: i('i1'),
    w2: f('w2'),
    b2: f('b2'),
    a2: f('a2'),
    p2: f('p2'),
    i2: i('i2'),
    w3: f('w3'),
    b3: f('b3'),
    out: f('out'),
    g1,
    g2: i('g2'),
    q1: i('q1'),
    q2: i('q2'),
  };
}

/** Inference forward for images [n0, n1): logits land in model.out. */
export function homeworkForward(
  addon: NativeAddon,
  m: HomeworkModel,
  n0: number,
  n1: number,
  chunk = HOMEWORK_CHUNK,
): void {
  for (let s = n0; s < n1; s += chunk) {
    const e = Math.min(n1, s + chunk);
    // activation 1 fuses the ReLU into the convolution's output pass.
    addon.conv2dForward(m.x, m.w1, m.b1, m.a1, m.g1, s * 28, e * 28, 1);
    addon.maxPool2dForward(m.a1, m.p1, m.i1, m.q1, s * 10, e * 10);
    addon.conv2dForward(m.p1, m.w2, m.b2, m.a2, m.g2, s * 14, e * 14, 1);
    addon.maxPool2dForward(m.a2, m.p2, m.i2, m.q2, s * 10, e * 10);
    addon.linearForward(m.p2, m.w3, m.b3, m.out, m.batch, 490, 10, s, e);
  }
}
