/**
 * The benchmark conv layer (N=8, C=F=64, 56x56, 3x3, pad 1, stride 1) on shared buffers, with one
 * private dw/db slot per worker for the split backward-weight pass.
 */
import { fillUniform, seededRandom } from './seededRandom.js';
import { sharedBufferOf, sharedFloat32, sharedInt32Of } from './sharedArrays.js';

export const CONV_LAYER = { n: 8, c: 64, f: 64, h: 56, w: 56, k: 3, pad: 1, stride: 1 } as const;

/** 2 * N * F * C * KH * KW * OH * OW: one multiply-add per weight tap per output pixel. */
export const CONV_LAYER_FLOPS =
  2 * CONV_LAYER.n * CONV_LAYER.f * CONV_LAYER.c * CONV_LAYER.k * CONV_LAYER.k * CONV_LAYER.h * CONV_LAYER.w;

export interface ConvLayerBuffers {
  x: Float32Array;
  w: Float32Array;
  b: Float32Array;
  y: Float32Array;
  dy: Float32Array;
  dx: Float32Array;
  dw: Float32Array;
  db: Float32Array;
  /** slots x dw: worker s writes its partial sum at [s * dw.length, (s + 1) * dw.length). */
  dwPartials: Float32Array;
  dbPartials: Float32Array;
  geometry: Int32Array;
}

export function createConvLayerBuffers(slots: number, seed = 7): ConvLayerBuffers {
  const { n, c, f, h, w, k, pad, stride } = CONV_LAYER;
  const random = seededRandom(seed);
  const wsize = f * c * k * k;
  return {
    x: fillUniform(sharedFloat32(n * c * h * w), random),
    w: fillUniform(sharedFloat32(wsize), random, 1 / Math.sqrt(c * k * k)),
    b: fillUniform(sharedFloat32(f), random),
    y: sharedFloat32(n * f * h * w),
    dy: fillUniform(sharedFloat32(n * f * h * w), random),
    dx: sharedFloat32(n * c * h * w),
    dw: sharedFloat32(wsize),
    db: sharedFloat32(f),
    dwPartials: sharedFloat32(slots * wsize),
    dbPartials: sharedFloat32(slots * f),
    // [n, c, h, w, f, kh, kw, sh, sw, ph, pw, dh, dw, groups, mode, flip]
    geometry: sharedInt32Of([n, c, h, w, f, k, k, stride, stride, pad, pad, 1, 1, 1, 0, 0]),
  };
}

export function convLayerShared(b: ConvLayerBuffers): Record<string, SharedArrayBuffer> {
  const out: Record<string, SharedArrayBuffer> = {};
  for (const [key, value] of Object.entries(b) as [keyof ConvLayerBuffers, Float32Array | Int32Array][])
    out[`conv.${key}`] = sharedBufferOf(value);
  return out;
}
