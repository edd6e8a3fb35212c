/**
 * Follows a long request by the task id it was sent with: polls 'task:progress' while `taskId` is
 * set (the contract is request/response over IPC and HTTP alike, so the renderer asks rather than
 * being told). Polling stops when the task leaves 'running' or the id is cleared.
 */
import { useEffect, useState } from 'react';

import type { TaskProgress } from '../../../preload/contract.js';
import { api } from '../api/index.js';

/** Poll interval: a progress bar needs a few updates a second, not more. */
const POLL_MS = 150;

/** A fresh task id for a request. */
export function newTaskId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

/** The latest progress of `taskId`, or null before the first answer (or with no task). */
export function useTaskProgress(taskId: string | null): TaskProgress | null {
  const [progress, setProgress] = useState<TaskProgress | null>(null);
  useEffect(() => {
    setProgress(null);
    if (taskId === null) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const p = await api['task:progress']({ taskId });
        if (!live) return;
        setProgress(p);
        if (p.state === 'running' || p.state === 'unknown') timer = setTimeout(poll, POLL_MS);
      } catch {
        // A failed poll only loses a bar update; the request itself reports its own failure.
        if (live) timer = setTimeout(poll, POLL_MS * 4);
      }
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [taskId]);
  return progress;
}
