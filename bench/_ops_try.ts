import { runOpsVsReference } from './opsVsReference.js';
const t = performance.now();
await runOpsVsReference();
console.log(performance.now() - t, 'ms', process.resourceUsage().maxRSS);
