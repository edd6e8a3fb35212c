/**
 * Question 3(d) on the built network, two panels: the receptive field per layer (line) and the
 * multiply-accumulates per layer (bars), for the network as built (blue) and, orange and dashed,
 * for the same network without the chosen pool. Layers whose units see the whole input (after FC
 * or GAP) are marked 'whole' instead of plotted.
 */
import type { LayerRow, LayerTable } from '../../../../native-kernels/architecture.js';
import { Axes } from '../charts/Axes.js';
import { linearScale } from '../charts/linearScale.js';
import { CategoryLabels } from './CategoryLabels.js';
import { formatCount, formatNumber } from './formatNumber.js';
import type { PoolComparison } from './poolComparison.js';

const WITH = '#1f77b4';
const WITHOUT = '#e66100';

export interface PoolPanelProps {
  x: number;
  y: number;
  width: number;
  height: number;
  table: LayerTable;
  comparison: PoolComparison | null;
}

/** The layer names for the x axis, the x scale, and each layer's twin without the pool. */
function layout({ x, width, table, comparison }: PoolPanelProps) {
  const rows = table.layers;
  const xs = linearScale([-0.5, rows.length - 0.5], [x + 56, x + width]);
  const names = rows.map((r) => (rows.length <= 10 ? r.name : `${r.index}`));
  const twins: (LayerRow | null)[] = rows.map((_, i) => comparison?.pairs[i]?.without ?? null);
  return { rows, xs, names, twins };
}

const titleOf = (comparison: PoolComparison | null) =>
  comparison ? comparison.withTable.layers[comparison.block + 1].name : null;

export function ReceptiveFieldPanel(props: PoolPanelProps) {
  const { y, height, comparison } = props;
  const { rows, xs, names, twins } = layout(props);
  const size = (r: LayerRow | null) =>
    r && r.receptiveField.kind === 'local' ? r.receptiveField.size : null;
  const sizes = rows.map(size);
  const twinSizes = twins.map(size);
  const max = Math.max(1, ...sizes.map((s) => s ?? 0), ...twinSizes.map((s) => s ?? 0));
  const ys = linearScale([0, max * 1.15], [y + height, y + 24]);
  const points = (values: (number | null)[]) =>
    values.flatMap((v, i) => (v === null ? [] : [`${xs(i)},${ys(v)}`])).join(' ');
  const pooled = titleOf(comparison);
  return (
    <g fontFamily="sans-serif" data-testid="rf-panel">
      <text x={props.x} y={y} fontSize={13} fontWeight="bold" fill="#222222">
        3(d) receptive field r per layer
      </text>
      <Legend x={props.x} y={y + 16} pooled={pooled} />
      <Axes x={xs} y={ys} xTicks={[]} yTicks={ys.ticks(4)} yLabel="r (pixels)" />
      <CategoryLabels x={xs} y={y + height} names={names} />
      {comparison && (
        <polyline
          points={points(twinSizes)}
          fill="none"
          stroke={WITHOUT}
          strokeWidth={2}
          strokeDasharray="5 3"
        />
      )}
      <polyline points={points(sizes)} fill="none" stroke={WITH} strokeWidth={2} />
      {sizes.map((s, i) =>
        s === null ? (
          <text key={i} x={xs(i)} y={ys(max)} fontSize={10} textAnchor="middle" fill="#555555">
            whole
          </text>
        ) : (
          <g key={i}>
            <circle cx={xs(i)} cy={ys(s)} r={3.5} fill={WITH} />
            <text
              x={xs(i) - 5}
              y={ys(s) - 7}
              fontSize={11}
              textAnchor="end"
              fill={WITH}
              data-testid={`rf-point-${i}`}
            >
              {s}
            </text>
          </g>
        ),
      )}
      {twinSizes.map((s, i) =>
        s === null || s === sizes[i] ? null : (
          <g key={`t${i}`}>
            <circle cx={xs(i)} cy={ys(s)} r={3} fill={WITHOUT} />
            <text x={xs(i) + 5} y={ys(s) + 14} fontSize={11} fill={WITHOUT}>
              {s}
            </text>
          </g>
        ),
      )}
    </g>
  );
}

export function MacsPanel(props: PoolPanelProps) {
  const { y, height, comparison } = props;
  const { rows, xs, names, twins } = layout(props);
  const max = Math.max(1, ...rows.map((r) => r.macs), ...twins.map((t) => t?.macs ?? 0));
  const ys = linearScale([0, max * 1.25], [y + height, y + 24]);
  const bar = Math.min(22, (xs(1) - xs(0)) / 2.6);
  const pooled = titleOf(comparison);
  return (
    <g fontFamily="sans-serif" data-testid="macs-panel">
      <text x={props.x} y={y} fontSize={13} fontWeight="bold" fill="#222222">
        multiply-accumulates per layer, one input
      </text>
      <Legend x={props.x} y={y + 16} pooled={pooled} bars />
      <Axes x={xs} y={ys} xTicks={[]} yTicks={ys.ticks(4)} format={(v) => formatCount(v)} />
      <CategoryLabels x={xs} y={y + height} names={names} />
      {rows.map((r, i) => {
        const twin = twins[i];
        if (r.macs === 0 && (twin?.macs ?? 0) === 0) return null;
        const cx = xs(i);
        const paired = comparison !== null && twin !== null;
        const ratio = paired && r.macs > 0 && twin.macs !== r.macs ? twin.macs / r.macs : null;
        return (
          <g key={i} fontSize={10}>
            <rect
              x={paired ? cx - bar : cx - bar / 2}
              y={ys(r.macs)}
              width={bar}
              height={ys(0) - ys(r.macs)}
              fill={WITH}
            />
            {paired && (
              <rect x={cx} y={ys(twin.macs)} width={bar} height={ys(0) - ys(twin.macs)} fill={WITHOUT} />
            )}
            <text
              x={paired && twin.macs !== r.macs ? cx - bar / 2 : cx}
              y={ys(r.macs) - 4}
              textAnchor={paired && twin.macs !== r.macs ? 'end' : 'middle'}
              fill={WITH}
              data-testid={`macs-label-${i}`}
            >
              {formatCount(r.macs)}
            </text>
            {paired && twin.macs !== r.macs && (
              <text x={cx + bar / 2} y={ys(twin.macs) - 4} textAnchor="start" fill={WITHOUT}>
                {formatCount(twin.macs)}
              </text>
            )}
            {ratio !== null && (
              <text
                x={cx}
                y={ys(Math.max(r.macs, twin!.macs)) - 18}
                textAnchor="middle"
                fontSize={12}
                fontWeight="bold"
                fill="#222222"
              >
                ÷{formatNumber(ratio, 4)}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}

function Legend({ x, y, pooled, bars }: { x: number; y: number; pooled: string | null; bars?: boolean }) {
  const swatch = (at: number, colour: string, dashed: boolean) =>
    bars ? (
      <rect x={at + 4} y={y - 9} width={10} height={10} fill={colour} />
    ) : (
      <line
        x1={at}
        x2={at + 18}
        y1={y - 4}
        y2={y - 4}
        stroke={colour}
        strokeWidth={3}
        strokeDasharray={dashed ? '5 3' : undefined}
      />
    );
  return (
    <g fontSize={11} fill="#222222">
      {swatch(x, WITH, false)}
      <text x={x + 22} y={y}>
        as built
      </text>
      {pooled && (
        <>
          {swatch(x + 80, WITHOUT, true)}
          <text x={x + 102} y={y}>
            without that {pooled}
          </text>
        </>
      )}
    </g>
  );
}
