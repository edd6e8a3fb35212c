// The preload, run against a stand-in 'electron' module: window.convscope has exactly one function
// per contract channel plus pathForFile, each forwarding to ipcRenderer.invoke; raw IPC stays hidden.
import { beforeAll, describe, expect, it, vi } from 'vitest';

import { CHANNELS } from '../../../preload/contract.js';

const exposed = new Map<string, unknown>();
const invoke = vi.fn((channel: string, request: unknown) => Promise.resolve({ channel, request }));
const getPathForFile = vi.fn(() => '/home/user/photo.png');

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: { invoke },
  webUtils: { getPathForFile },
}));

beforeAll(async () => {
  await import('../../../preload/index.js');
});

describe('preload', () => {
  it('exposes only window.convscope', () => {
    expect([...exposed.keys()]).toEqual(['convscope']);
  });

  it('has one function per contract channel plus pathForFile, and nothing else', () => {
    const api = exposed.get('convscope') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...CHANNELS, 'pathForFile'].sort());
    for (const key of Object.keys(api)) expect(typeof api[key], key).toBe('function');
    expect(Object.values(api)).not.toContain(invoke);
  });

  it('forwards each call to ipcRenderer.invoke on its own channel', async () => {
    const api = exposed.get('convscope') as Record<string, (request: unknown) => Promise<unknown>>;
    for (const channel of CHANNELS) {
      const request = { probe: channel };
      await expect(api[channel](request)).resolves.toEqual({ channel, request });
    }
    expect(invoke).toHaveBeenCalledTimes(CHANNELS.length);
  });

  it('pathForFile asks webUtils', () => {
    const api = exposed.get('convscope') as { pathForFile(file: unknown): string };
    const file = { name: 'photo.png' };
    expect(api.pathForFile(file)).toBe('/home/user/photo.png');
    expect(getPathForFile).toHaveBeenCalledWith(file);
  });
});
