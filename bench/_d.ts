import { loadAddon } from '../native-kernels/addon.js';
import { measure } from './measure.js';
import { summarize } from './stats.js';
const a = loadAddon();
const n = 262144;
const x = new Float32Array(n).map(() => Math.random() - 0.5), y = new Float32Array(n), m = new Uint8Array(n), dx = new Float32Array(n);
for (const p of [0, 0.1, 0.5, 0.9]) {
  const t = measure(() => a.dropoutForward(x, y, m, p, 7, 0, n), { warmup: 5, minRuns: 50, budgetMs: 200 });
  const b = measure(() => a.dropoutBackward(x, m, p, dx, 0, n), { warmup: 5, minRuns: 50, budgetMs: 200 });
  console.log(p, 'fwd ns/elem', (summarize(t).median * 1e6 / n).toFixed(2), 'bwd', (summarize(b).median * 1e6 / n).toFixed(2));
}
for (let i = 0; i < 5; i++) { const t0 = performance.now(); a.dropoutForward(x, y, m, 0.5, 7, 0, n); console.log((performance.now() - t0).toFixed(3)); }
const t = measure(() => { let s = 0; for (let i = 0; i < 1000; i++) s += a.dropoutHash(7, i); }, { warmup: 5, minRuns: 50, budgetMs: 100 });
console.log('hash call us/1000', summarize(t).median * 1000);
