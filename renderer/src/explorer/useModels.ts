/**
 * The explorer's model: the built-in network on start, the list of open models ('network:models',
 * which also holds trained runs), opening a file, and switching to a model by id (the training
 * panel's "Open in explorer"). A failure becomes a message; the current model stays.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import type { ModelInfo } from '../../../preload/networkContract.js';
import { errorMessage } from '../studio/errorMessage.js';
import { networkApi } from './networkApi.js';

/** What useModels returns. */
export interface ModelSession {
  model: ModelInfo | null;
  models: ModelInfo[];
  opening: boolean;
  error: string | null;
  clearError(): void;
  select(id: string): void;
  openFile(file: File): void;
  refresh(): void;
}

/** The current model and its openers; `wanted` (an id) is selected whenever it changes. */
export function useModels(wanted: { id: string; nonce: number } | null): ModelSession {
  const [model, setModel] = useState<ModelInfo | null>(null);
  const [models, setModels] = useState<ModelInfo[]>([]);
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const live = useRef(true);

  const refresh = useCallback(() => {
    networkApi.models().then(
      (list) => live.current && setModels(list),
      () => undefined, // the picker keeps its last list; opening reports its own errors
    );
  }, []);

  useEffect(() => {
    live.current = true;
    setOpening(true);
    networkApi
      .builtin()
      .then((info) => {
        if (!live.current) return;
        // A model picked before the built-in arrived (Open in explorer) wins.
        setModel((current) => current ?? info);
        refresh();
      })
      .catch(
        (reason: unknown) =>
          live.current && setError(`Could not load the built-in network: ${errorMessage(reason)}`),
      )
      .finally(() => live.current && setOpening(false));
    return () => {
      live.current = false;
    };
  }, [refresh]);

  const select = useCallback((id: string) => {
    networkApi
      .models()
      .then((list) => {
        if (!live.current) return;
        setModels(list);
        const found = list.find((m) => m.id === id);
        if (found === undefined) throw new Error(`model ${id} is no longer open`);
        setModel(found);
        setError(null);
      })
      .catch(
        (reason: unknown) => live.current && setError(`Could not open the model: ${errorMessage(reason)}`),
      );
  }, []);

  useEffect(() => {
    if (wanted !== null) select(wanted.id);
  }, [wanted, select]);

  const openFile = useCallback(
    (file: File) => {
      setOpening(true);
      file
        .arrayBuffer()
        .then((buffer) => networkApi.openModel(file.name, new Uint8Array(buffer)))
        .then((info) => {
          if (!live.current) return;
          setModel(info);
          setError(null);
          refresh();
        })
        .catch(
          (reason: unknown) =>
            live.current && setError(`Could not open ${file.name}: ${errorMessage(reason)}`),
        )
        .finally(() => live.current && setOpening(false));
    },
    [refresh],
  );

  const clearError = useCallback(() => setError(null), []);
  return { model, models, opening, error, clearError, select, openFile, refresh };
}
