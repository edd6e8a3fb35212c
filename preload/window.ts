/**
 * What the preload puts on window (Electron), and its global type for the renderer. In browser mode
 * window.convscope is absent and the renderer uses its browser bridge.
 */
import type { ConvscopeApi } from './contract.js';

/** window.convscope: the contract's functions plus the path of a dropped file. */
export type ConvscopeWindowApi = ConvscopeApi & {
  /** The file's path on disk (Electron's webUtils.getPathForFile); '' for files without one. */
  pathForFile(file: File): string;
};

declare global {
  interface Window {
    convscope?: ConvscopeWindowApi;
  }
}
