/**
 * Runs the model on the input whenever either changes ('network:run'), coalesced: one request in
 * flight, the newest one pending, so drawing a stroke never queues stale forward passes. The run
 * is kept with the model it belongs to, so a new model's layers never meet an old model's values.
 */
import { useEffect, useState } from 'react';

import type { ModelInfo, NetworkInput, NetworkRun } from '../../../preload/networkContract.js';
import { errorMessage } from '../studio/errorMessage.js';
import { networkApi } from './networkApi.js';
import { useCoalescer } from './useCoalescer.js';

interface RunRequest {
  modelId: string;
  input: NetworkInput;
}

/** The latest run and the state of the next. */
export interface RunState {
  run: { modelId: string; input: NetworkInput; result: NetworkRun } | null;
  running: boolean;
  error: string | null;
  /** Answers so far (the status line and tests follow updates by it). */
  count: number;
}

/** The latest finished run of `model` on `input`. */
export function useNetworkRun(model: ModelInfo | null, input: NetworkInput | null): RunState {
  const [state, setState] = useState<RunState>({ run: null, running: false, error: null, count: 0 });
  const request = useCoalescer<RunRequest, NetworkRun>((r) => networkApi.run(r.modelId, r.input), {
    onStart: () => setState((s) => ({ ...s, running: true })),
    onResult: (result, r) =>
      setState((s) => ({
        run: { modelId: r.modelId, input: r.input, result },
        running: s.running,
        error: null,
        count: s.count + 1,
      })),
    onError: (error, r) =>
      setState((s) => ({
        ...s,
        error: `Could not run the network on ${describeInput(r.input)}: ${errorMessage(error)}`,
        count: s.count + 1,
      })),
    onIdle: () => setState((s) => ({ ...s, running: false })),
  });

  useEffect(() => {
    if (model !== null && input !== null) request({ modelId: model.id, input });
  }, [request, model, input]);

  return state;
}

/** The input in a few words, for messages. */
export function describeInput(input: NetworkInput): string {
  if (input.kind === 'digit') return `test digit ${input.index}`;
  if (input.kind === 'drawn') return 'the drawn digit';
  return input.name;
}
