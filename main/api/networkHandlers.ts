/**
 * The back end of the 'network:*' and 'train:*' channels (createApiHandlers.ts merges them). The
 * models, digits and training runs live in the compute process; this side keeps each training
 * run's status (epochs as they arrive, the best so far, the model its weights became) for the
 * renderer to poll, and writes exports.
 */
import { basename } from 'node:path';

import type { Channel, EpochStats, TrainSettings, TrainStatus } from '../../preload/contract.js';
import type { ComputeClient } from '../compute/computeClient.js';
import type { TrainDetail } from '../compute/jobs/network/trainJob.js';
import { atomicWriteFile } from '../service/image/atomicWrite.js';
import { betterScore } from '../service/network/train/betterScore.js';
import type { ApiHandlers } from './apiTypes.js';
import type { TaskTracker } from './taskTracker.js';

type NetworkChannel = Extract<Channel, `network:${string}` | `train:${string}`>;

/** Training runs remembered for polling (finished ones go first when there are more). */
const MAX_RUNS = 64;

export interface NetworkHandlerDeps {
  compute: ComputeClient;
  tasks: TaskTracker;
  /** Export paths the user chose in the save dialog (Electron); null in browser mode. */
  approvedTargets: Set<string> | null;
}

/** The best epoch by test accuracy (ties: the lower test loss), as the training code keeps it. */
function bestOf(epochs: EpochStats[]): TrainStatus['best'] {
  let best: EpochStats | null = null;
  const score = (e: EpochStats) => ({ accuracy: e.testAccuracy, loss: e.testLoss });
  for (const e of epochs) if (betterScore(score(e), best && score(best))) best = e;
  return best && { epoch: best.epoch, testAccuracy: best.testAccuracy };
}

function runName(n: number, s: TrainSettings): string {
  const parts = [s.optimizer === 'adam' ? 'Adam' : 'SGD', `lr ${s.learningRate}`];
  if (s.batchNorm) parts.push('BN');
  if (s.dropout > 0) parts.push(`dropout ${s.dropout}`);
  if (s.initScale !== null) parts.push(`init ${s.initScale}`);
  return `Run ${n}: ${parts.join(', ')}`;
}

export function createNetworkHandlers(deps: NetworkHandlerDeps): Pick<ApiHandlers, NetworkChannel> {
  const { compute, tasks, approvedTargets } = deps;
  const runs = new Map<string, Omit<TrainStatus, 'progress'>>();
  let started = 0;

  const status = (taskId: string): TrainStatus => {
    const run = runs.get(taskId);
    if (run === undefined)
      throw new RangeError(`Expected the task id of a training run but received "${taskId}"`);
    return { ...run, epochs: [...run.epochs], progress: tasks.progress(taskId) };
  };

  const forgetOldRuns = () => {
    const finished = [...runs.keys()].filter((id) => tasks.progress(id).state !== 'running');
    for (const id of finished.slice(0, Math.max(0, runs.size - MAX_RUNS))) runs.delete(id);
  };

  return {
    'network:builtin': () => compute.run('openModel', { builtin: true }),
    'network:openModel': (request) => compute.run('openModel', request),
    'network:models': () => compute.run('listModels', null),
    'network:digits': (request) => compute.run('mnistDigits', request),
    'network:run': (request) => compute.run('runModel', { id: request.modelId, input: request.input }),
    'network:weights': (request) =>
      compute.run('modelWeights', { id: request.modelId, layer: request.layer }),
    'network:inputGradient': (request) =>
      compute.run('modelGradient', {
        id: request.modelId,
        input: request.input,
        layer: request.layer,
        unit: request.unit,
      }),
    'network:export': async (request) => {
      if (approvedTargets === null && request.targetPath !== undefined)
        throw new RangeError('Expected no targetPath in browser mode (the model is a download)');
      if (
        approvedTargets !== null &&
        (request.targetPath === undefined || !approvedTargets.has(request.targetPath))
      )
        throw new RangeError(
          'Expected a path chosen in the save dialog (export:chooseTarget) for request.targetPath',
        );
      const file = await compute.run('exportModel', { id: request.modelId, format: request.format });
      if (request.targetPath === undefined) return file;
      await atomicWriteFile(request.targetPath, file.bytes);
      return { fileName: basename(request.targetPath), path: request.targetPath };
    },
    'train:start': async ({ taskId, settings }) => {
      const task = tasks.start(taskId);
      started += 1;
      runs.set(taskId, {
        taskId,
        settings,
        epochs: [],
        batch: null,
        batchLoss: [],
        best: null,
        modelId: null,
      });
      forgetOldRuns();
      const onDetail = (detail: unknown) => {
        const run = runs.get(taskId);
        if (run === undefined) return;
        const d = detail as TrainDetail;
        if (d.kind === 'model') run.modelId = d.model.id;
        else {
          run.epochs.push(...d.epochs);
          run.batch = d.batch;
          run.batchLoss = d.batchLoss;
          run.best = bestOf(run.epochs);
        }
      };
      const name = runName(started, settings);
      // The run goes on in the background; its outcome is the task's state, read by 'train:status'.
      void task
        .run(() =>
          compute.run(
            'train',
            { name, settings },
            { signal: task.signal, onDetail, onProgress: (p) => task.report('training', p.done, p.total) },
          ),
        )
        .catch(() => undefined);
      return status(taskId);
    },
    'train:status': async ({ taskId }) => status(taskId),
  };
}
