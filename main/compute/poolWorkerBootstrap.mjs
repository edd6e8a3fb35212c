// Piscina's worker entry. Node 20 cannot start a worker thread from a .ts file (with
// execArgv ['--import', 'tsx'] the entry is resolved before the hooks apply:
// ERR_UNKNOWN_FILE_EXTENSION), so this plain module registers tsx's loader in the thread first and
// then re-exports the TypeScript task function. A bundled (Electron) build replaces this file.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./poolWorker.ts');

export default worker.default;
