/** `convscope predict`: a model (built-in, weights file or ONNX) on an image or a JSON tensor, printed as JSON. */
import type { Command } from 'commander';
import { modelKind } from '../../service/network/loadModel.js';
import { predict } from '../../service/network/predict.js';
import type { CliIo } from '../cliIo.js';
import { formatFloat32 } from '../formatFloat32.js';
import { UsageError } from '../usageError.js';

/** Float32 results print as the shortest decimal that reads back as the same float32. */
function shortest(key: string, value: unknown): unknown {
  if (key === 'values' && Array.isArray(value)) return value.map((v: number) => Number(formatFloat32(v)));
  if (key === 'p' && typeof value === 'number') return Number(formatFloat32(value));
  return value;
}

/** Registers `predict` on the program. */
export function registerPredict(program: Command, io: CliIo): void {
  program
    .command('predict')
    .description(
      'run a model on an input and print JSON: the output tensor, class probabilities for classifiers, ' +
        'and how the input was converted',
    )
    .argument('<model>', "'builtin' (the shipped homework network), a weights .json file or an .onnx file")
    .argument(
      '<input>',
      'an image (centre-cropped, gray or RGB, resized to the model input, scaled to [0, 1]) or a JSON tensor file ' +
        '{"shape": [1, 3, 32, 32], "data": [...]} (row-major NCHW, used as given)',
    )
    .option('--activations <dir>', "write every layer's output into <dir> as a PNG grid and a .npy file")
    .action(async (model: string, input: string, opts: { activations?: string }) => {
      if (modelKind(model) === null)
        throw new UsageError(
          `the model must be 'builtin', a weights .json file or an .onnx file, got '${model}'`,
        );
      const result = await predict(model, input, { activationsDir: opts.activations });
      io.out(`${JSON.stringify(result, shortest)}\n`);
    });
}
