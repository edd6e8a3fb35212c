/** The batchNorm instruments of the concepts lab, in the order the lab lists them. */
import { BatchNorm1d, BN_1D_META } from '../batchnorm/BatchNorm1d.js';
import { BatchNorm2d, BN_2D_META } from '../batchnorm/BatchNorm2d.js';
import { BatchNormBackward, BN_GRAPH_META } from '../batchnorm/BatchNormBackward.js';
import type { Instrument } from '../instrument.js';

export const batchNormInstruments: Instrument[] = [
  { ...BN_1D_META, component: BatchNorm1d },
  { ...BN_2D_META, component: BatchNorm2d },
  { ...BN_GRAPH_META, component: BatchNormBackward },
];
