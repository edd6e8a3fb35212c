import { InvalidArgumentError } from 'commander';

/** A commander option parser for integers of at least `min`; commander reports a bad value as a usage error. */
export function parseInteger(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    // Number() alone would accept '', ' ', '0x10' and '1e3'; options take plain decimal integers.
    if (!/^[+-]?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min)
      throw new InvalidArgumentError(`Expected an integer of at least ${min}.`);
    return n;
  };
}
