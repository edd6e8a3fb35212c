/**
 * The payload and result type of every compute job, by name. Each job file adds its own entry by
 * module augmentation (`declare module '../jobTypes.js' { interface ComputeJobs { … } }`), so the
 * client's `run(name, payload)` is typed without a central list to edit.
 */

/** One job's input and output types. */
export interface JobIO<P, R> {
  payload: P;
  result: R;
}

/** Job name -> JobIO; filled in by the job files. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ComputeJobs {}

/** A registered job's name. */
export type JobName = keyof ComputeJobs & string;
/** The payload a job takes. */
export type JobPayload<K extends JobName> = ComputeJobs[K] extends JobIO<infer P, unknown> ? P : never;
/** The result a job resolves with. */
export type JobResult<K extends JobName> = ComputeJobs[K] extends JobIO<unknown, infer R> ? R : never;
