/**
 * A 28×28 drawing pad: white on black with a round soft brush (brush.ts), as MNIST digits are
 * written. Every stroke segment reports the new pixels, so the network follows the pen. With the
 * keyboard: focus the pad, move the pen with the arrow keys, and Space lifts or lowers it (lowered,
 * the arrows draw).
 */
import { useEffect, useRef, useState } from 'react';

import { PAD_SIZE, paintSegment, toGrayBytes } from './brush.js';

/** Brush radius in pad pixels: about MNIST's pen width with the soft edge. */
const BRUSH_RADIUS = 1.1;

/** Props of DrawPad. */
export interface DrawPadProps {
  /** The drawn pixels after each change (gray bytes, 28 × 28). */
  onDraw(pixels: Uint8Array): void;
}

/** The pad and its Clear button. */
export function DrawPad({ onDraw }: DrawPadProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const values = useRef(new Float32Array(PAD_SIZE * PAD_SIZE));
  const last = useRef<{ x: number; y: number } | null>(null);
  // The keyboard pen: its pixel (centre of the pad at first) and whether it is down.
  const [pen, setPen] = useState({ x: PAD_SIZE / 2, y: PAD_SIZE / 2, down: false });
  const [focused, setFocused] = useState(false);

  const paint = () => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(PAD_SIZE, PAD_SIZE);
    values.current.forEach((v, i) => {
      const g = Math.round(v * 255);
      image.data.set([g, g, g, 255], i * 4);
    });
    context.putImageData(image, 0, 0);
  };
  useEffect(paint, []);

  const at = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return {
      x: ((event.clientX - box.left) / box.width) * PAD_SIZE,
      y: ((event.clientY - box.top) / box.height) * PAD_SIZE,
    };
  };
  const stroke = (to: { x: number; y: number }) => {
    const from = last.current ?? to;
    last.current = to;
    if (paintSegment(values.current, PAD_SIZE, from, to, BRUSH_RADIUS)) {
      paint();
      onDraw(toGrayBytes(values.current));
    }
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLCanvasElement>) => {
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
    };
    const move = moves[event.key];
    if (event.key === ' ') {
      const down = !pen.down;
      setPen({ ...pen, down });
      if (down) {
        last.current = null;
        stroke({ x: pen.x + 0.5, y: pen.y + 0.5 });
      }
    } else if (move) {
      const x = Math.min(PAD_SIZE - 1, Math.max(0, pen.x + move[0]));
      const y = Math.min(PAD_SIZE - 1, Math.max(0, pen.y + move[1]));
      if (pen.down) {
        last.current = { x: pen.x + 0.5, y: pen.y + 0.5 };
        stroke({ x: x + 0.5, y: y + 0.5 });
      }
      setPen({ ...pen, x, y });
    } else return;
    // The explorer's layer keys must not also act on these.
    event.preventDefault();
  };

  return (
    <div className="draw-pad">
      <div className="draw-pad-canvas">
        <canvas
          ref={canvas}
          width={PAD_SIZE}
          height={PAD_SIZE}
          data-testid="draw-pad"
          aria-label="Drawing pad: draw a digit with the mouse, or with the arrow keys after Space lowers the pen"
          role="img"
          tabIndex={0}
          onKeyDown={onKeyDown}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          onPointerDown={(e) => {
            e.currentTarget.setPointerCapture(e.pointerId);
            last.current = null;
            stroke(at(e));
          }}
          onPointerMove={(e) => {
            if (e.buttons & 1 && last.current !== null) stroke(at(e));
          }}
          onPointerUp={() => (last.current = null)}
          onPointerCancel={() => (last.current = null)}
        />
        {focused && (
          <span
            className="draw-pad-pen"
            data-testid="draw-pen"
            data-down={pen.down}
            style={{
              left: `${(pen.x / PAD_SIZE) * 100}%`,
              top: `${(pen.y / PAD_SIZE) * 100}%`,
              width: `${100 / PAD_SIZE}%`,
              height: `${100 / PAD_SIZE}%`,
            }}
          />
        )}
      </div>
      <div className="row">
        <button
          type="button"
          data-testid="draw-clear"
          onClick={() => {
            values.current.fill(0);
            paint();
            onDraw(toGrayBytes(values.current));
          }}
        >
          Clear
        </button>
        <span className="muted small">
          Draw a digit: white on black, like MNIST. Keyboard: arrows move the pen, Space lowers or lifts it.
        </span>
      </div>
    </div>
  );
}
