/** The machine description printed first and stored with the results. */
import os from 'node:os';

import { loadAddon } from '../native-kernels/addon.js';

export interface Machine {
  cpuModel: string;
  cores: number;
  cpuLevel: string;
  node: string;
  platform: string;
  totalMemoryGiB: number;
  loadAverage: number[];
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    cpuLevel: loadAddon().cpuLevel(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    totalMemoryGiB: os.totalmem() / 2 ** 30,
    loadAverage: os.loadavg(),
  };
}
