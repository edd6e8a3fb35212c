/**
 * A labelled range input with its value printed beside it: keyboard-reachable (arrows, Page
 * Up/Down, Home/End) with the app's focus ring, and `valueText` read out by screen readers when
 * the position is not the value itself (a batch size on a log scale).
 */
import { useId } from 'react';

import { formatNumber } from './formatNumber.js';

export interface SliderProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onValue: (value: number) => void;
  /** What is printed and announced; default: the value. */
  valueText?: string;
  testId: string;
}

export function Slider({ label, value, min, max, step, onValue, valueText, testId }: SliderProps) {
  const id = useId();
  const text = valueText ?? formatNumber(value);
  return (
    <div className="bn-slider">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-valuetext={text}
        data-testid={testId}
        onChange={(e) => onValue(e.target.valueAsNumber)}
      />
      <output htmlFor={id} data-testid={`${testId}-value`}>
        {text}
      </output>
    </div>
  );
}
