/** Whether the kernel is separable (rank 1), with its 1-D factors when it is. */
import { formatWeight } from './formatWeight.js';
import { separability } from './separability.js';

function factorText(values: number[]): string {
  return `[${values.map(formatWeight).join(', ')}]`;
}

function Line({ label, kernel }: { label: string; kernel: number[][] }) {
  const result = separability(kernel);
  if (!result.separable) return <p>{label}not separable (rank &gt; 1)</p>;
  return (
    <p>
      {label}rank 1: column ⊗ row, column = {factorText(result.column)}ᵀ, row = {factorText(result.row)} (
      {kernel.length + kernel[0].length} multiplies a pixel instead of {kernel.length * kernel[0].length})
    </p>
  );
}

/** The separability of the kernel (and of kernelY for a gradient pair). */
export function SeparabilityView({ kernel, kernelY }: { kernel: number[][]; kernelY?: number[][] }) {
  return (
    <div data-testid="separability">
      <Line label={kernelY ? 'Kernel x: ' : ''} kernel={kernel} />
      {kernelY && <Line label="Kernel y: " kernel={kernelY} />}
    </div>
  );
}
