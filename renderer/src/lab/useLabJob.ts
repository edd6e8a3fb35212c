/**
 * Runs an instrument's job of one or several 'lab:kernel' calls (a chain of layers, a forward pass
 * and its backward, or a few independent ops) and hands back its value only when all of them are
 * done, together with the job it answers, so a figure never mixes the answers of two settings. The
 * newest job wins: answers to older ones are dropped, so a slider dragged fast ends on its last
 * value. While a job runs, the last good value stays on screen and `busy` says so. `job` null runs
 * nothing; the caller memoises `job` on its inputs.
 */
import { useEffect, useRef, useState } from 'react';

import type { LabKernelRequest, LabKernelResult } from '../../../preload/contract.js';
import { api } from '../api/index.js';
import { errorMessage } from '../studio/errorMessage.js';

/** Runs one kernel op (the 'lab:kernel' call, or the API handler in tests). */
export type RunKernel = (request: LabKernelRequest) => Promise<LabKernelResult>;

/** A job that is its own runner: a function of the kernel call. */
export type LabJobFn<T> = (run: RunKernel) => Promise<T>;

export interface LabJobState<J, T> {
  /** The last job that succeeded, and its value. */
  job: J | null;
  value: T | null;
  /** Why the current job failed (the kernel library's message). */
  error: string | null;
  /** The current job has not settled yet. */
  busy: boolean;
}

const runKernel: RunKernel = (request) => api['lab:kernel'](request);

const selfRunning = <T>(job: unknown, run: RunKernel): Promise<T> => (job as LabJobFn<T>)(run);

/** Runs a job that is its own runner. */
export function useLabJob<T>(job: LabJobFn<T> | null): LabJobState<LabJobFn<T>, T>;
/** Runs `job` with `execute`. */
export function useLabJob<J, T>(
  job: J | null,
  execute: (job: J, run: RunKernel) => Promise<T>,
): LabJobState<J, T>;
export function useLabJob<J, T>(
  job: J | null,
  execute: (job: J, run: RunKernel) => Promise<T> = selfRunning,
): LabJobState<J, T> {
  const [settled, setSettled] = useState<{
    job: J | null;
    ok: J | null;
    value: T | null;
    error: string | null;
  }>({
    job: null,
    ok: null,
    value: null,
    error: null,
  });
  const latest = useRef(0);
  const executeRef = useRef(execute);
  executeRef.current = execute;
  useEffect(() => {
    if (job === null) return;
    const ticket = ++latest.current;
    executeRef.current(job, runKernel).then(
      (value) => {
        if (ticket === latest.current) setSettled({ job, ok: job, value, error: null });
      },
      (reason: unknown) => {
        if (ticket === latest.current) setSettled((s) => ({ ...s, job, error: errorMessage(reason) }));
      },
    );
  }, [job]);
  const current = settled.job === job;
  return {
    job: settled.ok,
    value: settled.value,
    error: current ? settled.error : null,
    busy: job !== null && !current,
  };
}
