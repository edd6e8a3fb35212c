/**
 * Which epoch's weights a run keeps: the best by test accuracy, ties to the lower test loss. One
 * rule for the training loop and for the app's view of a run in progress.
 */

export interface EpochScore {
  accuracy: number;
  loss: number;
}

/** True when `score` beats `best` (or there is no best yet). */
export function betterScore(score: EpochScore, best: EpochScore | null): boolean {
  return (
    best === null ||
    score.accuracy > best.accuracy ||
    (score.accuracy === best.accuracy && score.loss < best.loss)
  );
}
