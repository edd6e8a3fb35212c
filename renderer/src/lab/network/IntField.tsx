/**
 * A whole-number field that can be cleared and retyped: it keeps its own text while typing and
 * reports only valid values (within min..max); an invalid entry is marked and not applied.
 */
import { useEffect, useState } from 'react';

export interface IntFieldProps {
  label: string;
  /** A longer name for screen readers and the tooltip. */
  title?: string;
  value: number;
  min: number;
  max: number;
  onChange(value: number): void;
  testId?: string;
  /** Takes two columns of the fields grid (a long label). */
  wide?: boolean;
}

export function IntField({ label, title, value, min, max, onChange, testId, wide }: IntFieldProps) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const parsed = Number(text);
  const valid = text.trim() !== '' && Number.isInteger(parsed) && parsed >= min && parsed <= max;
  return (
    <label className={wide ? 'net-int wide' : 'net-int'} title={title}>
      <span>{label}</span>
      <input
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={text}
        aria-label={title ?? label}
        aria-invalid={!valid}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          const n = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isInteger(n) && n >= min && n <= max) onChange(n);
        }}
        onBlur={() => setText(String(value))}
      />
    </label>
  );
}
