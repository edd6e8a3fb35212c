/**
 * A conv layer's filter weights ('network:weights'), fetched when the shown layer is a Conv and
 * kept per model and layer (weights do not change while a model is open).
 */
import { useEffect, useState } from 'react';

import type { ModelInfo } from '../../../preload/networkContract.js';
import { errorMessage } from '../studio/errorMessage.js';
import { networkApi, type TensorData } from './networkApi.js';

type Entry =
  { state: 'loading' } | { state: 'done'; weights: TensorData | null } | { state: 'error'; error: string };

const cache = new Map<string, Entry>();

/** The weights of layer `layer` of `model` when it is a Conv, with their loading state. */
export function useLayerWeights(model: ModelInfo | null, layer: number): Entry | null {
  const info = model?.layers[layer];
  const key = model && info?.op === 'Conv' ? `${model.id}:${layer}` : null;
  const [, setVersion] = useState(0);
  useEffect(() => {
    if (key === null || model === null) return;
    const known = cache.get(key);
    if (known !== undefined && known.state !== 'error') return;
    cache.set(key, { state: 'loading' });
    setVersion((v) => v + 1);
    networkApi
      .weights(model.id, layer)
      .then(
        (weights) => cache.set(key, { state: 'done', weights }),
        (reason: unknown) => cache.set(key, { state: 'error', error: errorMessage(reason) }),
      )
      .finally(() => setVersion((v) => v + 1));
  }, [key, model, layer]);
  return key === null ? null : (cache.get(key) ?? { state: 'loading' });
}
