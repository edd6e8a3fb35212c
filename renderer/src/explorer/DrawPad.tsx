/**
 * A 28×28 drawing pad: white on black with a round soft brush (brush.ts), as MNIST digits are
 * written. Every stroke segment reports the new pixels, so the network follows the pen.
 */
import { useEffect, useRef } from 'react';

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

  return (
    <div className="draw-pad">
      <canvas
        ref={canvas}
        width={PAD_SIZE}
        height={PAD_SIZE}
        data-testid="draw-pad"
        aria-label="Drawing pad: draw a digit with the mouse"
        role="img"
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
        <span className="muted small">Draw a digit: white on black, like MNIST.</span>
      </div>
    </div>
  );
}
