/** `convscope shapes`: the layer table of an architecture string (homework 3(e)). */
import type { Command } from 'commander';
import { ArchitectureError, KNOWN_BLOCKS, layerTable } from '../../../native-kernels/architecture.js';
import type { LayerTable } from '../../../native-kernels/architecture.js';
import type { CliIo } from '../cliIo.js';
import { formatTable } from '../formatTable.js';
import { UsageError } from '../usageError.js';

/** Registers `shapes` on the program. */
export function registerShapes(program: Command, io: CliIo): void {
  program
    .command('shapes')
    .description(
      'parameters, activation shapes, receptive fields and MACs of each layer, e.g. ' +
        `"input 28x28x1, conv3-10, pool2, conv3-10, pool2, flatten, fc-3" (blocks: ${KNOWN_BLOCKS}; ` +
        'options /sN stride, /pN padding, /dN dilation, e.g. conv3-10/s2/p0)',
    )
    .argument('<architecture>', 'comma-separated blocks')
    .option('--json', 'print JSON')
    .action((architecture: string, opts: { json?: boolean }) => {
      let table: LayerTable;
      try {
        table = layerTable(architecture);
      } catch (error) {
        if (error instanceof ArchitectureError) throw new UsageError(error.message);
        throw error;
      }
      io.out(opts.json ? `${JSON.stringify(table)}\n` : `${renderTable(table)}\n`);
    });
}

function renderTable(table: LayerTable): string {
  const header = ['layer', 'parameters', 'activations', 'receptive field', 'MACs'];
  const rows = table.layers.map((l) => [
    l.name,
    l.parameters.count === 0 ? '0' : `${l.parameters.text} = ${l.parameters.count}`,
    l.activation.text,
    l.receptiveField.text,
    String(l.macs),
  ]);
  const total = ['total', String(table.totals.parameters), '', '', String(table.totals.macs)];
  return formatTable([header, null, ...rows, null, total], [1, 4]);
}
