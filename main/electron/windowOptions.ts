/** The main window's options: the renderer is untrusted web content, so it gets no Node at all. */
import type { BrowserWindowConstructorOptions } from 'electron';

/** BrowserWindow options with the sandboxed, context-isolated renderer and the preload at `preloadPath`. */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    title: 'Convscope',
    // Shown once the first paint is ready, so the window never flashes white.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  };
}
