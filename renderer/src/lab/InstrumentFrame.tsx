/**
 * The frame every instrument sits in: its title and the homework question it answers, a short
 * text of what it shows, its formula, the controls, the figure, and export of the figure as SVG
 * and PNG. `figure` is a ref to the figure's <svg> (the one that is exported).
 */
import { useState, type ReactNode, type RefObject } from 'react';

import { downloadPng, downloadSvg } from './exportFigure.js';
import type { InstrumentMeta } from './instrument.js';

export interface InstrumentFrameProps {
  meta: InstrumentMeta;
  /** What the instrument shows, in a sentence or three. */
  summary: ReactNode;
  /** The formula(s) it evaluates, as plain text (monospace). */
  formula: string;
  controls: ReactNode;
  figure: RefObject<SVGSVGElement | null>;
  children: ReactNode;
}

export function InstrumentFrame({
  meta,
  summary,
  formula,
  controls,
  figure,
  children,
}: InstrumentFrameProps) {
  const [error, setError] = useState<string | null>(null);
  const exportAs = (kind: 'svg' | 'png') => {
    const svg = figure.current;
    if (svg === null) return;
    setError(null);
    if (kind === 'svg') downloadSvg(svg, `convscope-${meta.id}`);
    else downloadPng(svg, `convscope-${meta.id}`).catch((e: unknown) => setError(String(e)));
  };
  return (
    <article
      className="instrument"
      data-testid={`instrument-${meta.id}`}
      aria-labelledby={`instrument-${meta.id}-title`}
    >
      <header className="instrument-head">
        <h2 id={`instrument-${meta.id}-title`}>{meta.title}</h2>
        <span className="muted">Homework question {meta.question}</span>
        <span className="instrument-export">
          <button type="button" data-testid="export-svg" onClick={() => exportAs('svg')}>
            Export SVG
          </button>
          <button type="button" data-testid="export-png" onClick={() => exportAs('png')}>
            Export PNG
          </button>
        </span>
      </header>
      <div className="instrument-summary">{summary}</div>
      <pre className="instrument-formula" data-testid="instrument-formula">
        {formula}
      </pre>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div className="instrument-body">
        <div className="instrument-controls">{controls}</div>
        <div className="instrument-figure">{children}</div>
      </div>
    </article>
  );
}
