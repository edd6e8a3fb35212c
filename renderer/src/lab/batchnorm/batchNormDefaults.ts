/**
 * The batch-norm instruments' starting values and sample sizes (the homework's where it gives
 * them), shared with the app tests so they check the numbers the instruments show.
 */

/** 1(a): the input N(1.5, 0.16), batch norm with β = 3, γ = 1. */
export const BN_1D_DEFAULTS = {
  mu: 1.5,
  sigma2: 0.16,
  gamma: 1,
  beta: 3,
  /** Batch size m = 2^log2m. */
  log2m: 5,
  seed: 1,
  /** The question's "very large" batch. */
  sampleSize: 20_000,
  /** Batches drawn to measure the noise of batch statistics. */
  batches: 400,
  maxLog2m: 8,
  /** The batches' standard normals come from seed + this, apart from the large sample's. */
  batchSeedOffset: 7919,
} as const;

/** 1(b): a tilted Gaussian away from the origin, so recentring and rescaling both show. */
export const BN_2D_DEFAULTS = {
  gaussian: { mu1: 3, mu2: 2, sigma1: 1.5, sigma2: 0.6, rho: 0.6 },
  points: 1500,
  seed: 1,
} as const;

/** 1 (backward): the batch [1, 2, 3, 6] and one upstream gradient on its first output. */
export const BN_GRAPH_DEFAULTS = {
  m: 4,
  maxM: 5,
  /** Values beyond m are used when m is raised. */
  x: [1, 2, 3, 6, 4],
  dy: [1, 0, 0, 0, 0],
  gamma: 1,
  beta: 0,
} as const;
