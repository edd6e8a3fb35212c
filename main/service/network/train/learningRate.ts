/**
 * The learning rate of each epoch: torch.optim.lr_scheduler.StepLR(step_size=1, gamma=lrDecay)
 * stepped after every epoch, i.e. lr * lrDecay^epoch. Computed by repeated multiplication, as
 * the scheduler's chained form does, so the values match torch's to the last bit.
 */
export function epochLearningRate(learningRate: number, lrDecay: number, epoch: number): number {
  let lr = learningRate;
  for (let e = 0; e < epoch; e++) lr *= lrDecay;
  return lr;
}
