/**
 * Caps on what a graph may ask for, checked before anything is allocated: an imported file is
 * hostile until checked, and a tensor of 2^40 elements must be refused by name, not by the
 * allocator.
 */

/** Largest tensor rank (the elementwise kernels take up to 6 dimensions). */
export const MAX_RANK = 6;

/** Most elements in one tensor: 2^26 float32 values is 256 MiB. */
export const MAX_TENSOR_ELEMENTS = 2 ** 26;
