/** Rank-1 detection lives with the kernels (a pure module the renderer shares). */
export { separate, SEPARABLE_TOLERANCE } from '../../../native-kernels/separable.js';
export type { SeparableFactors } from '../../../native-kernels/separable.js';
