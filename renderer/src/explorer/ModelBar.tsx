/**
 * The explorer's model controls: a picker over the open models (the built-in one, opened files,
 * trained runs), Open model… (.onnx or a weights .json) and export of the current model as ONNX or
 * as a weights file (Electron: save dialog, then a file; browser mode: a download).
 */
import { useState } from 'react';

import type { AppInfo } from '../../../preload/contract.js';
import type { ModelExportFormat, ModelInfo } from '../../../preload/networkContract.js';
import { exportModel } from './exportModel.js';
import { FileButton } from '../studio/FileButton.js';

/** Props of ModelBar. */
export interface ModelBarProps {
  model: ModelInfo | null;
  models: ModelInfo[];
  opening: boolean;
  shell: AppInfo['shell'] | null;
  onSelect(id: string): void;
  onOpenFile(file: File): void;
  /** The picker opens: the list may have grown (a training run finished). */
  onRefresh(): void;
}

const SOURCE_LABELS: Record<ModelInfo['source'], string> = {
  builtin: 'built in',
  trained: 'trained here',
  onnx: 'ONNX',
  weights: 'weights file',
};

/** The model picker, opener and exporter. */
export function ModelBar({ model, models, opening, shell, onSelect, onOpenFile, onRefresh }: ModelBarProps) {
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [exporting, setExporting] = useState(false);
  // The current model is listed even before the list has caught up with it.
  const listed = model !== null && !models.some((m) => m.id === model.id) ? [model, ...models] : models;

  const run = async (format: ModelExportFormat) => {
    if (model === null) return;
    setExporting(true);
    setStatus(null);
    try {
      const text = await exportModel(model, format, shell);
      if (text !== null) setStatus({ text, error: false });
    } catch (reason) {
      setStatus({
        text: `Export failed: ${reason instanceof Error ? reason.message : String(reason)}`,
        error: true,
      });
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="model-bar">
      <label className="inline-field">
        <span>Model</span>
        <select
          data-testid="model-picker"
          value={model?.id ?? ''}
          onFocus={onRefresh}
          onChange={(e) => onSelect(e.target.value)}
          disabled={listed.length === 0}
        >
          {listed.length === 0 && <option value="">Loading…</option>}
          {listed.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name.includes(SOURCE_LABELS[m.source]) ? m.name : `${m.name} (${SOURCE_LABELS[m.source]})`}
            </option>
          ))}
        </select>
      </label>
      <FileButton
        testId="open-model"
        inputTestId="open-model-input"
        accept=".onnx,.json,application/json"
        disabled={opening}
        onFile={onOpenFile}
      >
        {opening ? 'Opening…' : 'Open model…'}
      </FileButton>
      <span className="muted">Export</span>
      <button
        type="button"
        data-testid="export-onnx"
        disabled={model === null || exporting}
        onClick={() => run('onnx')}
      >
        ONNX
      </button>
      <button
        type="button"
        data-testid="export-weights"
        disabled={model === null || exporting || model.source === 'onnx'}
        title={model?.source === 'onnx' ? 'An imported ONNX model exports as ONNX only' : undefined}
        onClick={() => run('weights')}
      >
        Weights
      </button>
      {status && (
        <span
          className={status.error ? 'error-text' : 'muted'}
          role="status"
          data-testid="model-export-status"
        >
          {status.text}
        </span>
      )}
    </div>
  );
}
