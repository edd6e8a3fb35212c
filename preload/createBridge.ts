/**
 * The object the preload exposes as window.convscope: one named function per contract channel,
 * each forwarding its request over one invoke function. Kept free of Electron so the shape can be
 * checked without it; the renderer never gets the invoke function itself.
 */
import { CHANNELS, type Channel, type ConvscopeApi } from './contract.js';

/** Sends a request on a channel and resolves with the response (ipcRenderer.invoke in Electron). */
export type Invoke = (channel: Channel, request: unknown) => Promise<unknown>;

/** Builds the API object over `invoke`. */
export function createBridge(invoke: Invoke): ConvscopeApi {
  const api: Partial<Record<Channel, (request: unknown) => Promise<unknown>>> = {};
  for (const channel of CHANNELS) api[channel] = (request: unknown) => invoke(channel, request);
  return api as ConvscopeApi;
}
