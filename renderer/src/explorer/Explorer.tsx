/**
 * The Network Explorer: an input (test digit, drawing or photo) goes through a model; step through
 * its layers and see every channel's activation map, a conv layer's filters, the class
 * probabilities, and any unit's receptive field on the input and on every earlier layer, exact
 * from the layer geometry, with the gradient's effective receptive field on request.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import type { AppInfo } from '../../../preload/contract.js';
import type { NetworkInput } from '../../../preload/networkContract.js';
import { ActivationMaps } from './ActivationMaps.js';
import { ClassProbabilities } from './ClassProbabilities.js';
import { FedInput } from './FedInput.js';
import { FilterWeights } from './FilterWeights.js';
import { InputPanel } from './InputPanel.js';
import { LayerStepper } from './LayerStepper.js';
import { LayerTable } from './LayerTable.js';
import {
  asLayerScale,
  mapScale,
  SCALE_MODE_LABELS,
  SCALE_MODES,
  unionRange,
  type ScaleMode,
} from './mapScales.js';
import { ModelBar } from './ModelBar.js';
import { ReceptiveFieldPanel } from './ReceptiveFieldPanel.js';
import { receptiveRectOn, type UnitRef } from './receptiveRects.js';
import { ScaleLegend } from './ScaleLegend.js';
import { useInputGradient } from './useInputGradient.js';
import { useLayerKeys } from './useLayerKeys.js';
import { useLayerWeights } from './useLayerWeights.js';
import { useElementSize } from './useElementSize.js';
import { useModels } from './useModels.js';
import { useNetworkRun } from './useNetworkRun.js';

/** Props of Explorer. */
export interface ExplorerProps {
  /** The explorer is the shown screen (its keys are live). */
  active: boolean;
  shell: AppInfo['shell'] | null;
  /** A model to show, from the training panel's "Open in explorer". */
  wantedModel: { id: string; nonce: number } | null;
}

const FIRST_DIGIT: NetworkInput = { kind: 'digit', index: 0 };

