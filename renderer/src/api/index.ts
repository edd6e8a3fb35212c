/**
 * The renderer's one way to the back end: `api`. In Electron the preload defines window.convscope;
 * in a browser tab served by the browser-mode host, the browser bridge stands in for it.
 */
import type { ConvscopeApi } from '../../../preload/contract.js';
import { createBridge } from '../../../preload/createBridge.js';
import { createBrowserBridge } from './browserBridge.js';
import { tokenFromLocation } from './tokenFromLocation.js';

/** Every call rejects with `message` (a page opened without the host's URL still renders). */
function unavailableApi(message: string): ConvscopeApi {
  return createBridge(() => Promise.reject(new Error(message)));
}

function browserApi(): ConvscopeApi {
  const token = tokenFromLocation(location.pathname);
  if (token === null) {
    return unavailableApi('Convscope: no host token in the page URL; open the URL the host printed');
  }
  return createBrowserBridge({
    origin: location.origin,
    token,
    fetch: (url, init) => fetch(url, init),
  });
}

/** The contract's calls: Electron's preload bridge when present, else the browser-mode host's. */
export const api: ConvscopeApi = window.convscope ?? browserApi();
