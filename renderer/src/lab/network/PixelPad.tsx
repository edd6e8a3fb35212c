/**
 * An 8×8 image drawn by clicking cells (black = 1, white = 0). One tab stop for the whole pad:
 * arrow keys move between cells, Space or Enter toggles the focused one.
 */
import { useRef, useState, type KeyboardEvent } from 'react';

export interface PixelPadProps {
  size: number;
  pixels: readonly number[];
  onChange(pixels: number[]): void;
}

export function PixelPad({ size, pixels, onChange }: PixelPadProps) {
  const [focus, setFocus] = useState(0);
  const cells = useRef<(HTMLButtonElement | null)[]>([]);
  const moveTo = (i: number) => {
    setFocus(i);
    cells.current[i]?.focus();
  };
  const onKey = (e: KeyboardEvent, i: number) => {
    const r = Math.floor(i / size);
    const c = i % size;
    const to: Record<string, number> = {
      ArrowUp: Math.max(0, r - 1) * size + c,
      ArrowDown: Math.min(size - 1, r + 1) * size + c,
      ArrowLeft: r * size + Math.max(0, c - 1),
      ArrowRight: r * size + Math.min(size - 1, c + 1),
      Home: r * size,
      End: r * size + size - 1,
    };
    if (e.key in to) {
      e.preventDefault();
      moveTo(to[e.key]);
    }
  };
  return (
    <div
      className="net-pad"
      role="group"
      aria-label={`${size}×${size} image: arrows move, Space toggles a pixel`}
      data-testid="pixel-pad"
    >
      {pixels.map((v, i) => (
        <button
          key={i}
          ref={(el) => {
            cells.current[i] = el;
          }}
          type="button"
          tabIndex={i === focus ? 0 : -1}
          aria-pressed={v !== 0}
          aria-label={`row ${Math.floor(i / size)}, column ${i % size}`}
          data-testid={`pixel-${Math.floor(i / size)}-${i % size}`}
          onFocus={() => setFocus(i)}
          onKeyDown={(e) => onKey(e, i)}
          onClick={() => onChange(pixels.map((p, j) => (j === i ? (p !== 0 ? 0 : 1) : p)))}
        />
      ))}
    </div>
  );
}
