/** A kernel's frequency response (|DFT| on a 64x64 grid, DC centred) as a small heatmap. */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { formatWeight } from './formatWeight.js';
import { frequencyHeatmap, LOG_RANGE_DB } from './frequencyHeatmap.js';
import { FREQUENCY_GRID, frequencyResponse } from './frequencyResponse.js';

/** The heatmap of `kernel`'s response with a linear/log switch. */
export function FrequencyResponseView({ kernel }: { kernel: number[][] }) {
  const [log, setLog] = useState(false);
  const logId = useId();
  const canvas = useRef<HTMLCanvasElement>(null);
  const response = useMemo(() => frequencyResponse(kernel, FREQUENCY_GRID), [kernel]);
  const half = Math.floor(FREQUENCY_GRID / 2);
  const dc = response[half * FREQUENCY_GRID + half];
  const peak = response.reduce((a, b) => Math.max(a, b), 0);

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(frequencyHeatmap(response, log), FREQUENCY_GRID, FREQUENCY_GRID), 0, 0);
  }, [response, log]);

  return (
    <figure style={{ margin: 0 }}>
      <canvas
        ref={canvas}
        className="cs-heatmap"
        data-testid="frequency-response"
        width={FREQUENCY_GRID}
        height={FREQUENCY_GRID}
        role="img"
        aria-label={`Frequency response magnitude, zero frequency at the centre: gain ${formatWeight(dc)} at zero frequency, ${formatWeight(peak)} at most`}
      />
      <figcaption>
        Gain at zero frequency {formatWeight(dc)}, largest {formatWeight(peak)} (weights as written, before
        normalize and scale; the same for convolution and correlation).
        <div>
          <label htmlFor={logId}>
            <input
              id={logId}
              type="checkbox"
              data-testid="frequency-log"
              checked={log}
              onChange={(e) => setLog(e.target.checked)}
            />
            Log scale ({LOG_RANGE_DB} dB)
          </label>
        </div>
      </figcaption>
    </figure>
  );
}
