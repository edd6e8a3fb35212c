/** The convolution instruments of the concepts lab, in the order the lab lists them. */
import { Conv2dInstrument, CONV2D_META } from '../convolution/Conv2dInstrument.js';
import { FirInstrument, FIR_META } from '../convolution/FirInstrument.js';
import type { Instrument } from '../instrument.js';

export const convolutionInstruments: Instrument[] = [
  { ...FIR_META, component: FirInstrument },
  { ...CONV2D_META, component: Conv2dInstrument },
];
