/**
 * Table 3(e) for the network being built: each layer's parameters as a computation and its value,
 * its activation's dimensions and size, its receptive field with the step that produced it, and
 * its multiply-accumulates. With a pool chosen for comparison, a second table sets each layer's
 * receptive field and MACs beside those of the same network without that pool, with the MAC
 * ratio. All of it is architecture.ts's.
 */
import type { LayerRow, LayerTable } from '../../../../native-kernels/architecture.js';
import { formatCount, formatNumber } from './formatNumber.js';
import { parameterComputation } from './parameterComputation.js';
import type { PoolComparison } from './poolComparison.js';
import { receptiveFieldStep } from './receptiveFieldStep.js';

export function LayerTableView({ table }: { table: LayerTable }) {
  return (
    <div className="net-table-scroll">
      <table className="net-table" data-testid="shapes-table">
        <thead>
          <tr>
            <th scope="col">Layer</th>
            <th scope="col">Number of parameters</th>
            <th scope="col">Dimension of activations</th>
            <th scope="col">Receptive field r (jump j)</th>
            <th scope="col" className="num">
              MACs
            </th>
          </tr>
        </thead>
        <tbody>
          {table.layers.map((row, i) => {
            const step = receptiveFieldStep(table, i);
            const text = parameterComputation(table, i);
            const act = row.activation;
            return (
              <tr key={i} data-testid={`shapes-row-${i}`}>
                <th scope="row">{row.name}</th>
                <td>
                  <span className="mono" data-testid={`shapes-params-${i}`}>
                    {text}
                  </span>
                  {text !== '0' && <span className="muted"> = {formatCount(row.parameters.count)}</span>}
                </td>
                <td>
                  <span className="mono" data-testid={`shapes-act-${i}`}>
                    {act.kind === 'spatial' ? act.text : act.length}
                  </span>
                  {act.kind === 'spatial' && <span className="muted"> = {formatCount(act.size)}</span>}
                </td>
                <td data-testid={`shapes-rf-${i}`}>
                  {row.receptiveField.kind === 'whole' ? (
                    <span>whole input</span>
                  ) : (
                    <>
                      <span className="mono">{step.size}</span>{' '}
                      <span className="muted">(j = {step.jump})</span>
                    </>
                  )}
                </td>
                <td className="num" data-testid={`shapes-macs-${i}`}>
                  {row.macs === 0 ? '—' : formatCount(row.macs)}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td data-testid="shapes-total-params">{formatCount(table.totals.parameters)}</td>
            <td />
            <td />
            <td className="num" data-testid="shapes-total-macs">
              {formatCount(table.totals.macs)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

const field = (r: LayerRow) =>
  r.receptiveField.kind === 'whole' ? 'whole' : `${r.receptiveField.size} (j = ${r.receptiveField.jump})`;

/** Each layer as built beside its twin in the network without the chosen pool. */
export function PoolComparisonTable({ comparison }: { comparison: PoolComparison }) {
  const pooled = comparison.pool.name;
  const ratio = (a: number, b: number) => (a > 0 && b > 0 && a !== b ? `÷${formatNumber(b / a, 4)}` : '');
  return (
    <div className="net-table-scroll">
      <table className="net-table" data-testid="shapes-comparison">
        <caption className="net-caption">
          As built and without {pooled} (block #{comparison.block + 1}): {comparison.withoutText}
        </caption>
        <thead>
          <tr>
            <th scope="col">Layer</th>
            <th scope="col">r as built</th>
            <th scope="col">r without</th>
            <th scope="col" className="num">
              MACs as built
            </th>
            <th scope="col" className="num">
              MACs without
            </th>
            <th scope="col" className="num">
              pool divides by
            </th>
          </tr>
        </thead>
        <tbody>
          {comparison.pairs.map(({ with: w, without: wo }, i) => (
            <tr key={i}>
              <th scope="row">{w.name}</th>
              <td>{field(w)}</td>
              <td>{wo ? field(wo) : '(removed)'}</td>
              <td className="num">{w.macs === 0 ? '—' : formatCount(w.macs)}</td>
              <td className="num">{wo === null || wo.macs === 0 ? '—' : formatCount(wo.macs)}</td>
              <td className="num" data-testid={`shapes-ratio-${i}`}>
                {wo ? ratio(w.macs, wo.macs) : ''}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td />
            <td />
            <td className="num">{formatCount(comparison.withTable.totals.macs)}</td>
            <td className="num">{formatCount(comparison.withoutTable.totals.macs)}</td>
            <td className="num">
              {ratio(comparison.withTable.totals.macs, comparison.withoutTable.totals.macs)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
