// PyTorch's models, through their ONNX files, give PyTorch's answers: every fixture of
// test/fixtures/onnx (made by test/golden/make_onnx_fixtures.py) imported and run by runGraph on
// the fixed input equals torch's output to float32 tolerance, and so does the file exportOnnx
// writes from it (bit for bit the same run).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportOnnx, importOnnx } from '../../../main/service/network/onnx/index.js';
import { runGraph } from '../../../main/service/network/runGraph.js';

interface Encoded {
  shape: number[];
  data: number[];
}

const FIXTURES = new URL('../../fixtures/onnx/', import.meta.url);
const ABS = 1e-5;
const REL = 1e-4;

function load(model: string): { files: string[]; input: Encoded; output: Encoded } {
  const doc = JSON.parse(readFileSync(new URL(`${model}.json`, FIXTURES), 'utf8'));
  // Every file, opsnet_unfolded_op13/op17.onnx too (their pads subgraphs are folded at import).
  return { ...doc, files: Object.keys(doc.files) };
}

describe.each(['homework', 'opsnet'])('%s', (model) => {
  const { files, input, output } = load(model);
  const x = { dims: input.shape, data: Float32Array.from(input.data) };

  it.each(files)("%s gives torch's output", (file) => {
    const graph = importOnnx(new Uint8Array(readFileSync(new URL(file, FIXTURES))));
    const y = runGraph(graph, x).output;
    expect(y.dims).toEqual(output.shape);
    output.data.forEach((want, i) => {
      expect(Math.abs(y.data[i] - want), `element ${i}: ${y.data[i]} vs torch ${want}`).toBeLessThanOrEqual(
        ABS + REL * Math.abs(want),
      );
    });
    // The values are not trivially close: logits and probabilities spread out.
    expect(Math.max(...output.data) - Math.min(...output.data)).toBeGreaterThan(0.05);

    const again = runGraph(importOnnx(exportOnnx(graph)), x).output;
    expect(again.dims).toEqual(y.dims);
    expect(new Uint32Array(again.data.buffer)).toEqual(new Uint32Array(y.data.buffer));
  });
});
