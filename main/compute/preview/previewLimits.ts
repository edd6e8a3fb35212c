/** Limits of the 'preview' job, shared with the API layer without loading the job's code. */

/** The most output pixels one preview may have (an 8K screen has 33 M). */
export const MAX_PREVIEW_PIXELS = 40_000_000;
