/**
 * What a concepts-lab instrument is: its place in the lab's list, the homework question it answers,
 * and the component that draws it. Each group of instruments lists itself in its own file under
 * instruments/; labInstruments.ts puts the groups in order.
 */
import type { ComponentType } from 'react';

export interface InstrumentMeta {
  /** URL- and test-id-safe: 'bn-1d', 'fir', ... */
  id: string;
  title: string;
  /** The homework question it answers, e.g. '1(a)'. */
  question: string;
}

export interface Instrument extends InstrumentMeta {
  component: ComponentType;
}
