/**
 * The effective receptive field of the selected unit: |d unit / d input| from the backward pass
 * ('network:inputGradient'), fetched while the view is on and a unit is selected. Coalesced, so
 * sweeping the mouse over a map asks only for the newest unit; an answer is kept with its key.
 */
import { useEffect, useState } from 'react';

import type { ModelInfo, NetworkInput } from '../../../preload/networkContract.js';
import { errorMessage } from '../studio/errorMessage.js';
import { networkApi, type TensorData } from './networkApi.js';
import type { UnitRef } from './receptiveRects.js';
import { useCoalescer } from './useCoalescer.js';

interface GradientRequest {
  key: string;
  modelId: string;
  input: NetworkInput;
  unit: UnitRef;
}

/** The gradient for a unit, with the key of what it was computed for. */
export interface InputGradient {
  key: string;
  unit: UnitRef;
  gradient: TensorData & { maxAbs: number };
}

/** A unit's key within one model and input (the input object changes with every stroke). */
export function unitKey(modelId: string, input: NetworkInput, unit: UnitRef): string {
  return `${modelId}|${unit.layer}:${unit.channel}:${unit.y}:${unit.x}|${inputStamp(input)}`;
}

const stamps = new WeakMap<object, number>();
let nextStamp = 1;
/** An id per input object: equal inputs made separately count as different (cheap and safe). */
function inputStamp(input: NetworkInput): number {
  let stamp = stamps.get(input);
  if (stamp === undefined) {
    stamp = nextStamp++;
    stamps.set(input, stamp);
  }
  return stamp;
}

/** The latest gradient, the error of the latest request, and whether one is in flight. */
export function useInputGradient(
  enabled: boolean,
  model: ModelInfo | null,
  input: NetworkInput | null,
  unit: UnitRef | null,
): { result: InputGradient | null; error: string | null; busy: boolean; key: string | null } {
  const [result, setResult] = useState<InputGradient | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const request = useCoalescer<GradientRequest, TensorData & { maxAbs: number }>(
    (r) =>
      networkApi.inputGradient(r.modelId, r.input, r.unit.layer, {
        channel: r.unit.channel,
        y: r.unit.y,
        x: r.unit.x,
      }),
    {
      onStart: () => setBusy(true),
      onResult: (gradient, r) => {
        setResult({ key: r.key, unit: r.unit, gradient });
        setError(null);
      },
      onError: (e) => setError(`Could not compute the gradient: ${errorMessage(e)}`),
      onIdle: () => setBusy(false),
    },
  );
  const key = enabled && model && input && unit && unit.layer > 0 ? unitKey(model.id, input, unit) : null;
  useEffect(() => {
    if (key === null || model === null || input === null || unit === null) return;
    request({ key, modelId: model.id, input, unit });
    // `key` stands for the model, input and unit.
  }, [key, request]);
  return { result, error, busy, key };
}
