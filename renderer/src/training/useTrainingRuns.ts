/**
 * The training panel's runs: start ('train:start' with a fresh task id), follow each running one
 * by polling 'train:status' every 300 ms (the contract is request/response, so the panel asks),
 * cancel ('task:cancel'), and keep finished runs side by side until removed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import type { TrainSettings, TrainStatus } from '../../../preload/networkContract.js';
import { networkApi } from '../explorer/networkApi.js';
import { errorMessage } from '../studio/errorMessage.js';
import { newTaskId } from '../studio/useTaskProgress.js';
import { batchLossSeries, type Point } from './runCurves.js';

/** Poll interval while a run trains. */
export const TRAIN_POLL_MS = 300;

/** Polls after a run has ended, waiting for its model id. */
const MAX_TAIL_POLLS = 10;

export type RunState = 'starting' | 'running' | 'done' | 'cancelled' | 'failed';

/** One run as the panel shows it. */
export interface TrainingRun {
  /** 1, 2, 3 … in start order (test ids and legends). */
  n: number;
  taskId: string;
  settings: TrainSettings;
  state: RunState;
  status: TrainStatus | null;
  /** Mini-batch losses seen while polling. */
  batchLoss: Point[];
  error: string | null;
  /** Cancel was asked for (the run may still finish its batch). */
  cancelling: boolean;
}

/** The run's state from a status answer; 'unknown' before the back end has registered the task. */
function stateOf(status: TrainStatus, previous: RunState): RunState {
  switch (status.progress.state) {
    case 'running':
      return 'running';
    case 'done':
      return 'done';
    case 'cancelled':
      return 'cancelled';
    case 'failed':
      return 'failed';
    default:
      return previous;
  }
}

const ended = (state: RunState) => state === 'done' || state === 'cancelled' || state === 'failed';

/** What useTrainingRuns returns. */
export interface TrainingRuns {
  runs: TrainingRun[];
  start(settings: TrainSettings): void;
  cancel(n: number): void;
  remove(n: number): void;
}

/** Runs and their actions. */
export function useTrainingRuns(): TrainingRuns {
  const [runs, setRuns] = useState<TrainingRun[]>([]);
  const next = useRef(1);
  const inFlight = useRef(new Set<string>());
  const tailPolls = useRef(new Map<string, number>());
  const runsRef = useRef(runs);
  runsRef.current = runs;

  const update = useCallback((taskId: string, change: (run: TrainingRun) => TrainingRun) => {
    setRuns((list) => list.map((r) => (r.taskId === taskId ? change(r) : r)));
  }, []);

  const applyStatus = useCallback(
    (taskId: string, status: TrainStatus) =>
      update(taskId, (r) => {
        const state = ended(r.state) && r.state !== 'failed' ? r.state : stateOf(status, r.state);
        return {
          ...r,
          status,
          state,
          batchLoss: batchLossSeries(status.batchLoss),
          error: state === 'failed' ? (status.progress.error ?? r.error ?? 'the run failed') : r.error,
        };
      }),
    [update],
  );

  const start = useCallback(
    (settings: TrainSettings) => {
      const taskId = newTaskId('train');
      const n = next.current++;
      setRuns((list) => [
        ...list,
        {
          n,
          taskId,
          settings: { ...settings },
          state: 'starting',
          status: null,
          batchLoss: [],
          error: null,
          cancelling: false,
        },
      ]);
      networkApi.trainStart(taskId, settings).then(
        (answer) => {
          // Some back ends answer with the first status; anything else is followed by polling.
          if (answer !== null && typeof answer === 'object' && 'progress' in answer)
            applyStatus(taskId, answer as TrainStatus);
          else update(taskId, (r) => (r.state === 'starting' ? { ...r, state: 'running' } : r));
        },
        (reason: unknown) => {
          const text = errorMessage(reason);
          update(taskId, (r) =>
            /cancel/i.test(text) || r.cancelling
              ? { ...r, state: 'cancelled' }
              : { ...r, state: 'failed', error: text },
          );
        },
      );
    },
    [applyStatus, update],
  );

  // One timer polls every run that is still going.
  useEffect(() => {
    const timer = setInterval(() => {
      for (const run of runsRef.current) {
        if (run.state === 'failed') continue;
        if (ended(run.state) && run.status !== null && run.status.progress.state !== 'running') {
          // An ended run's model may be registered just after its last state: ask a few more times.
          const tail = tailPolls.current.get(run.taskId) ?? 0;
          if (run.status.modelId !== null || tail >= MAX_TAIL_POLLS) continue;
          tailPolls.current.set(run.taskId, tail + 1);
        }
        if (inFlight.current.has(run.taskId)) continue;
        inFlight.current.add(run.taskId);
        networkApi
          .trainStatus(run.taskId)
          .then(
            (status) => applyStatus(run.taskId, status),
            () => undefined, // not registered yet, or a lost poll: the next one asks again
          )
          .finally(() => inFlight.current.delete(run.taskId));
      }
    }, TRAIN_POLL_MS);
    return () => clearInterval(timer);
  }, [applyStatus]);

  const cancel = useCallback(
    (n: number) => {
      const run = runsRef.current.find((r) => r.n === n);
      if (run === undefined || ended(run.state)) return;
      update(run.taskId, (r) => ({ ...r, cancelling: true }));
      networkApi.cancel(run.taskId).catch((reason: unknown) =>
        update(run.taskId, (r) => ({
          ...r,
          cancelling: false,
          error: `Could not cancel: ${errorMessage(reason)}`,
        })),
      );
    },
    [update],
  );

  const remove = useCallback((n: number) => {
    setRuns((list) => list.filter((r) => r.n !== n || !ended(r.state)));
  }, []);

  return { runs, start, cancel, remove };
}
