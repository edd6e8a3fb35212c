/**
 * What the pixel under the cursor holds: its coordinates, the before value and the filter's values
 * before mapping; zoomed in far enough, also the K x K products that make the value and their sum.
 */
import { useState } from 'react';

import type { ImageInfo, PreviewResult } from '../../../preload/contract.js';
import { effectiveScale, resolveKernelFile, type KernelFile } from './kernelFile.js';
import { kernelProducts } from './kernelProducts.js';
import { outputPixelAt, rgbaAt, valuesAt, type PlacedPixels } from './placedPixels.js';
import { useHoverValues } from './useHoverValues.js';
import { useNeighbourhood } from './useNeighbourhood.js';

/** Screen pixels per image pixel from which the products are shown. */
export const PRODUCTS_MIN_ZOOM = 8;

/** Rec. 709 luma weights, as the back end's luminance mode uses them. */
const LUMA = [0.2126, 0.7152, 0.0722] as const;

/** Props of HoverReadout. */
export interface HoverReadoutProps {
  image: ImageInfo | null;
  zoom: number;
  /** The image pixel under the cursor. */
  pixel: { x: number; y: number } | null;
  before: PlacedPixels | null;
  after: PlacedPixels<PreviewResult> | null;
  /** The draft the after pixels were made with (products must use the same kernel). */
  draft: KernelFile | null;
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) >= 100 ? 1 : 3));

/** The readout panel. */
export function HoverReadout(props: HoverReadoutProps) {
  const { image, pixel, before, after, zoom } = props;
  const [band, setBand] = useState(0);
  const file = props.draft ? resolveKernelFile(props.draft) : null;
  const kRows = file?.kernel.length ?? 1;
  const kCols = file?.kernel[0]?.length ?? 1;
  const showProducts = zoom >= PRODUCTS_MIN_ZOOM && file !== null;
  const hit = pixel && after ? outputPixelAt(after, pixel.x, pixel.y) : null;
  const hood = useNeighbourhood(
    image,
    showProducts && hit ? hit.source : null,
    kRows,
    kCols,
    file?.border ?? 'reflect',
  );
  // Without the preview's values (see usePreviews), the hovered pixel's are fetched on their own.
  const fetched = useHoverValues(
    image,
    hit && after && after.pixels.values === null ? hit.source : null,
    props.draft,
  );

  if (image === null || pixel === null) {
    return (
      <section className="readout" data-testid="hover-readout" aria-live="off">
        <p className="muted">Hover over the image to read pixel values.</p>
      </section>
    );
  }
  const beforeHit = before ? outputPixelAt(before, pixel.x, pixel.y) : null;
  const at = hit?.source ?? beforeHit?.source ?? pixel;
  const rgba = beforeHit && before ? rgbaAt(before.pixels, beforeHit.index) : null;
  const colour = image.channels - (image.hasAlpha ? 1 : 0);
  const beforeValues = rgba === null ? null : colour === 1 ? [rgba[0]] : rgba.slice(0, 3);
  const shownValues = after?.pixels.values ?? null;
  const values =
    hit && after && shownValues
      ? valuesAt(shownValues, after.pixels.width * after.pixels.height, hit.index)
      : fetched;

  const luminance = file?.channels === 'luminance' && colour === 3;
  const bands = luminance || colour === 1 ? 1 : 3;
  const b = Math.min(band, bands - 1);
  const sample = (x: number, y: number): number => {
    const p = hood?.rgba(x, y) ?? [0, 0, 0, 0];
    return luminance ? LUMA[0] * p[0] + LUMA[1] * p[1] + LUMA[2] * p[2] : p[b];
  };
  const products = file && hood ? kernelProducts(file.kernel, file.mode, hood.sources, sample) : null;
  const productsY =
    file?.kernelY && hood ? kernelProducts(file.kernelY, file.mode, hood.sources, sample) : null;
  const scale = file ? effectiveScale(file) : 1;
  const response = products ? (productsY ? Math.hypot(products.sum, productsY.sum) : products.sum) : null;

  return (
    <section className="readout" data-testid="hover-readout">
      <p>
        <strong>
          x {at.x}, y {at.y}
        </strong>
      </p>
      <p>Before: {beforeValues ? beforeValues.join(', ') : '…'}</p>
      <p>After (before mapping): {values ? values.map(fmt).join(', ') : '…'}</p>
      {image.depth === 16 && (
        <p className="muted">16-bit image: before values are shown as the displayed 8-bit values.</p>
      )}
      {zoom < PRODUCTS_MIN_ZOOM && (
        <p className="muted">Zoom in to {PRODUCTS_MIN_ZOOM}x or more to see the kernel products.</p>
      )}
      {showProducts && products && file && (
        <div className="products">
          {bands > 1 && (
            <label>
              Channel{' '}
              <select value={b} onChange={(e) => setBand(Number(e.target.value))}>
                <option value={0}>R</option>
                <option value={1}>G</option>
                <option value={2}>B</option>
              </select>
            </label>
          )}
          <p className="muted">
            {file.mode === 'convolution'
              ? 'Kernel rotated 180° (convolution), laid over the neighbourhood:'
              : 'Kernel laid over the neighbourhood (correlation):'}{' '}
            weight × before{luminance ? ' (luminance)' : ''}
            {productsY ? '; gradient pair, first kernel shown' : ''}
          </p>
          <table className="products-table">
            <tbody>
              {products.products.map((row, i) => (
                <tr key={i}>
                  {row.map((p, j) => {
                    const s = products.samples[i][j];
                    return (
                      <td
                        key={j}
                        title={`${fmt(products.weights[i][j])} × ${s === null ? '0 (border)' : fmt(s)}`}
                      >
                        {fmt(p)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            Σ = {fmt(products.sum)}
            {productsY && (
              <>
                {' '}
                ; Σy = {fmt(productsY.sum)}; √(Σ² + Σy²) = {fmt(response ?? 0)}
              </>
            )}
          </p>
          <p>
            × {fmt(scale)} + {fmt(file.offset)} ={' '}
            <strong>{fmt((response ?? 0) * scale + file.offset)}</strong>
          </p>
        </div>
      )}
    </section>
  );
}