/** The explorer screen. */
export function Explorer({ active, shell, wantedModel }: ExplorerProps) {
  const session = useModels(wantedModel);
  const { model } = session;
  const [input, setInput] = useState<NetworkInput>(FIRST_DIGIT);
  const runState = useNetworkRun(model, input);
  const [layerIndex, setLayerIndex] = useState(0);
  const [scaleMode, setScaleMode] = useState<ScaleMode>('layer');
  const [hover, setHover] = useState<UnitRef | null>(null);
  const [pinned, setPinned] = useState<UnitRef | null>(null);
  const [erfOn, setErfOn] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const area = useElementSize(scroller);

  const layers = model?.layers ?? [];
  const run =
    runState.run !== null && model !== null && runState.run.modelId === model.id ? runState.run.result : null;

  // Another model: keep the layer position where it exists, drop units of the old one.
  useEffect(() => {
    setHover(null);
    setPinned(null);
    setLayerIndex((i) => Math.min(i, Math.max(0, (model?.layers.length ?? 1) - 1)));
  }, [model]);

  const step = useCallback(
    (delta: number) => {
      setLayerIndex((i) => Math.min(Math.max(0, i + delta), Math.max(0, layers.length - 1)));
      setHover(null);
    },
    [layers.length],
  );
  const show = useCallback((index: number) => {
    setLayerIndex(index);
    setHover(null);
  }, []);
  useLayerKeys(active, { step, escape: () => setPinned(null) });

  const selected = hover ?? pinned;
  const erf = useInputGradient(erfOn, model, input, selected);
  const layer = layers[layerIndex];
  const weights = useLayerWeights(model, layerIndex);

  const all = useMemo(
    () => unionRange(run?.activations.map((a) => ({ min: a.min, max: a.max })) ?? []),
    [run],
  );
  const values = run?.activations[layerIndex];
  const layerRange = values ? { min: values.min, max: values.max } : { min: 0, max: 0 };
  const legendScale = asLayerScale(
    layer?.op ?? '',
    mapScale(scaleMode === 'map' ? 'layer' : scaleMode, layerRange, layerRange, all),
  );
  const fieldHere =
    selected !== null && selected.layer > layerIndex ? receptiveRectOn(layers, selected, layerIndex) : null;
  const fieldOnInput = selected !== null && selected.layer > 0 ? receptiveRectOn(layers, selected, 0) : null;

  const pick = (unit: UnitRef) => {
    const same =
      pinned !== null &&
      pinned.layer === unit.layer &&
      pinned.channel === unit.channel &&
      pinned.y === unit.y &&
      pinned.x === unit.x;
    setPinned(same ? null : unit);
  };

  const error = session.error ?? runState.error;
  const accuracy = model?.training?.testAccuracy;
  return (
    <div className="explorer">
      <header className="topbar">
        <h1 className="brand">Network Explorer</h1>
        <ModelBar
          model={model}
          models={session.models}
          opening={session.opening}
          shell={shell}
          onSelect={session.select}
          onOpenFile={session.openFile}
          onRefresh={session.refresh}
        />
        <div
          className="run-status small"
          data-testid="run-status"
          data-state={runState.running ? 'running' : 'idle'}
          data-count={runState.count}
        >
          <span className="dot" aria-hidden="true" />
          {model && (
            <span data-testid="model-summary">
              {layers.length - 1} layers
              {accuracy !== undefined ? ` · ${(accuracy * 100).toFixed(1)} % test accuracy` : ''}
            </span>
          )}
          {run && <span className="muted"> · forward {run.ms.toFixed(2)} ms</span>}
        </div>
      </header>
      {error && (
        <div className="error-banner" role="alert" data-testid="explorer-error">
          <span>{error}</span>
          {session.error && (
            <button type="button" onClick={session.clearError}>
              Dismiss
            </button>
          )}
        </div>
      )}
      <div className="explorer-workspace">
        <aside className="panel panel-left" aria-label="Input">
          <InputPanel input={input} onInput={setInput} />
          <section className="panel-section" aria-labelledby="fed-heading">
            <h2 id="fed-heading">Fed to the network</h2>
            {run ? (
              <FedInput
                input={run.input}
                field={fieldOnInput}
                erf={{
                  on: erfOn,
                  onToggle: setErfOn,
                  result: erf.result,
                  current: erf.result !== null && erf.result.key === erf.key,
                  busy: erf.busy,
                  error: erf.error,
                  unavailable:
                    selected === null
                      ? 'Select a unit (hover or click a map) to see its gradient on the input.'
                      : selected.layer === 0
                        ? 'An input pixel has no gradient to show: pick a unit of a later layer.'
                        : null,
                }}
              />
            ) : (
              <p className="muted">{runState.error ? 'No run.' : 'Running…'}</p>
            )}
          </section>
        </aside>
        <main className="explorer-center" aria-label="Layers">
          <div className="layer-toolbar">
            <LayerStepper layers={layers} index={layerIndex} onIndex={show} />
            <label className="inline-field">
              <span>Colour scale</span>
              <select
                data-testid="scale-mode"
                value={scaleMode}
                onChange={(e) => setScaleMode(e.target.value as ScaleMode)}
              >
                {SCALE_MODES.map((m) => (
                  <option key={m} value={m}>
                    {SCALE_MODE_LABELS[m]}
                  </option>
                ))}
              </select>
            </label>
            {values && <ScaleLegend scale={legendScale} mode={scaleMode} />}
          </div>
          <div className="explorer-scroll" ref={scroller}>
            <section aria-label="Activation maps" className="maps-section">
              {layer && values ? (
                <ActivationMaps
                  layer={layer}
                  values={values}
                  mode={scaleMode}
                  all={all}
                  unit={selected !== null && selected.layer === layerIndex ? selected : null}
                  field={fieldHere}
                  classes={layerIndex === layers.length - 1 ? (model?.classes ?? null) : null}
                  area={area}
                  onHover={setHover}
                  onPick={pick}
                />
              ) : (
                <p className="muted">{model ? 'Running the network…' : 'Loading the model…'}</p>
              )}
            </section>
            {weights && (
              <section className="panel-section" aria-labelledby="filters-heading">
                <h2 id="filters-heading">Filters of {layer?.name}</h2>
                {weights.state === 'loading' && <p className="muted">Loading…</p>}
                {weights.state === 'error' && (
                  <p className="error-text">Could not load the weights: {weights.error}</p>
                )}
                {weights.state === 'done' && weights.weights && (
                  <FilterWeights weights={weights.weights} layerName={layer?.name ?? ''} />
                )}
              </section>
            )}
            {model && (
              <section className="panel-section" aria-labelledby="table-heading">
                <h2 id="table-heading">Layer table</h2>
                <LayerTable layers={layers} shown={layerIndex} onShow={show} />
              </section>
            )}
          </div>
        </main>
        <aside className="panel panel-right" aria-label="Prediction and receptive field">
          <section aria-labelledby="prob-heading">
            <h2 id="prob-heading">Class probabilities</h2>
            {run?.probabilities ? (
              <ClassProbabilities probabilities={run.probabilities} classes={model?.classes ?? null} />
            ) : (
              <p className="muted small">{run ? 'Not a classifier: no probabilities.' : '…'}</p>
            )}
          </section>
          <section className="panel-section" aria-labelledby="rf-heading">
            <h2 id="rf-heading">Receptive field</h2>
            {run && (
              <ReceptiveFieldPanel
                layers={layers}
                run={run}
                unit={selected}
                pinned={selected !== null && selected === pinned}
                onClear={() => setPinned(null)}
              />
            )}
          </section>
        </aside>
      </div>
    </div>
  );
}
