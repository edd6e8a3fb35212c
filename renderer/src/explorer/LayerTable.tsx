/**
 * The loaded model's layer table (the homework's table 3(e)): per layer its op, output dims,
 * parameters (how they are made up and the count), multiply-accumulates and receptive field on
 * the input; totals at the bottom. The shown layer's row is marked; clicking a row shows it.
 */
import { memo } from 'react';

import type { LayerInfo } from '../../../preload/networkTypes.js';
import { dimsText, formatCount } from './layerLabel.js';

/** The receptive field of a layer's units on the input, as the table prints it. */
export function fieldText(layer: LayerInfo): string {
  if (layer.index === 0) return '1×1';
  const f = layer.fields[0];
  if (f === null || f === undefined) return '—';
  if (f === 'whole') return 'whole input';
  return `${f.size[0]}×${f.size[1]}`;
}

/** Props of LayerTable. */
export interface LayerTableProps {
  layers: readonly LayerInfo[];
  shown: number;
  onShow(index: number): void;
}

/** The table (memoised: it changes with the model and the shown layer only). */
export const LayerTable = memo(function LayerTable({ layers, shown, onShow }: LayerTableProps) {
  const parameters = layers.reduce((s, l) => s + l.parameters.count, 0);
  const macs = layers.reduce((s, l) => s + l.macs, 0);
  return (
    <div className="table-scroll">
      <table className="layer-table" data-testid="layer-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Layer</th>
            <th scope="col">Op</th>
            <th scope="col">Output</th>
            <th scope="col">Parameters</th>
            <th scope="col" className="num">
              Count
            </th>
            <th scope="col" className="num">
              MACs
            </th>
            <th scope="col">Receptive field</th>
          </tr>
        </thead>
        <tbody>
          {layers.map((l) => (
            <tr
              key={l.index}
              className={l.index === shown ? 'current' : undefined}
              data-testid={`layer-row-${l.index}`}
            >
              <td>{l.index}</td>
              <td>
                <button type="button" className="link-button" onClick={() => onShow(l.index)}>
                  {l.name}
                </button>
              </td>
              <td>{l.op}</td>
              <td>{dimsText(l.dims)}</td>
              <td className="mono">{l.parameters.count === 0 ? '—' : l.parameters.text}</td>
              <td className="num">{formatCount(l.parameters.count)}</td>
              <td className="num">{formatCount(l.macs)}</td>
              <td>{fieldText(l)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={5}>
              Total
            </th>
            <td className="num" data-testid="total-parameters">
              {formatCount(parameters)}
            </td>
            <td className="num" data-testid="total-macs">
              {formatCount(macs)}
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
});
