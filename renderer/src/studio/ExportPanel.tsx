/**
 * Export of the filtered image: format and options, then Electron's save dialog and a file on disk,
 * or in browser mode the encoded bytes as a download. The export runs as a task: a progress bar
 * follows its filtering bands (then an indeterminate bar while it encodes), and Cancel stops it.
 */
import { useState } from 'react';

import type { AppInfo, ExportFormat, ExportRequest, ImageInfo } from '../../../preload/contract.js';
import { api } from '../api/index.js';
import { downloadBytes } from './downloadBytes.js';
import { errorMessage } from './errorMessage.js';
import { newTaskId, useTaskProgress } from './useTaskProgress.js';
import type { KernelFile } from './kernelFile.js';

const FORMATS: readonly ExportFormat[] = ['png', 'jpeg', 'webp', 'tiff', 'avif'];
/** Formats that keep 16-bit samples (sharp writes 16 bits to PNG and TIFF only). */
const SIXTEEN_BIT: ReadonlySet<ExportFormat> = new Set(['png', 'tiff']);
const LOSSY: ReadonlySet<ExportFormat> = new Set(['jpeg', 'webp', 'avif']);
const MIME: Record<ExportFormat, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  tiff: 'image/tiff',
  avif: 'image/avif',
};

/** Props of ExportPanel. */
export interface ExportPanelProps {
  image: ImageInfo | null;
  draft: KernelFile;
  shell: AppInfo['shell'] | null;
}

type Status =
  { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; text: string } | { kind: 'error'; text: string };

/** The export form. */
export function ExportPanel({ image, draft, shell }: ExportPanelProps) {
  const [format, setFormat] = useState<ExportFormat>('png');
  const [depth, setDepth] = useState<8 | 16>(8);
  const [quality, setQuality] = useState(90);
  const [keepIcc, setKeepIcc] = useState(true);
  const [keepExif, setKeepExif] = useState(false);
  const [sidecar, setSidecar] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [taskId, setTaskId] = useState<string | null>(null);
  const progress = useTaskProgress(taskId);
  const electron = shell === 'electron';
  const running = status.kind === 'running';

  const run = async (): Promise<void> => {
    if (image === null) return;
    const id = newTaskId('export');
    try {
      const request: ExportRequest = {
        taskId: id,
        imageId: image.id,
        filter: draft,
        format,
        depth: SIXTEEN_BIT.has(format) ? depth : 8,
        keepIcc,
        keepExif,
      };
      if (LOSSY.has(format)) request.quality = quality;
      if (electron) {
        const stem = image.name.replace(/\.[^.]*$/, '');
        const target = await api['export:chooseTarget']({
          suggestedName: `${stem}-filtered.${format === 'jpeg' ? 'jpg' : format}`,
        });
        if (target === null) return;
        setStatus({ kind: 'running' });
        setTaskId(id);
        const result = await api['export:image']({ ...request, targetPath: target, sidecar });
        setStatus({ kind: 'done', text: `Saved ${result.path ?? result.fileName}` });
      } else {
        setStatus({ kind: 'running' });
        setTaskId(id);
        const result = await api['export:image'](request);
        if (result.bytes === undefined) throw new Error('the export returned no bytes to download');
        downloadBytes(result.bytes, result.fileName, MIME[format]);
        setStatus({ kind: 'done', text: `Downloaded ${result.fileName}` });
      }
    } catch (reason) {
      const text = errorMessage(reason);
      setStatus(
        /cancel/i.test(text)
          ? { kind: 'done', text: 'Export cancelled; nothing was written' }
          : { kind: 'error', text: `Export failed: ${text}` },
      );
    } finally {
      setTaskId(null);
    }
  };

  const cancel = () => {
    if (taskId !== null) void api['task:cancel']({ taskId });
  };
  const measured = progress !== null && progress.state === 'running' && progress.total > 0;
  const stage = progress?.state === 'running' ? progress.stage : 'starting';

  return (
    <section className="panel-section" aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <div className="form-grid">
        <label htmlFor="export-format">Format</label>
        <select
          id="export-format"
          data-testid="export-format"
          value={format}
          onChange={(e) => setFormat(e.target.value as ExportFormat)}
        >
          {FORMATS.map((f) => (
            <option key={f} value={f}>
              {f.toUpperCase()}
            </option>
          ))}
        </select>
        <label htmlFor="export-depth">Bit depth</label>
        <select
          id="export-depth"
          data-testid="export-depth"
          value={SIXTEEN_BIT.has(format) ? depth : 8}
          disabled={!SIXTEEN_BIT.has(format)}
          onChange={(e) => setDepth(e.target.value === '16' ? 16 : 8)}
        >
          <option value={8}>8-bit</option>
          <option value={16}>16-bit</option>
        </select>
        {LOSSY.has(format) && (
          <>
            <label htmlFor="export-quality">Quality</label>
            <input
              id="export-quality"
              type="number"
              min={1}
              max={100}
              value={quality}
              onChange={(e) =>
                setQuality(Math.min(100, Math.max(1, Math.round(Number(e.target.value) || 1))))
              }
            />
          </>
        )}
      </div>
      <label className="check">
        <input type="checkbox" checked={keepIcc} onChange={(e) => setKeepIcc(e.target.checked)} /> Keep ICC
        profile
      </label>
      <label className="check">
        <input type="checkbox" checked={keepExif} onChange={(e) => setKeepExif(e.target.checked)} /> Keep EXIF
      </label>
      {electron && (
        <label className="check">
          <input type="checkbox" checked={sidecar} onChange={(e) => setSidecar(e.target.checked)} /> Write a
          recipe sidecar
        </label>
      )}
      <button type="button" data-testid="export-button" disabled={image === null || running} onClick={run}>
        {running ? 'Exporting…' : electron ? 'Export…' : 'Export and download'}
      </button>
      <div className="export-status" data-testid="export-status" data-state={status.kind} aria-live="polite">
        {running && (
          <>
            <progress
              aria-label="Export progress"
              data-testid="export-progress"
              {...(measured ? { value: progress.done, max: progress.total } : {})}
            />
            <span className="muted" data-testid="export-stage">
              {stage}
              {measured ? ` ${Math.round((100 * progress.done) / progress.total)} %` : '…'}
            </span>
            <button type="button" data-testid="export-cancel" onClick={cancel}>
              Cancel
            </button>
          </>
        )}
        {status.kind === 'done' && <span>{status.text}</span>}
        {status.kind === 'error' && (
          <span className="error-text" role="alert">
            {status.text}
          </span>
        )}
      </div>
    </section>
  );
}
