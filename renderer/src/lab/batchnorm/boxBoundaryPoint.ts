/**
 * Where the segment from a box's centre towards `toward` leaves the box (half-sizes hw, hh):
 * graph edges start and end on their nodes' borders, not under them.
 */
export function boxBoundaryPoint(
  center: [number, number],
  hw: number,
  hh: number,
  toward: [number, number],
): [number, number] {
  const dx = toward[0] - center[0];
  const dy = toward[1] - center[1];
  if (dx === 0 && dy === 0) return center;
  // The first box side the ray meets: scale the direction until one coordinate reaches the side.
  const t = Math.min(dx === 0 ? Infinity : hw / Math.abs(dx), dy === 0 ? Infinity : hh / Math.abs(dy));
  return [center[0] + dx * t, center[1] + dy * t];
}
