// registerIpcHandlers with a stand-in ipcMain: one handler per channel; foreign senders and
// invalid requests are refused before the shared handler runs; errors cross as plain messages.
import { describe, expect, it, vi } from 'vitest';

import { CHANNELS, type Channel } from '../../../preload/contract.js';
import type { ApiHandlers } from '../../../main/api/apiTypes.js';
import {
  registerIpcHandlers,
  trustedSenderCheck,
  type IpcInvokeEvent,
  type IpcMainLike,
} from '../../../main/electron/ipc.js';
import { VALID_REQUESTS } from './samplePayloads.js';

const APP_URL = 'file:///opt/convscope/out/renderer/index.html';
type Listener = (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>;

function setup() {
  const listeners = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (listeners.has(channel)) throw new Error(`second handler for ${channel}`);
      listeners.set(channel, listener);
    },
  };
  const calls: Array<[Channel, unknown]> = [];
  const handlers = Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      vi.fn(async (request: unknown) => {
        calls.push([channel, request]);
        if (channel === 'image:close') throw Object.assign(new Error('boom'), { secret: '/internal/path' });
        return `ok ${channel}`;
      }),
    ]),
  ) as unknown as ApiHandlers;
  registerIpcHandlers(ipcMain, handlers, trustedSenderCheck(APP_URL));
  return { listeners, calls };
}

const fromApp: IpcInvokeEvent = { senderFrame: { url: `${APP_URL}#/filters`, parent: null } };

describe('registerIpcHandlers', () => {
  it('registers exactly the contract channels', () => {
    expect([...setup().listeners.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('runs the handler for the app page with a valid request', async () => {
    const { listeners, calls } = setup();
    for (const channel of CHANNELS.filter((c) => c !== 'image:close')) {
      await expect(listeners.get(channel)!(fromApp, VALID_REQUESTS[channel])).resolves.toBe(`ok ${channel}`);
    }
    expect(calls.length).toBe(CHANNELS.length - 1);
  });

  it('refuses foreign senders, subframes and missing frames before the handler runs', async () => {
    const { listeners, calls } = setup();
    const foreign: IpcInvokeEvent[] = [
      { senderFrame: { url: 'https://evil.example/index.html', parent: null } },
      { senderFrame: { url: 'file:///tmp/other.html', parent: null } },
      { senderFrame: { url: APP_URL, parent: {} } },
      { senderFrame: null },
    ];
    for (const event of foreign)
      await expect(listeners.get('app:info')!(event, null)).rejects.toThrow(
        /did not come from the Convscope window/,
      );
    expect(calls).toEqual([]);
  });

  it('refuses invalid requests before the handler runs', async () => {
    const { listeners, calls } = setup();
    await expect(listeners.get('image:openPath')!(fromApp, { path: 'relative.png' })).rejects.toThrow(
      /request\.path/,
    );
    await expect(listeners.get('filter:preview')!(fromApp, { imageId: 'a', filter: 5 })).rejects.toThrow(
      /request\.filter/,
    );
    expect(calls).toEqual([]);
  });

  it('passes errors as plain Errors with the message only', async () => {
    const { listeners } = setup();
    const error = await listeners.get('image:close')!(fromApp, { imageId: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('boom');
    expect(error).not.toHaveProperty('secret');
  });
});
