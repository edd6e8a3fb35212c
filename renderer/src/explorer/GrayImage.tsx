/** Gray bytes (or RGBA) drawn on a canvas at their own size; CSS scales them with crisp pixels. */
import { useEffect, useRef } from 'react';

/** Props of GrayImage. */
export interface GrayImageProps {
  width: number;
  height: number;
  /** width × height gray bytes, or width × height × 4 RGBA bytes. */
  pixels: Uint8Array;
  className?: string;
  label?: string;
}

/** A canvas showing `pixels`. */
export function GrayImage({ width, height, pixels, className, label }: GrayImageProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(width, height);
    if (pixels.length === width * height * 4) image.data.set(pixels);
    else
      for (let i = 0; i < width * height; i++) {
        const v = pixels[i] ?? 0;
        image.data[i * 4] = v;
        image.data[i * 4 + 1] = v;
        image.data[i * 4 + 2] = v;
        image.data[i * 4 + 3] = 255;
      }
    context.putImageData(image, 0, 0);
  }, [width, height, pixels]);
  return (
    <canvas
      ref={canvas}
      width={width}
      height={height}
      className={className}
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : 'true'}
    />
  );
}
