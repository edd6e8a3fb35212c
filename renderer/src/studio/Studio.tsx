/**
 * Filter Studio's main screen: the kernel editor (left), the before/after viewer (middle), analysis,
 * hover readout and export (right). Owns the view (zoom and pan), the after pane's display (diverging
 * colours, A/B comparison) and wires the back-end calls.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import { AbBar } from './AbBar.js';
import { AbEditSwitch } from './AbEditSwitch.js';
import { AnalysisPanel, DivergingLegend } from './analysis/index.js';
import { ExportPanel } from './ExportPanel.js';
import { HelpPopover } from './HelpPopover.js';
import { HoverReadout } from './HoverReadout.js';
import { KernelPanel } from './kernel/index.js';
import { OpenControls } from './OpenControls.js';
import { paneAt, paneLayout, type ViewMode } from './paneLayout.js';
import { shortcutFor, type ViewerAction } from './shortcuts.js';
import { StudioCanvas } from './StudioCanvas.js';
import { useAbDrafts } from './useAbDrafts.js';
import { useImageSession } from './useImageSession.js';
import { usePreviews } from './usePreviews.js';
import { useShownAfter, type AbView } from './useShownAfter.js';
import { useWindowImageInput } from './useWindowImageInput.js';
import { ViewToolbar } from './ViewToolbar.js';
import { ZOOM_STEP, fitView, panBy, pixelAt, zoomAt, type Size, type View } from './viewTransform.js';

/** Screen pixels an arrow key pans by. */
const PAN_STEP = 64;

