/** `convscope presets`: the hand-designed filter presets and their parameters (homework 4). */
import type { Command } from 'commander';
import { PRESETS } from '../../service/filter/presets.js';
import type { PresetInfo } from '../../service/filter/presets.js';
import type { CliIo } from '../cliIo.js';
import { formatTable } from '../formatTable.js';

/** Registers `presets` on the program. */
export function registerPresets(program: Command, io: CliIo): void {
  program
    .command('presets')
    .description('list the filter presets with their parameters (default, range, step)')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      io.out(opts.json ? `${JSON.stringify(PRESETS)}\n` : `${renderPresets(PRESETS)}\n`);
    });
}

function renderPresets(presets: readonly PresetInfo[]): string {
  return presets
    .map((p) => {
      const head = `${p.id}: ${p.name}. ${p.description}`;
      if (p.params.length === 0) return `${head}\n  no parameters`;
      const params = p.params.map((q) => [
        `  ${q.name}`,
        `default ${q.default}`,
        `range ${q.min}..${q.max}`,
        `step ${q.step}${q.integer ? ' (integer)' : ''}`,
        q.label,
      ]);
      return `${head}\n${formatTable(params)}`;
    })
    .join('\n');
}
