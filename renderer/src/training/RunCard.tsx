/**
 * One training run: its settings, state, progress and best epoch, loss and accuracy curves (train
 * and validation), Cancel while it runs, and once its best weights are a model: Open in explorer
 * and export.
 */
import { useState } from 'react';

import type { AppInfo } from '../../../preload/contract.js';
import type { ModelExportFormat } from '../../../preload/networkContract.js';
import { exportModel } from '../explorer/exportModel.js';
import { errorMessage } from '../studio/errorMessage.js';
import { LineChart } from './LineChart.js';
import { runColor } from './runColors.js';
import { accuracyGap, epochSeries } from './runCurves.js';
import { settingsSummary } from './trainDefaults.js';
import type { TrainingRun } from './useTrainingRuns.js';

const STATE_TEXT: Record<TrainingRun['state'], string> = {
  starting: 'starting',
  running: 'running',
  done: 'done',
  cancelled: 'cancelled',
  failed: 'failed',
};

/** Props of RunCard. */
export interface RunCardProps {
  run: TrainingRun;
  shell: AppInfo['shell'] | null;
  onCancel(): void;
  onRemove(): void;
  onOpen(modelId: string): void;
}

/** The card. */
export function RunCard({ run, shell, onCancel, onRemove, onOpen }: RunCardProps) {
  const [exportStatus, setExportStatus] = useState<{ text: string; error: boolean } | null>(null);
  const { n, status, state } = run;
  const epochs = status?.epochs ?? [];
  const series = epochSeries(epochs);
  const color = runColor(n);
  const going = state === 'starting' || state === 'running';
  const batch = status?.batch ?? null;
  const total = run.settings.epochs;
  const done = epochs.length + (batch && going ? batch.batch / Math.max(1, batch.batches) : 0);
  const gap = accuracyGap(epochs);
  const modelId = status?.modelId ?? null;

  const exportAs = async (format: ModelExportFormat) => {
    if (modelId === null) return;
    setExportStatus(null);
    try {
      const text = await exportModel({ id: modelId, name: `convscope-run-${n}` }, format, shell);
      if (text !== null) setExportStatus({ text, error: false });
    } catch (reason) {
      setExportStatus({ text: `Export failed: ${errorMessage(reason)}`, error: true });
    }
  };

  return (
    <article
      className="run-card"
      data-testid={`train-run-${n}`}
      data-state={state}
      aria-labelledby={`run-title-${n}`}
    >
      <header className="run-head">
        <span className="swatch" style={{ background: color }} aria-hidden="true" />
        <h3 id={`run-title-${n}`}>Run {n}</h3>
        <span className={`state-badge state-${state}`} data-testid={`train-state-${n}`} data-state={state}>
          {run.cancelling && going ? 'cancelling…' : STATE_TEXT[state]}
        </span>
        <span className="run-actions">
          {going && (
            <button
              type="button"
              data-testid={`train-cancel-${n}`}
              onClick={onCancel}
              disabled={run.cancelling}
            >
              Cancel
            </button>
          )}
          {modelId !== null && (
            <>
              <button type="button" data-testid={`train-open-${n}`} onClick={() => onOpen(modelId)}>
                Open in explorer
              </button>
              <button
                type="button"
                data-testid={`train-export-onnx-${n}`}
                onClick={() => void exportAs('onnx')}
              >
                ONNX
              </button>
              <button
                type="button"
                data-testid={`train-export-weights-${n}`}
                onClick={() => void exportAs('weights')}
              >
                Weights
              </button>
            </>
          )}
          {!going && (
            <button
              type="button"
              aria-label={`Remove run ${n}`}
              title="Remove this run from the panel"
              onClick={onRemove}
            >
              ✕
            </button>
          )}
        </span>
      </header>
      <p className="small muted run-settings">{settingsSummary(run.settings)}</p>
      <div className="run-progress small">
        <progress value={done} max={total} aria-label={`Run ${n} progress`} />
        <span data-testid={`train-progress-${n}`}>
          epoch {Math.min(total, epochs.length + (going && batch ? 1 : 0))} / {total}
          {going && batch ? ` · batch ${batch.batch} / ${batch.batches} · loss ${batch.loss.toFixed(3)}` : ''}
        </span>
      </div>
      <p className="small run-best" data-testid={`train-best-${n}`}>
        {status?.best
          ? `Best: epoch ${status.best.epoch}, ${(status.best.testAccuracy * 100).toFixed(2)} % validation accuracy`
          : 'No epoch finished yet'}
        {gap !== null && <span className="muted"> · train − validation gap {gap.toFixed(2)} pt</span>}
      </p>
      {state === 'failed' && (
        <p className="error-text small" role="alert" data-testid={`train-error-${n}`}>
          {run.error ?? 'The run failed'}
        </p>
      )}
      {state !== 'failed' && run.error && <p className="error-text small">{run.error}</p>}
      {state === 'cancelled' && modelId === null && epochs.length === 0 && (
        <p className="muted small">Cancelled before the first epoch ended: no weights were kept.</p>
      )}
      {exportStatus && (
        <p className={`small ${exportStatus.error ? 'error-text' : 'muted'}`} role="status">
          {exportStatus.text}
        </p>
      )}
      <div className="run-charts" data-testid={`train-curves-${n}`}>
        <LineChart
          title="Loss"
          xLabel="epoch"
          integerX
          yLabel="cross-entropy"
          xExtent={[0, total]}
          yExtent={[0, 0]}
          series={[
            { id: 'batch', label: 'train (batches)', color: '#9aa0a8', points: run.batchLoss, faint: true },
            { id: 'train', label: 'train', color, points: series.trainLoss, dashed: true },
            { id: 'test', label: 'validation', color, points: series.testLoss },
          ]}
        />
        <LineChart
          title="Accuracy"
          xLabel="epoch"
          integerX
          yLabel="%"
          xExtent={[0, total]}
          yExtent={[90, 100]}
          yClamp={[0, 100]}
          series={[
            { id: 'train', label: 'train', color, points: series.trainAccuracy, dashed: true },
            { id: 'test', label: 'validation', color, points: series.testAccuracy },
          ]}
        />
      </div>
    </article>
  );
}
