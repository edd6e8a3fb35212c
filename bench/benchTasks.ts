/**
 * The tasks the bench's worker pool runs (loaded into every worker by workerPool.ts). Each one
 * covers the range it is given, over buffers shared beforehand.
 */
import type { TaskContext, TaskTable } from './task.js';
import { homeworkForward, homeworkFromBuffers, type HomeworkModel } from './homeworkModel.js';

function homework(ctx: TaskContext): HomeworkModel {
  return ctx.memo('homework', () => homeworkFromBuffers((name) => ctx.buffer(name), 'net.'));
}

export const tasks: TaskTable = {
  /** Measures the pool's own dispatch round trip. */
  noop: () => 0,
  fmaPeak: (ctx, args) => ctx.addon.fmaPeak(args[0]),
  workspaceBytes: (ctx) => ctx.addon.workspaceBytes(),

  /** args: rowBegin, rowEnd over the flattened (n, oh) output rows. */
  convForward: (ctx, args) => {
    ctx.addon.conv2dForward(
      ctx.f32('conv.x'),
      ctx.f32('conv.w'),
      ctx.f32('conv.b'),
      ctx.f32('conv.y'),
      ctx.i32('conv.geometry'),
      args[0],
      args[1],
      0,
    );
  },
  /** args: nBegin, nEnd. */
  convBackwardInput: (ctx, args) => {
    ctx.addon.conv2dBackwardInput(
      ctx.f32('conv.dy'),
      ctx.f32('conv.w'),
      ctx.f32('conv.dx'),
      ctx.i32('conv.geometry'),
      args[0],
      args[1],
    );
  },
  /** args: nBegin, nEnd; writes this worker's private partial dw/db slot (its pool slot). */
  convBackwardWeight: (ctx, args) => {
    const { dw, db } = ctx.memo('conv.partials', () => {
      const wsize = ctx.f32('conv.dw').length;
      const f = ctx.f32('conv.db').length;
      return {
        dw: ctx.f32('conv.dwPartials').subarray(ctx.slot * wsize, (ctx.slot + 1) * wsize),
        db: ctx.f32('conv.dbPartials').subarray(ctx.slot * f, (ctx.slot + 1) * f),
      };
    });
    ctx.addon.conv2dBackwardWeight(
      ctx.f32('conv.x'),
      ctx.f32('conv.dy'),
      dw,
      db,
      ctx.i32('conv.geometry'),
      args[0],
      args[1],
    );
  },

  /** args: imageBegin, imageEnd, chunk. */
  homeworkForward: (ctx, args) => {
    homeworkForward(ctx.addon, homework(ctx), args[0], args[1], args[2] > 0 ? args[2] : undefined);
  },
};
