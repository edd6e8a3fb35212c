/**
 * Preload: exposes window.convscope, one named function per contract channel plus pathForFile,
 * and never ipcRenderer itself (the renderer is untrusted; main checks every call again).
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';

import { createBridge } from './createBridge.js';
import type { ConvscopeWindowApi } from './window.js';

const api: ConvscopeWindowApi = {
  ...createBridge((channel, request) => ipcRenderer.invoke(channel, request)),
  // A dropped File's path on disk ('' when it has none), for 'image:openPath'.
  pathForFile: (file: File) => webUtils.getPathForFile(file),
};

contextBridge.exposeInMainWorld('convscope', api);
