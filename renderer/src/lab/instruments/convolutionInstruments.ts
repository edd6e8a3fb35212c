/** The convolution instruments of the concepts lab, in the order the lab lists them. */
import type { Instrument } from '../instrument.js';

export const convolutionInstruments: Instrument[] = [];
