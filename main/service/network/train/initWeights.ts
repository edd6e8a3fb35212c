/**
 * Initial weights: every conv and FC weight from N(0, std^2), biases 0, batch norm's scale 1 and
 * shift 0, running mean 0 and variance 1 (torch's BatchNorm2d). The default std is He/Kaiming
 * normal for ReLU networks, sqrt(2 / fan_in) (torch.nn.init.kaiming_normal_ with
 * nonlinearity='relu'): 0.471 for conv1, 0.149 for conv2, 0.064 for the FC layer. `initScale`
 * replaces it with one std for all weights, for the homework's experiment of batch norm against
 * initialisation scales from 1e-3 to 1.
 */
import {
  homeworkTensorSpecs,
  type HomeworkArchitecture,
  type HomeworkWeights,
} from '../homework/homeworkArchitecture.js';
import { gaussian, type Random } from '../../../../native-kernels/seededRandom.js';

export function initHomeworkWeights(
  architecture: HomeworkArchitecture,
  initScale: number | null,
  random: Random,
): HomeworkWeights {
  const normal = gaussian(random);
  const weights: HomeworkWeights = {};
  // Drawn in the fixed order of the tensor list, so a seed means the same weights everywhere.
  for (const spec of homeworkTensorSpecs(architecture)) {
    const size = spec.dims.reduce((a, b) => a * b, 1);
    const tensor = new Float32Array(size);
    if (spec.role === 'weight') {
      const fanIn = size / spec.dims[0];
      const std = initScale ?? Math.sqrt(2 / fanIn);
      for (let i = 0; i < size; i++) tensor[i] = std * normal();
    } else if (spec.role === 'bnScale' || spec.role === 'runningVar') {
      tensor.fill(1);
    }
    weights[spec.name] = tensor;
  }
  return weights;
}
