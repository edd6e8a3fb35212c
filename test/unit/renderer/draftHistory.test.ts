import { describe, expect, it } from 'vitest';
import {
  MAX_HISTORY,
  MERGE_WINDOW_MS,
  draftHistoryReducer,
  initialDraftHistory,
  type DraftAction,
  type DraftHistory,
} from '../../../renderer/src/studio/kernel/draftHistory.js';
import type { KernelFile } from '../../../renderer/src/studio/kernel/types.js';

const file = (v: number, extra: Partial<KernelFile> = {}): KernelFile => ({ kernel: [[v]], ...extra });

function run(state: DraftHistory, ...actions: DraftAction[]): DraftHistory {
  return actions.reduce(draftHistoryReducer, state);
}

const edit = (v: number, at: number, source = 'cell-0-0', merge = true): DraftAction => ({
  type: 'edit',
  next: file(v),
  merge,
  source,
  at,
});

describe('draftHistoryReducer', () => {
  it('undoes and redoes every edit', () => {
    let s = run(initialDraftHistory(file(0)), edit(1, 0, 'a', false), edit(2, 1000, 'b', false));
    expect(s.present).toEqual(file(2));
    s = run(s, { type: 'undo' });
    expect(s.present).toEqual(file(1));
    s = run(s, { type: 'undo' });
    expect(s.present).toEqual(file(0));
    expect(s.past).toHaveLength(0);
    expect(run(s, { type: 'undo' })).toBe(s);
    s = run(s, { type: 'redo' }, { type: 'redo' });
    expect(s.present).toEqual(file(2));
    expect(run(s, { type: 'redo' })).toBe(s);
  });

  it('merges consecutive edits of the same control within the window into one step', () => {
    const s = run(initialDraftHistory(file(0)), edit(1, 0), edit(2, 200), edit(3, 200 + MERGE_WINDOW_MS));
    expect(s.present).toEqual(file(3));
    expect(s.past).toEqual([file(0)]);
    expect(run(s, { type: 'undo' }).present).toEqual(file(0));
  });

  it('starts a new step after a pause, for another control, or without merge', () => {
    const start = initialDraftHistory(file(0));
    expect(run(start, edit(1, 0), edit(2, MERGE_WINDOW_MS + 1)).past).toHaveLength(2);
    expect(run(start, edit(1, 0, 'a'), edit(2, 10, 'b')).past).toHaveLength(2);
    expect(run(start, edit(1, 0), edit(2, 10, 'cell-0-0', false)).past).toHaveLength(2);
    // A non-merging edit is never absorbed by the next merging one either.
    expect(run(start, edit(1, 0, 'cell-0-0', false), edit(2, 10)).past).toHaveLength(2);
  });

  it('does not merge across an undo', () => {
    const s = run(initialDraftHistory(file(0)), edit(1, 0), { type: 'undo' }, edit(5, 10));
    expect(s.past).toEqual([file(0)]);
    expect(s.present).toEqual(file(5));
  });

  it('drops the redo branch on a new edit and ignores edits that change nothing', () => {
    let s = run(initialDraftHistory(file(0)), edit(1, 0, 'a', false), { type: 'undo' });
    expect(s.future).toEqual([file(1)]);
    expect(run(s, edit(0, 5, 'a', false))).toBe(s);
    s = run(s, edit(7, 5, 'a', false));
    expect(s.future).toEqual([]);
    expect(s.present).toEqual(file(7));
  });

  it('compares options too', () => {
    const s = run(initialDraftHistory(file(1)), {
      type: 'edit',
      next: file(1, { mapping: 'abs' }),
      merge: false,
      source: 'mapping',
      at: 0,
    });
    expect(s.past).toHaveLength(1);
  });

  it('keeps at most MAX_HISTORY steps', () => {
    let s = initialDraftHistory(file(0));
    for (let i = 1; i <= MAX_HISTORY + 10; i++) s = run(s, edit(i, i * 1000, 'a', false));
    expect(s.past).toHaveLength(MAX_HISTORY);
    expect(s.past[0]).toEqual(file(10));
  });
});
