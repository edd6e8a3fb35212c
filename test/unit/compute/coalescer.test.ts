// The preview coalescer on its own, with a fake job: which requests run, what each caller gets.
import { describe, expect, it } from 'vitest';

import { createCoalescer } from '../../../main/compute/coalescer.js';
import { CancelledError } from '../../../main/compute/errors.js';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createCoalescer', () => {
  it('of 20 rapid requests runs only the first and the last; the ones between are superseded', async () => {
    const ran: number[] = [];
    const preview = createCoalescer(async (value: number) => {
      ran.push(value);
      await delay(20);
      return value * 10;
    });
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => preview(i)));
    expect(ran).toEqual([0, 19]);
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: 0 });
    expect(outcomes[19]).toEqual({ status: 'fulfilled', value: 190 });
    for (const outcome of outcomes.slice(1, 19)) {
      expect(outcome.status).toBe('rejected');
      const reason = (outcome as PromiseRejectedResult).reason as CancelledError;
      expect(reason).toBeInstanceOf(CancelledError);
      expect(reason.reason).toBe('superseded');
    }
  });

  it('never runs two at once, and a request after an idle period runs at once', async () => {
    let active = 0;
    let maxActive = 0;
    const ran: number[] = [];
    const preview = createCoalescer(async (value: number) => {
      ran.push(value);
      maxActive = Math.max(maxActive, ++active);
      await delay(5);
      active--;
      return value;
    });
    const burst = [preview(1), preview(2), preview(3)];
    await Promise.allSettled(burst);
    await expect(preview(4)).resolves.toBe(4);
    expect(maxActive).toBe(1);
    expect(ran).toEqual([1, 3, 4]);
  });

  it('a failing request rejects its own promise only; the pending one still runs', async () => {
    const preview = createCoalescer(async (value: number) => {
      await delay(5);
      if (value === 1) throw new RangeError('bad value 1');
      return value;
    });
    const first = preview(1);
    const second = preview(2);
    await expect(first).rejects.toThrow('bad value 1');
    await expect(second).resolves.toBe(2);
  });

  it('a run function that throws synchronously rejects instead of breaking the queue', async () => {
    const preview = createCoalescer((value: number) => {
      if (value === 0) throw new Error('sync failure');
      return Promise.resolve(value);
    });
    await expect(preview(0)).rejects.toThrow('sync failure');
    await expect(preview(5)).resolves.toBe(5);
  });
});
