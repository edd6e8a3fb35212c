/**
 * Progress and cancellation of long requests (an export, later a training run) for a renderer that
 * can only ask: the request carries a task id the renderer chose, the handler reports its stages
 * here, and 'task:progress' / 'task:cancel' read and abort it by that id. Polling keeps the one
 * request/response contract for IPC and HTTP alike. Finished tasks are remembered briefly (the
 * renderer's last poll must still see 'done'), and the table is bounded.
 */
import type { TaskProgress } from '../../preload/contract.js';

/** Finished tasks kept for late polls. */
const MAX_FINISHED = 64;

/** One running task as its handler sees it. */
export interface TrackedTask {
  /** Aborted by 'task:cancel'. */
  signal: AbortSignal;
  /** The current stage; total 0 means no measure of it (an indeterminate bar). */
  report(stage: string, done: number, total: number): void;
  /** Runs `work` as the task: its outcome becomes the task's final state. */
  run<T>(work: () => Promise<T>): Promise<T>;
}

export interface TaskTracker {
  /** Registers a task id; an id already running is refused (ids are the renderer's). */
  start(taskId: string): TrackedTask;
  progress(taskId: string): TaskProgress;
  /** True when a running task was asked to stop. */
  cancel(taskId: string): boolean;
}

interface Entry {
  progress: TaskProgress;
  controller: AbortController;
}

export function createTaskTracker(): TaskTracker {
  const tasks = new Map<string, Entry>();

  const forgetOldFinished = () => {
    const finished = [...tasks].filter(([, e]) => e.progress.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - MAX_FINISHED))) tasks.delete(id);
  };

  return {
    start(taskId) {
      if (tasks.get(taskId)?.progress.state === 'running')
        throw new RangeError(`Expected a new task id for request.taskId but "${taskId}" is running`);
      const entry: Entry = {
        progress: { state: 'running', stage: 'starting', done: 0, total: 0 },
        controller: new AbortController(),
      };
      tasks.set(taskId, entry);
      forgetOldFinished();
      const finish = (state: TaskProgress['state'], error?: string) => {
        entry.progress = { ...entry.progress, state, ...(error === undefined ? {} : { error }) };
      };
      return {
        signal: entry.controller.signal,
        report(stage, done, total) {
          if (entry.progress.state === 'running') entry.progress = { state: 'running', stage, done, total };
        },
        async run(work) {
          try {
            const result = await work();
            finish('done');
            return result;
          } catch (error) {
            if (entry.controller.signal.aborted) finish('cancelled');
            else finish('failed', error instanceof Error ? error.message : String(error));
            throw error;
          }
        },
      };
    },
    progress(taskId) {
      return tasks.get(taskId)?.progress ?? { state: 'unknown', stage: '', done: 0, total: 0 };
    },
    cancel(taskId) {
      const entry = tasks.get(taskId);
      if (entry === undefined || entry.progress.state !== 'running') return false;
      entry.controller.abort();
      return true;
    },
  };
}
