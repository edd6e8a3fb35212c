// The Electron adapter cannot run here (no Electron runtime); a stand-in for `utilityProcess`
// checks what it forks and how it maps messages, the exit code and kill.
import { EventEmitter } from 'node:events';
import type { UtilityProcess } from 'electron';
import { describe, expect, it } from 'vitest';

import type { FromCompute } from '../../../main/compute/protocol.js';
import type { ComputeExit } from '../../../main/compute/transport.js';
import {
  createUtilityProcessTransport,
  type UtilityProcessModule,
} from '../../../main/compute/utilityProcessTransport.js';

class FakeUtilityProcess extends EventEmitter {
  posted: unknown[] = [];
  killed = false;
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  kill(): boolean {
    this.killed = true;
    return true;
  }
}

describe('createUtilityProcessTransport', () => {
  it('forks the module and maps messages, exit and kill', () => {
    const child = new FakeUtilityProcess();
    const forks: Array<{ modulePath: string; env?: NodeJS.ProcessEnv }> = [];
    const module: UtilityProcessModule = {
      fork(modulePath, _args, options) {
        forks.push({ modulePath, env: options?.env });
        return child as unknown as UtilityProcess;
      },
    };
    const transport = createUtilityProcessTransport(module, {
      modulePath: '/app/compute.js',
      env: { A: '1' },
    });
    expect(forks).toEqual([{ modulePath: '/app/compute.js', env: { A: '1' } }]);

    const received: FromCompute[] = [];
    const exits: ComputeExit[] = [];
    transport.onMessage((message) => received.push(message));
    transport.onExit((exit) => exits.push(exit));
    transport.postMessage({ type: 'cancel', jobId: 'job-1' });
    child.emit('message', { type: 'started', jobId: 'job-1' });
    child.emit('exit', 139);
    child.emit('exit', 0);
    transport.kill();

    expect(child.posted).toEqual([{ type: 'cancel', jobId: 'job-1' }]);
    expect(received).toEqual([{ type: 'started', jobId: 'job-1' }]);
    expect(exits).toEqual([{ code: 139, signal: null }]);
    expect(child.killed).toBe(true);
  });
});
