/** Every instrument of the concepts lab, in the homework's order. */
import type { Instrument } from './instrument.js';
import { batchNormInstruments } from './instruments/batchNormInstruments.js';
import { convolutionInstruments } from './instruments/convolutionInstruments.js';
import { networkInstruments } from './instruments/networkInstruments.js';

export const LAB_INSTRUMENTS: readonly Instrument[] = [
  ...batchNormInstruments,
  ...convolutionInstruments,
  ...networkInstruments,
];
