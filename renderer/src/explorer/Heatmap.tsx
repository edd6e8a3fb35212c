/**
 * One map drawn as a heatmap: a canvas with one pixel per value, scaled up by CSS with nearest-
 * neighbour sampling (each unit stays a crisp square), and rectangle overlays in unit coordinates
 * as positioned elements on top (so they stay sharp and tests can read them). Interactive maps
 * report the unit under the pointer, and are keyboard reachable: arrows move a unit cursor, Enter
 * pins it, Escape clears.
 */
import { useEffect, useRef, type ReactNode } from 'react';

import type { Rect } from '../../../preload/networkTypes.js';
import { paintValues, type ColorScale } from './colorScale.js';

/** A rectangle drawn over the map, inclusive unit indices. */
export interface MapOverlay {
  rect: Rect;
  className: string;
  testId?: string;
  /** data-* attributes (the e2e test reads the input rectangle's). */
  data?: Record<string, string | number>;
}

/** Props of Heatmap. */
export interface HeatmapProps {
  data: ArrayLike<number>;
  offset?: number;
  height: number;
  width: number;
  scale: ColorScale;
  /** Ready-made colours (width × height × 4 bytes) instead of data and scale (colour inputs). */
  rgba?: Uint8ClampedArray;
  label: string;
  testId?: string;
  className?: string;
  overlays?: readonly MapOverlay[];
  /** The unit under the pointer (or the keyboard cursor); null when it leaves. */
  onHover?(unit: { y: number; x: number } | null): void;
  onPick?(unit: { y: number; x: number }): void;
  /** The keyboard cursor's unit while the map has focus. */
  cursor?: { y: number; x: number } | null;
  onCursor?(unit: { y: number; x: number } | null): void;
  children?: ReactNode;
}

/** Percent position of a rectangle of units on a height × width map. */
function rectStyle(rect: Rect, height: number, width: number) {
  return {
    top: `${(rect.top / height) * 100}%`,
    left: `${(rect.left / width) * 100}%`,
    height: `${((rect.bottom - rect.top + 1) / height) * 100}%`,
    width: `${((rect.right - rect.left + 1) / width) * 100}%`,
  };
}

/** A heatmap with overlays. */
export function Heatmap(props: HeatmapProps) {
  const { data, offset = 0, height, width, scale, rgba, onHover, onPick, cursor, onCursor } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  // Focus that came with a click leaves the arrows to the layer stepper; Tab focus takes them.
  const clicked = useRef(false);

  // The scale by value: a parent re-rendering with an equal scale (every hover) repaints nothing.
  const [scaleLo, scaleHi] =
    scale.kind === 'diverging' ? [-scale.maxAbs, scale.maxAbs] : [scale.min, scale.max];
  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context || width < 1 || height < 1) return;
    const image = context.createImageData(width, height);
    if (rgba !== undefined && rgba.length === width * height * 4) image.data.set(rgba);
    else paintValues(data, offset, width * height, scale, image.data);
    context.putImageData(image, 0, 0);
    // `scale` is read through its kind and ends, the deps below.
  }, [data, offset, height, width, scale.kind, scaleLo, scaleHi, rgba]);

  const unitAt = (event: React.PointerEvent<HTMLElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = Math.floor(((event.clientX - box.left) / box.width) * width);
    const y = Math.floor(((event.clientY - box.top) / box.height) * height);
    return x >= 0 && x < width && y >= 0 && y < height ? { y, x } : null;
  };
  const interactive = onHover !== undefined || onPick !== undefined;

  const onKeyDown = (event: React.KeyboardEvent<HTMLElement>) => {
    if (onCursor === undefined) return;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const move = moves[event.key];
    const at = cursor ?? { y: Math.floor(height / 2), x: Math.floor(width / 2) };
    if (move !== undefined && clicked.current) return;
    if (move !== undefined) {
      // The arrows move the cursor here instead of stepping layers.
      event.preventDefault();
      event.stopPropagation();
      const next = {
        y: Math.min(height - 1, Math.max(0, at.y + (cursor ? move[0] : 0))),
        x: Math.min(width - 1, Math.max(0, at.x + (cursor ? move[1] : 0))),
      };
      onCursor(next);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onPick?.(at);
    } else if (event.key === 'Escape') {
      onCursor(null);
    }
  };

  return (
    <div
      className={`heatmap${interactive ? ' interactive' : ''}${props.className ? ` ${props.className}` : ''}`}
      style={{ aspectRatio: `${width} / ${height}` }}
      data-testid={props.testId}
      role={interactive ? 'application' : 'img'}
      aria-label={props.label}
      tabIndex={onCursor !== undefined ? 0 : undefined}
      onPointerMove={onHover && ((e) => onHover(unitAt(e)))}
      onPointerLeave={onHover && (() => onHover(null))}
      onClick={
        onPick &&
        ((e) => {
          const unit = unitAt(e as unknown as React.PointerEvent<HTMLElement>);
          if (unit !== null) onPick(unit);
        })
      }
      onKeyDown={onCursor !== undefined ? onKeyDown : undefined}
      onPointerDown={() => (clicked.current = true)}
      onBlur={
        onCursor !== undefined
          ? () => {
              clicked.current = false;
              onCursor(null);
            }
          : undefined
      }
    >
      <canvas ref={canvas} width={width} height={height} aria-hidden="true" />
      {props.overlays?.map((o, i) => (
        <div
          key={i}
          className={`map-rect ${o.className}`}
          style={rectStyle(o.rect, height, width)}
          data-testid={o.testId}
          {...Object.fromEntries(Object.entries(o.data ?? {}).map(([k, v]) => [`data-${k}`, String(v)]))}
        />
      ))}
      {props.children}
    </div>
  );
}
