/**
 * How noisy a batch's statistics are, for batches of m independent draws from N(mu, sigma²): the
 * batch mean has standard deviation sigma / √m; the batch variance batch norm uses (the biased
 * one, 1/m) has expectation (m - 1)/m · sigma² (smaller than sigma², most of all for small m) and,
 * since m σ_B² / sigma² is chi-squared with m - 1 degrees of freedom, standard deviation
 * sigma² √(2(m - 1)) / m.
 */
export interface BatchStatisticsClosedForm {
  meanSd: number;
  varianceMean: number;
  varianceSd: number;
}

export function batchStatisticsClosedForm(sigma2: number, m: number): BatchStatisticsClosedForm {
  return {
    meanSd: Math.sqrt(sigma2 / m),
    varianceMean: ((m - 1) / m) * sigma2,
    varianceSd: (sigma2 * Math.sqrt(2 * (m - 1))) / m,
  };
}
