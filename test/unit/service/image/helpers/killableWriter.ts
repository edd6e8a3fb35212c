// Run as a child process (node --import tsx) by atomicWrite.test.ts, which SIGKILLs it mid-write.
// Usage: killableWriter.ts <target> <megabytes>. Prints "wrote <bytes>" after every chunk and sleeps a
// little between chunks so the parent can kill it while the temp file is half written.
import { setTimeout as delay } from 'node:timers/promises';
import { atomicWriteFile, nodeAtomicWriteFs } from '../../../../../main/service/image/atomicWrite.js';
import type { AtomicWriteFs } from '../../../../../main/service/image/atomicWrite.js';

const [target, megabytes] = process.argv.slice(2);
const slowFs: AtomicWriteFs = {
  ...nodeAtomicWriteFs,
  write: async (fd, data, offset, length, position) => {
    const n = await nodeAtomicWriteFs.write(fd, data, offset, length, position);
    process.stdout.write(`wrote ${position + n}\n`);
    await delay(25);
    return n;
  },
};
await atomicWriteFile(target, new Uint8Array(Number(megabytes) << 20).fill(0x42), {
  fs: slowFs,
  chunkSize: 1 << 20,
});
process.stdout.write('done\n');
