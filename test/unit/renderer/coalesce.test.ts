import { describe, expect, it } from 'vitest';

import { createCoalescer } from '../../../renderer/src/studio/coalesce.js';

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A run function recording its calls; each call's promise is settled by the test. */
function fakeRun() {
  const calls: Array<{ request: number; settle: ReturnType<typeof deferred<string>> }> = [];
  const run = (request: number): Promise<string> => {
    const settle = deferred<string>();
    calls.push({ request, settle });
    return settle.promise;
  };
  return { calls, run };
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('createCoalescer', () => {
  it('runs at once when idle and reports the result with its request', async () => {
    const { calls, run } = fakeRun();
    const results: Array<[string, number]> = [];
    let idle = 0;
    const c = createCoalescer(run, {
      onResult: (r, q) => results.push([r, q]),
      onError: () => undefined,
      onIdle: () => idle++,
    });
    c.request(1);
    expect(calls.map((x) => x.request)).toEqual([1]);
    expect(c.busy).toBe(true);
    calls[0].settle.resolve('a');
    await tick();
    expect(results).toEqual([['a', 1]]);
    expect(c.busy).toBe(false);
    expect(idle).toBe(1);
  });

  it('keeps one in flight and one pending; the newest pending request wins', async () => {
    const { calls, run } = fakeRun();
    const results: number[] = [];
    const c = createCoalescer(run, { onResult: (_r, q) => results.push(q), onError: () => undefined });
    c.request(1);
    c.request(2);
    c.request(3);
    c.request(4);
    expect(calls.map((x) => x.request)).toEqual([1]);
    calls[0].settle.resolve('one');
    await tick();
    expect(calls.map((x) => x.request)).toEqual([1, 4]);
    calls[1].settle.resolve('four');
    await tick();
    expect(results).toEqual([1, 4]);
    expect(calls).toHaveLength(2);
  });

  it('reports an error and goes on with the pending request', async () => {
    const { calls, run } = fakeRun();
    const errors: number[] = [];
    const results: number[] = [];
    const c = createCoalescer(run, {
      onResult: (_r, q) => results.push(q),
      onError: (_e, q) => errors.push(q),
    });
    c.request(1);
    c.request(2);
    calls[0].settle.reject(new Error('boom'));
    await tick();
    expect(errors).toEqual([1]);
    calls[1].settle.resolve('ok');
    await tick();
    expect(results).toEqual([2]);
  });

  it('treats a synchronous throw like a rejection', async () => {
    const errors: unknown[] = [];
    const c = createCoalescer(
      (): Promise<string> => {
        throw new Error('sync');
      },
      { onResult: () => undefined, onError: (e) => errors.push(e) },
    );
    c.request(1);
    await tick();
    expect(errors).toHaveLength(1);
    expect(c.busy).toBe(false);
  });

  it('reports nothing and starts nothing after dispose', async () => {
    const { calls, run } = fakeRun();
    const seen: number[] = [];
    const c = createCoalescer(run, { onResult: (_r, q) => seen.push(q), onError: (_e, q) => seen.push(q) });
    c.request(1);
    c.request(2);
    c.dispose();
    calls[0].settle.resolve('late');
    await tick();
    c.request(3);
    expect(seen).toEqual([]);
    expect(calls.map((x) => x.request)).toEqual([1]);
  });

  it('calls onStart for every request that runs', async () => {
    const { calls, run } = fakeRun();
    const started: number[] = [];
    const c = createCoalescer(run, {
      onStart: (q) => started.push(q),
      onResult: () => undefined,
      onError: () => undefined,
    });
    c.request(1);
    c.request(2);
    calls[0].settle.resolve('x');
    await tick();
    expect(started).toEqual([1, 2]);
  });
});
