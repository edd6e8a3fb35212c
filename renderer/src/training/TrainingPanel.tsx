/**
 * Training in the app: the settings form and Start on the left; on the right the runs side by
 * side, each with live loss and accuracy curves, and one chart overlaying every run's validation
 * accuracy (training accuracy dashed) so the homework's experiments read at a glance.
 */
import { useState } from 'react';

import type { AppInfo } from '../../../preload/contract.js';
import type { TrainSettings } from '../../../preload/networkContract.js';
import { LineChart, type ChartSeries } from './LineChart.js';
import { EXPERIMENTS } from './experiments.js';
import { RunCard } from './RunCard.js';
import { runColor } from './runColors.js';
import { epochSeries } from './runCurves.js';
import { DEFAULT_SETTINGS, settingsDifference } from './trainDefaults.js';
import { TrainSettingsForm } from './TrainSettingsForm.js';
import { useTrainingRuns } from './useTrainingRuns.js';

/** Props of TrainingPanel. */
export interface TrainingPanelProps {
  shell: AppInfo['shell'] | null;
  /** Shows a trained run's model in the explorer. */
  onOpenModel(modelId: string): void;
}

/** The training screen. */
export function TrainingPanel({ shell, onOpenModel }: TrainingPanelProps) {
  const [settings, setSettings] = useState<TrainSettings>({ ...DEFAULT_SETTINGS });
  const [showTrain, setShowTrain] = useState(true);
  const { runs, start, cancel, remove } = useTrainingRuns();
  const running = runs.filter((r) => r.state === 'running' || r.state === 'starting').length;

  const combined: ChartSeries[] = runs.flatMap((r) => {
    const s = epochSeries(r.status?.epochs ?? []);
    const label = `run ${r.n}: ${settingsDifference(r.settings, DEFAULT_SETTINGS)}`;
    const out: ChartSeries[] = [{ id: `v${r.n}`, label, color: runColor(r.n), points: s.testAccuracy }];
    if (showTrain)
      out.push({
        id: `t${r.n}`,
        label: `run ${r.n} train`,
        color: runColor(r.n),
        points: s.trainAccuracy,
        dashed: true,
      });
    return out;
  });
  const maxEpochs = Math.max(1, ...runs.map((r) => r.settings.epochs));

  return (
    <div className="training">
      <header className="topbar">
        <h1 className="brand">Training</h1>
        <span className="muted small">
          The homework CNN on MNIST (8,000 training / 2,000 validation digits), trained by the app&apos;s own
          kernels.
        </span>
        <span className="run-count small" data-testid="train-running">
          {running > 0
            ? `${running} running`
            : runs.length > 0
              ? `${runs.length} run${runs.length === 1 ? '' : 's'}`
              : ''}
        </span>
      </header>
      <div className="training-workspace">
        <aside className="panel panel-left" aria-label="Training settings">
          <h2>Settings</h2>
          <TrainSettingsForm settings={settings} onChange={setSettings} />
          <div className="row">
            <button
              type="button"
              className="primary"
              data-testid="train-start"
              onClick={() => start(settings)}
            >
              Start training
            </button>
            <button type="button" onClick={() => setSettings({ ...DEFAULT_SETTINGS })}>
              Defaults
            </button>
          </div>
          <section className="panel-section" aria-labelledby="experiments-heading">
            <h2 id="experiments-heading">Homework experiments</h2>
            <p className="muted small">Start a set of runs from the settings above, varying one thing.</p>
            {EXPERIMENTS.map((e) => (
              <button
                key={e.id}
                type="button"
                className="block"
                data-testid={`experiment-${e.id}`}
                onClick={() => e.runs(settings).forEach(start)}
              >
                {e.label}
              </button>
            ))}
          </section>
        </aside>
        <main className="training-main" aria-label="Runs">
          {runs.length === 0 ? (
            <div className="empty-state">
              <p>No runs yet.</p>
              <p className="muted">
                Choose settings and press Start training; runs appear here side by side with their loss and
                accuracy curves. Cancel keeps the best weights so far.
              </p>
            </div>
          ) : (
            <>
              <section className="combined-chart" aria-labelledby="combined-heading">
                <div className="row">
                  <h2 id="combined-heading">Validation accuracy of every run</h2>
                  <label className="check small">
                    <input
                      type="checkbox"
                      checked={showTrain}
                      onChange={(e) => setShowTrain(e.target.checked)}
                    />
                    training accuracy (dashed)
                  </label>
                </div>
                <LineChart
                  title="Accuracy by epoch"
                  xLabel="epoch"
                  integerX
                  height={200}
                  yLabel="%"
                  xExtent={[0, maxEpochs]}
                  yExtent={[90, 100]}
                  yClamp={[0, 100]}
                  series={combined}
                  testId="train-combined"
                />
              </section>
              <div className="run-grid">
                {runs.map((r) => (
                  <RunCard
                    key={r.n}
                    run={r}
                    shell={shell}
                    onCancel={() => cancel(r.n)}
                    onRemove={() => remove(r.n)}
                    onOpen={onOpenModel}
                  />
                ))}
              </div>
            </>
          )}
        </main>
      </div>
    </div>
  );
}
