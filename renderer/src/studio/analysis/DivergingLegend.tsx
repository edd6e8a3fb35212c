/** The key to the diverging colormap: blue for negative, white for 0, red for positive values. */
import { divergingColor } from './divergingColormap.js';

const STOPS = [-1, -0.5, 0, 0.5, 1];

/** A colour bar from -maxAbs to +maxAbs with its ends and 0 labelled. */
export function DivergingLegend({ maxAbs }: { maxAbs: number }) {
  const gradient = STOPS.map((t) => {
    const [r, g, b] = divergingColor(t, 1);
    return `rgb(${r} ${g} ${b}) ${((t + 1) / 2) * 100}%`;
  }).join(', ');
  // Four significant digits: a legend is read at a glance (the readout has exact values).
  const end = String(Number(maxAbs.toPrecision(4)));
  return (
    <figure
      data-testid="diverging-legend"
      style={{ margin: 0 }}
      aria-label={`Diverging colours: blue at -${end}, white at 0, red at +${end}`}
    >
      <div
        aria-hidden="true"
        style={{
          height: 12,
          width: 192,
          border: '1px solid #c8ccd2',
          background: `linear-gradient(to right, ${gradient})`,
        }}
      />
      <figcaption style={{ display: 'flex', justifyContent: 'space-between', width: 192 }}>
        <span>-{end}</span>
        <span>0</span>
        <span>+{end}</span>
      </figcaption>
    </figure>
  );
}
