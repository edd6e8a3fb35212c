/** One colour per run (by its number), distinct on the dark background; cycles after eight. */
const PALETTE = ['#4da3ff', '#ff8c42', '#5fd38a', '#e86ad6', '#ffd400', '#4fd1c5', '#ff6b6b', '#b39ddb'];

export function runColor(n: number): string {
  return PALETTE[(((n - 1) % PALETTE.length) + PALETTE.length) % PALETTE.length];
}
