/** The network instruments of the concepts lab, in the order the lab lists them. */
import type { Instrument } from '../instrument.js';
import { CIRCULAR_META, CircularInstrument } from '../network/CircularInstrument.js';
import { DROPOUT_META, DropoutInstrument } from '../network/DropoutInstrument.js';
import { SHAPES_META, ShapesInstrument } from '../network/ShapesInstrument.js';

export const networkInstruments: Instrument[] = [
  { ...SHAPES_META, component: ShapesInstrument },
  { ...CIRCULAR_META, component: CircularInstrument },
  { ...DROPOUT_META, component: DropoutInstrument },
];
