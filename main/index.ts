/**
 * Electron entry: app lifecycle, the one window, typed IPC over the shared handlers (main/api), and
 * the compute process. Everything with logic lives in main/electron/ and main/api/ and is tested
 * without Electron; this file only wires Electron's objects to it.
 */
import { app, BrowserWindow, dialog, ipcMain, session, utilityProcess } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { createApiHandlers } from './api/createApiHandlers.js';
import { createRecentStore } from './api/recentStore.js';
import { builtAddonPath } from './compute/builtAddonPath.js';
import { APP_CONCURRENCY, createComputeClient } from './compute/computeClient.js';
import { createUtilityProcessTransport } from './compute/utilityProcessTransport.js';
import { CONTENT_SECURITY_POLICY } from './electron/csp.js';
import { electronDialogs } from './electron/dialogs.js';
import { registerIpcHandlers, trustedSenderCheck } from './electron/ipc.js';
import { denyWindowOpen, isAllowedNavigation } from './electron/navigation.js';
import { denyAllPermissions } from './electron/permissions.js';
import { windowOptions } from './electron/windowOptions.js';

// electron-vite sets this under `electron-vite dev`; a build loads the bundled page.
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const appUrl = devServerUrl ?? pathToFileURL(join(__dirname, '../renderer/index.html')).href;
const root = app.getAppPath();

// The compute process is a utilityProcess running the built computeProcess.js (an entry of the
// main build, beside this file; see electron.vite.config.ts). The built modules sit in a tree under
// out/main/, so the addon is named by path rather than found next to native-kernels/addon.js.
const compute = createComputeClient({
  concurrency: APP_CONCURRENCY,
  transport: () =>
    createUtilityProcessTransport(utilityProcess, {
      modulePath: join(__dirname, 'computeProcess.js'),
      env: { ...process.env, CONVSCOPE_KERNELS_ADDON: builtAddonPath(root) },
    }),
});

let mainWindow: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow(windowOptions(join(__dirname, '../preload/index.cjs')));
  window.webContents.setWindowOpenHandler(denyWindowOpen);
  const guard = (event: Electron.Event, url: string) => {
    if (!isAllowedNavigation(url, appUrl)) event.preventDefault();
  };
  window.webContents.on('will-navigate', guard);
  window.webContents.on('will-redirect', guard);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(appUrl);
  mainWindow = window;
  return window;
}

void app.whenReady().then(() => {
  denyAllPermissions(session.defaultSession);
  // The dev server's page needs Vite's inline preamble; a build gets the strict policy as a header
  // (index.html carries it as a meta tag too).
  if (devServerUrl === undefined)
    session.defaultSession.webRequest.onHeadersReceived((details, callback) =>
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
      }),
    );
  const handlers = createApiHandlers({
    compute,
    shell: 'electron',
    dialogs: electronDialogs(dialog, () => mainWindow),
    recentStore: createRecentStore(app.getPath('userData')),
    sampleDir: join(root, 'main/assets/sample'),
  });
  registerIpcHandlers(ipcMain, handlers, trustedSenderCheck(appUrl));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

// No webviews, ever (webviewTag is off; this also stops a compromised renderer re-enabling it).
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  void compute.close();
});
