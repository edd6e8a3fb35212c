/**
 * Compare mode's bar above the viewer: which result the after pane shows (A's, B's or the difference
 * image |A − B|) and the largest and mean absolute difference of the visible pixels.
 */
import { useId } from 'react';

import type { AbView } from './useShownAfter.js';

/** Props of AbBar. */
export interface AbBarProps {
  view: AbView;
  onView(view: AbView): void;
  /** |A − B| statistics, or null while the previews do not cover the same pixels yet. */
  difference: { max: number; mean: number } | null;
}

const VIEWS: readonly AbView[] = ['a', 'b', 'difference'];
const VIEW_LABELS: Record<AbView, string> = {
  a: "A's result",
  b: "B's result",
  difference: 'Difference |A − B|',
};

/** A statistic to four significant digits (one decimal from 1000 on), 0 as "0". */
const stat = (v: number): string => (v >= 1000 ? v.toFixed(1) : String(Number(v.toPrecision(4))));

/** The view chooser and the difference statistics. */
export function AbBar({ view, onView, difference }: AbBarProps) {
  const id = useId();
  return (
    <div className="ab-bar" role="group" aria-label="A/B comparison">
      <label htmlFor={id}>Show</label>
      <select
        id={id}
        data-testid="ab-view"
        value={view}
        onChange={(e) => onView(VIEWS.find((v) => v === e.target.value) ?? 'a')}
      >
        {VIEWS.map((v) => (
          <option key={v} value={v}>
            {VIEW_LABELS[v]}
          </option>
        ))}
      </select>
      <span
        className="ab-stats"
        data-testid="ab-stats"
        aria-live="polite"
        title="Absolute difference of A's and B's values before mapping, per channel, over the visible pixels"
      >
        {difference === null
          ? '|A − B|: waiting for both previews…'
          : `|A − B|: max ${stat(difference.max)}, mean ${stat(difference.mean)}`}
      </span>
      {view === 'difference' && <span className="muted">black 0, white the max</span>}
    </div>
  );
}
