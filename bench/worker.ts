/**
 * The worker side of workerPool.ts. It loads the task module once, then loops: sleep on its
 * sequence number (Atomics.wait), run the task over the shared buffers, publish completion
 * (Atomics.notify). The loop never returns to the event loop, so shared buffers arrive by
 * receiveMessageOnPort when the main thread posts a SHARE job.
 */
import { receiveMessageOnPort, workerData } from 'node:worker_threads';

import { loadAddon } from '../native-kernels/addon.js';
import {
  ARG_STRIDE,
  CONTROL_STRIDE,
  DONE,
  SEQ,
  STATUS,
  TASK,
  TASK_SHARE,
  TASK_STOP,
  type ShareMessage,
  type WorkerInit,
  type WorkerMessage,
} from './poolProtocol.js';
import type { Task, TaskContext, TaskTable } from './task.js';

const init = workerData as WorkerInit;
const control = new Int32Array(init.control);
const args = new Float64Array(init.args, init.slot * ARG_STRIDE * 8, ARG_STRIDE);
const results = new Float64Array(init.results);
const base = init.slot * CONTROL_STRIDE;

const loaded = (await import(init.tasksModule)) as { tasks: TaskTable };
const names = Object.keys(loaded.tasks).sort();
const table: Task[] = names.map((name) => loaded.tasks[name]);

let buffers: Record<string, SharedArrayBuffer> = {};
const cache = new Map<string, unknown>();

const context: TaskContext = {
  addon: loadAddon(),
  slot: init.slot,
  buffer(name) {
    const b = buffers[name];
    if (b === undefined) throw new Error(`no shared buffer named ${name}`);
    return b;
  },
  f32(name) {
    return this.memo(`f32:${name}`, () => new Float32Array(this.buffer(name)));
  },
  i32(name) {
    return this.memo(`i32:${name}`, () => new Int32Array(this.buffer(name)));
  },
  memo<T>(key: string, build: () => T): T {
    if (cache.has(key)) return cache.get(key) as T;
    const value = build();
    cache.set(key, value);
    return value;
  },
};

function post(message: WorkerMessage): void {
  init.port.postMessage(message);
}

function runJob(task: number): void {
  if (task === TASK_SHARE) {
    const received = receiveMessageOnPort(init.port);
    if (received === undefined) throw new Error('SHARE job without a buffer message');
    buffers = (received.message as ShareMessage).buffers;
    cache.clear();
    results[init.slot * ARG_STRIDE] = 0;
    return;
  }
  const fn = table[task];
  if (fn === undefined) throw new Error(`unknown task index ${task}`);
  results[init.slot * ARG_STRIDE] = Number(fn(context, args) ?? 0);
}

post({ type: 'ready', tasks: names });

let seen = 0;
for (;;) {
  let seq = Atomics.load(control, base + SEQ);
  // A short spin catches back-to-back jobs without a futex round trip; then sleep, because on a
  // machine with as many cores as workers a spinning worker steals the main thread's core.
  for (let i = 0; seq === seen && i < init.spin; ++i) seq = Atomics.load(control, base + SEQ);
  while (seq === seen) {
    Atomics.wait(control, base + SEQ, seen);
    seq = Atomics.load(control, base + SEQ);
  }
  seen = seq;
  const task = control[base + TASK];
  if (task === TASK_STOP) {
    control[base + STATUS] = 0;
    Atomics.store(control, base + DONE, seq);
    Atomics.notify(control, base + DONE);
    break;
  }
  try {
    runJob(task);
    control[base + STATUS] = 0;
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    control[base + STATUS] = 1;
  }
  Atomics.store(control, base + DONE, seq);
  Atomics.notify(control, base + DONE);
}
init.port.close();
