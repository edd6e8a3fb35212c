/**
 * The Pixi v8 viewer: before/after images (static layer), hover outline (overlay), pointer pan and
 * wheel zoom. Renders on demand (no ticker): nothing is drawn while nothing changes.
 */
// Pixi's CSP-safe mode: replaces the shader and uniform code Pixi would otherwise generate with
// new Function(), which the renderer's Content-Security-Policy (no 'unsafe-eval') forbids.
import 'pixi.js/unsafe-eval';
import { Application } from 'pixi.js';
import { useEffect, useRef, useState } from 'react';

import type { PaneLayout, ViewMode } from './paneLayout.js';
import {
  createStudioScene,
  destroyStudioScene,
  drawOverlay,
  drawStaticLayer,
  type StudioScene,
} from './pixiScene.js';
import type { PlacedPixels } from './placedPixels.js';
import type { Size, View } from './viewTransform.js';

/** Props of StudioCanvas. */
export interface StudioCanvasProps {
  view: View | null;
  layout: PaneLayout;
  mode: ViewMode;
  before: PlacedPixels | null;
  after: PlacedPixels | null;
  hover: { x: number; y: number } | null;
  onResize(size: Size): void;
  onPan(dx: number, dy: number): void;
  /** Wheel zoom by `factor` about canvas point (x, y). */
  onZoom(factor: number, x: number, y: number): void;
  /** The pointer's canvas position, or null when it left. */
  onPointer(point: { x: number; y: number } | null): void;
}

/** The canvas element and its Pixi application. */
export function StudioCanvas(props: StudioCanvasProps) {
  const host = useRef<HTMLDivElement>(null);
  const [scene, setScene] = useState<StudioScene | null>(null);
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  const drag = useRef<{ id: number; x: number; y: number } | null>(null);
  const frame = useRef(0);
  const { onResize, onZoom } = props;

  useEffect(() => {
    const element = host.current;
    if (element === null) return;
    const app = new Application();
    let disposed = false;
    let made: StudioScene | null = null;
    app
      .init({
        width: Math.max(1, element.clientWidth),
        height: Math.max(1, element.clientHeight),
        preference: 'webgl',
        background: 0x202226,
        antialias: false,
        autoStart: false,
        resolution: window.devicePixelRatio || 1,
        autoDensity: true,
      })
      .then(() => {
        if (disposed) {
          app.destroy(true);
          return;
        }
        app.canvas.dataset.testid = 'studio-canvas';
        app.canvas.setAttribute('aria-hidden', 'true');
        element.appendChild(app.canvas);
        made = createStudioScene(app);
        setScene(made);
      })
      .catch((reason: unknown) => console.error('Convscope: the viewer could not start', reason));
    return () => {
      disposed = true;
      cancelAnimationFrame(frame.current);
      if (made !== null) {
        destroyStudioScene(made);
        app.destroy(true);
      }
      setScene(null);
    };
  }, []);

  useEffect(() => {
    const element = host.current;
    if (element === null) return;
    const observer = new ResizeObserver(() => {
      const next = { width: Math.floor(element.clientWidth), height: Math.floor(element.clientHeight) };
      setSize(next);
      onResize(next);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [onResize]);

  // The wheel listener must not be passive: it stops the page from scrolling.
  useEffect(() => {
    const element = host.current;
    if (element === null) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = element.getBoundingClientRect();
      const factor = Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.0015));
      onZoom(factor, event.clientX - rect.left, event.clientY - rect.top);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [onZoom]);

  const { view, layout, mode, before, after, hover } = props;

  // Static layer: only when images, view or layout change.
  useEffect(() => {
    if (scene === null || view === null || size.width === 0) return;
    scene.app.renderer.resize(size.width, size.height);
    drawStaticLayer(scene, { canvas: size, layout, view, before, after });
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => scene.app.render());
  }, [scene, size, layout, view, before, after]);

  // Overlay: on every hover change, without touching the textures.
  useEffect(() => {
    if (scene === null || view === null || size.width === 0) return;
    drawOverlay(scene, { canvas: size, layout, view, mode, hover });
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => scene.app.render());
  }, [scene, size, layout, view, mode, hover]);

  const local = (event: React.PointerEvent) => {
    const rect = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };

  return (
    <div
      ref={host}
      className="studio-canvas-host"
      tabIndex={0}
      role="img"
      aria-label="Image viewer: drag to pan, wheel or + and - to zoom, 0 to fit"
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.currentTarget.setPointerCapture(event.pointerId);
        drag.current = { id: event.pointerId, x: event.clientX, y: event.clientY };
      }}
      onPointerMove={(event) => {
        const d = drag.current;
        if (d !== null && d.id === event.pointerId) {
          props.onPan(event.clientX - d.x, event.clientY - d.y);
          drag.current = { id: d.id, x: event.clientX, y: event.clientY };
        }
        props.onPointer(local(event));
      }}
      onPointerUp={() => (drag.current = null)}
      onPointerCancel={() => (drag.current = null)}
      onPointerLeave={() => props.onPointer(null)}
    />
  );
}