/** The whole studio screen. */
export function Studio() {
  const session = useImageSession();
  const { image } = session;
  const drafts = useAbDrafts();
  const filter = drafts.edited;
  const [diverging, setDiverging] = useState(false);
  const [abView, setAbView] = useState<AbView>('b');
  const [canvas, setCanvas] = useState<Size>({ width: 0, height: 0 });
  const [mode, setMode] = useState<ViewMode>('split');
  const [split, setSplit] = useState(50);
  const [view, setView] = useState<View | null>(null);
  const [pointer, setPointer] = useState<{ x: number; y: number } | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const dragging = useWindowImageInput(session.openFile);

  const layout = useMemo(() => paneLayout(canvas, mode, split), [canvas, mode, split]);
  const pane = layout.pane;

  // A new image (or the first real canvas size) starts fitted.
  const fittedFor = useRef<string | null>(null);
  useEffect(() => {
    if (image === null || pane.width === 0 || pane.height === 0) return;
    if (fittedFor.current === image.id) return;
    fittedFor.current = image.id;
    setView(fitView(image, pane));
  }, [image, pane]);

  // A resized pane (window, panels or view mode) keeps the image point at its centre in place.
  const lastPane = useRef<Size>(pane);
  useEffect(() => {
    const before = lastPane.current;
    lastPane.current = pane;
    if (before.width === 0 || before.height === 0) return;
    const dx = (pane.width - before.width) / 2;
    const dy = (pane.height - before.height) / 2;
    if (dx !== 0 || dy !== 0) setView((v) => (v === null ? v : panBy(v, dx, dy)));
  }, [pane]);

  const previews = usePreviews(
    image,
    view,
    pane,
    drafts.a.draft,
    drafts.comparing ? drafts.b.draft : null,
    diverging || drafts.comparing,
  );
  const shown = useShownAfter(previews, { diverging, compare: drafts.comparing ? abView : null });
  const edited = drafts.editing === 'b' ? previews.afterB : previews.after;

  const zoomBy = useCallback(
    (factor: number, x?: number, y?: number) => {
      if (image === null) return;
      setView((v) =>
        v === null ? v : zoomAt(v, v.zoom * factor, x ?? pane.width / 2, y ?? pane.height / 2, image, pane),
      );
    },
    [image, pane],
  );
  const fit = useCallback(() => image && setView(fitView(image, pane)), [image, pane]);
  const actualSize = useCallback(() => {
    if (image === null) return;
    setView((v) => (v === null ? v : zoomAt(v, 1, pane.width / 2, pane.height / 2, image, pane)));
  }, [image, pane]);

  const onCanvasZoom = useCallback(
    (factor: number, x: number, y: number) => zoomBy(factor, paneAt(layout, x).x, y),
    [zoomBy, layout],
  );
  const onPan = useCallback(
    (dx: number, dy: number) => setView((v) => (v === null ? v : panBy(v, dx, dy))),
    [],
  );

  const act = useCallback(
    (action: ViewerAction) => {
      const pans: Partial<Record<ViewerAction, [number, number]>> = {
        'pan-left': [PAN_STEP, 0],
        'pan-right': [-PAN_STEP, 0],
        'pan-up': [0, PAN_STEP],
        'pan-down': [0, -PAN_STEP],
      };
      const pan = pans[action];
      if (pan !== undefined) return onPan(pan[0], pan[1]);
      if (action === 'zoom-in') zoomBy(ZOOM_STEP);
      else if (action === 'zoom-out') zoomBy(1 / ZOOM_STEP);
      else if (action === 'fit') fit();
      else if (action === 'actual-size') actualSize();
      else if (action === 'toggle-mode') setMode((m) => (m === 'split' ? 'side-by-side' : 'split'));
      else if (action === 'help') setHelpOpen((o) => !o);
    },
    [onPan, zoomBy, fit, actualSize],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      const action = shortcutFor(
        event.key,
        { ctrl: event.ctrlKey, meta: event.metaKey, alt: event.altKey },
        target?.tagName ?? '',
        target?.isContentEditable ?? false,
      );
      // Arrow keys on a focused button or slider keep their own meaning.
      if (
        action === null ||
        (action.startsWith('pan-') &&
          target !== null &&
          target.tagName !== 'BODY' &&
          !target.classList.contains('studio-canvas-host'))
      )
        return;
      event.preventDefault();
      act(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [act]);

  const hover = useMemo(() => {
    if (pointer === null || view === null || image === null) return null;
    const at = paneAt(layout, pointer.x);
    return pixelAt(view, image, at.x, pointer.y);
  }, [pointer, view, image, layout]);

  return (
    <div className={`studio${dragging ? ' dragging' : ''}`}>
      <header className="topbar">
        <h1 className="brand">Convscope · Filter Studio</h1>
        <OpenControls {...session} />
        <div className="image-info">
          {image && (
            <span className="image-name" data-testid="image-name" title={image.name}>
              {image.name}{' '}
              <span className="muted">
                {image.width}×{image.height}, {image.depth}-bit
              </span>
            </span>
          )}
          {image?.attribution && (
            <span className="attribution" data-testid="attribution">
              Photo: {image.attribution}
            </span>
          )}
        </div>
        <HelpPopover open={helpOpen} onToggle={setHelpOpen} />
      </header>
      {session.error && (
        <div className="error-banner" role="alert" data-testid="error-message">
          <span>{session.error}</span>
          <button type="button" onClick={session.clearError} aria-label="Dismiss the error">
            Dismiss
          </button>
        </div>
      )}
      <div className="workspace">
        <aside className="panel panel-left" aria-label="Kernel">
          {drafts.comparing && <AbEditSwitch editing={drafts.editing} onEditing={drafts.setEditing} />}
          {/* One editor per draft, so each keeps its own preset choice; only the edited one shows. */}
          <div hidden={drafts.editing !== 'a'}>
            <KernelPanel draft={drafts.a.draft} onChange={drafts.a.setDraft} />
          </div>
          {drafts.comparing && (
            <div hidden={drafts.editing !== 'b'}>
              <KernelPanel draft={drafts.b.draft} onChange={drafts.b.setDraft} />
            </div>
          )}
        </aside>
        <main className="center">
          <ViewToolbar
            zoom={view?.zoom ?? 1}
            mode={mode}
            split={split}
            status={previews.status}
            diverging={diverging}
            comparing={drafts.comparing}
            onZoomIn={() => act('zoom-in')}
            onZoomOut={() => act('zoom-out')}
            onFit={fit}
            onActualSize={actualSize}
            onMode={setMode}
            onSplit={setSplit}
            onDiverging={setDiverging}
            onComparing={drafts.setComparing}
          />
          {drafts.comparing && <AbBar view={abView} onView={setAbView} difference={shown.difference} />}
          {previews.status.error && (
            <p className="preview-error" role="status">
              Preview failed: {previews.status.error}
            </p>
          )}
          <div className="canvas-frame">
            <StudioCanvas
              view={view}
              layout={layout}
              mode={mode}
              before={previews.before}
              after={shown.placed}
              hover={hover}
              onResize={setCanvas}
              onPan={onPan}
              onZoom={onCanvasZoom}
              onPointer={setPointer}
            />
            {mode === 'side-by-side' ? (
              <>
                <span className="pane-tag" style={{ left: 8 }}>
                  Before
                </span>
                <span className="pane-tag" style={{ left: layout.after.clipX + 8 }}>
                  {shown.label}
                </span>
              </>
            ) : (
              <>
                <span className="pane-tag" style={{ left: 8 }}>
                  Before
                </span>
                <span className="pane-tag" style={{ right: 8 }}>
                  {shown.label}
                </span>
              </>
            )}
            {dragging && <div className="drop-hint">Drop a photo to open it</div>}
          </div>
          {shown.divergingMax !== null && (
            <div className="view-legend">
              <span className="muted">
                {drafts.comparing ? abView.toUpperCase() : 'After'}: values before mapping (luminance-weighted
                for colour), ±max |v|
              </span>
              <DivergingLegend maxAbs={shown.divergingMax} />
            </div>
          )}
        </main>
        <aside className="panel panel-right" aria-label="Analysis and export">
          <HoverReadout
            image={image}
            zoom={view?.zoom ?? 1}
            pixel={hover}
            before={previews.before}
            after={shown.readout}
            draft={shown.readoutDraft}
          />
          <AnalysisPanel draft={filter.draft} preview={edited?.pixels ?? null} />
          <ExportPanel image={image} draft={filter.draft} shell={session.shell} />
        </aside>
      </div>
    </div>
  );
}
