/** A labelled `<select>` over a fixed list of string values. */
import { useId } from 'react';

/** SelectField's props. */
export interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  options: readonly T[];
  labels: Record<T, string>;
  onValue: (value: T) => void;
  testId: string;
}

/** A select whose value is always one of `options`. */
export function SelectField<T extends string>({
  label,
  value,
  options,
  labels,
  onValue,
  testId,
}: SelectFieldProps<T>) {
  const id = useId();
  return (
    <label htmlFor={id}>
      {label}
      <select
        id={id}
        data-testid={testId}
        value={value}
        onChange={(e) => {
          const next = options.find((o) => o === e.target.value);
          if (next !== undefined) onValue(next);
        }}
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {labels[o]}
          </option>
        ))}
      </select>
    </label>
  );
}
