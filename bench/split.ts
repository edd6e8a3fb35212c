/** [begin, end) of part `i` of `parts` near-equal parts of [0, total). */
export function split(total: number, parts: number, i: number): [number, number] {
  return [Math.floor((total * i) / parts), Math.floor((total * (i + 1)) / parts)];
}
