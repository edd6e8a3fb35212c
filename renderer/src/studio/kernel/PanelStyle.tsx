/** The studio panels' shared styles: compact grids and a focus ring every control shows. */

const CSS = `
.cs-panel { font: 13px/1.4 system-ui, sans-serif; display: flex; flex-direction: column; gap: 10px; }
.cs-panel fieldset { border: 1px solid #c8ccd2; border-radius: 4px; padding: 6px 8px; margin: 0; }
.cs-panel legend { font-weight: 600; padding: 0 4px; }
.cs-panel .cs-row { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px; }
.cs-panel label { display: inline-flex; align-items: center; gap: 4px; max-width: 100%; min-width: 0; }
.cs-panel label select { min-width: 0; flex: 1 1 auto; text-overflow: ellipsis; }
.cs-panel input[type='number'] { width: 5.5em; }
.cs-panel :focus-visible { outline: 2px solid #1565c0; outline-offset: 2px; }
.cs-panel .cs-grid { display: grid; gap: 2px; overflow: auto; max-width: 100%; max-height: 360px; padding: 3px; }
.cs-panel .cs-grid input { width: 5.6em; font: 12px ui-monospace, monospace; text-align: right; }
.cs-panel .cs-grid input.cs-centre { background: #fff7d6; color: #1a1a1a; }
.cs-panel .cs-error { color: #b00020; }
.cs-panel .cs-hint { color: #555; }
.cs-panel canvas.cs-heatmap { width: 192px; height: 192px; image-rendering: pixelated; border: 1px solid #c8ccd2; }
`;

/** Emits the styles once per document (React 19 hoists and deduplicates by href). */
export function PanelStyle() {
  return (
    <style href="convscope-studio-panels" precedence="default">
      {CSS}
    </style>
  );
}
