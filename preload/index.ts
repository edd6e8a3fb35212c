/**
 * Preload: exposes named functions to the renderer, never raw IPC. The contract and its functions
 * arrive with the desktop-app issue; for now the renderer learns only that it runs in Electron.
 */
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('convscope', { shell: 'electron' as const });
