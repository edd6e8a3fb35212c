/**
 * A number input that lets the user type through states that are not numbers yet ("-", "0.",
 * "1e") and only reports acceptable values, while still following the value when it changes from
 * outside (undo, presets).
 */
import { useState, type InputHTMLAttributes, type Ref } from 'react';
import { parseNumberText, type NumberLimits } from './parseNumberText.js';

/** NumberInput's props: the input's own attributes plus the value and its limits. */
export type NumberInputProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange' | 'type' | 'min' | 'max'
> &
  NumberLimits & {
    value: number;
    onValue: (value: number) => void;
    /** React 19 passes ref as a prop; it reaches the input. */
    ref?: Ref<HTMLInputElement>;
  };

/** A controlled `<input type="number">` reporting only values within its limits. */
export function NumberInput({ value, onValue, min, max, integer, onBlur, step, ...rest }: NumberInputProps) {
  const limits = { min, max, integer };
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  // Adjusting state during render (not in an effect) keeps the field in step with undo in one pass.
  if (!Object.is(value, shown)) {
    setShown(value);
    if (parseNumberText(text, limits) !== value) setText(String(value));
  }
  return (
    <input
      {...rest}
      type="number"
      inputMode="decimal"
      min={min}
      max={max}
      step={step ?? (integer ? 1 : 'any')}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const v = parseNumberText(e.target.value, limits);
        if (v !== null && !Object.is(v, value)) onValue(v);
      }}
      onBlur={(e) => {
        // Whatever was left half-typed, the field shows the value in force when focus leaves.
        setText(String(value));
        onBlur?.(e);
      }}
    />
  );
}
