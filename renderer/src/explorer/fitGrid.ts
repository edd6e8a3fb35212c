/**
 * How many maps per row, and how large: about the largest side (up to `cap`) at which all `count`
 * maps with their captions fit in width × height. Layouts within `slack` of the largest side
 * compete on empty cells (10 maps read better as 5 + 5 than 4 + 4 + 2), then on size. When
 * nothing fits the height, the width alone decides (the area scrolls).
 */
export function fitGrid(
  count: number,
  width: number,
  height: number,
  options: { gap: number; caption: number; cap: number; min: number; slack?: number },
): { cols: number; side: number } {
  const { gap, caption, cap, min, slack = 0.8 } = options;
  if (count < 1 || width <= 0) return { cols: 1, side: min };
  const layouts = Array.from({ length: count }, (_, i) => {
    const cols = i + 1;
    const rows = Math.ceil(count / cols);
    const byWidth = (width - gap * (cols - 1)) / cols;
    const byHeight = height > 0 ? (height - rows * caption - gap * (rows - 1)) / rows : Infinity;
    return { cols, side: Math.floor(Math.min(cap, byWidth, byHeight)), empty: rows * cols - count };
  });
  const largest = Math.max(...layouts.map((l) => l.side));
  const best = layouts
    .filter((l) => l.side >= slack * largest)
    .reduce((a, b) => (b.empty < a.empty || (b.empty === a.empty && b.side >= a.side) ? b : a));
  if (best.side >= min) return { cols: best.cols, side: best.side };
  // Too little height: as many columns of `min` as the width holds, and scroll.
  const cols = Math.max(1, Math.min(count, Math.floor((width + gap) / (min + gap))));
  return { cols, side: Math.max(1, Math.floor(Math.min(cap, (width - gap * (cols - 1)) / cols))) };
}
