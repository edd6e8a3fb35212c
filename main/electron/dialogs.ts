/** The native open and save dialogs, as the shared handlers' ApiDialogs. */
import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions } from 'electron';

import type { ApiDialogs } from '../api/apiTypes.js';

/** Image types the open dialog offers (what loadImage decodes). */
const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp', 'tif', 'tiff', 'gif', 'avif', 'heic', 'heif'];

/** Dialogs attached to the window `getWindow()` returns (modal to it when it exists). */
export function electronDialogs(dialog: Dialog, getWindow: () => BrowserWindow | null): ApiDialogs {
  return {
    async chooseImageToOpen() {
      const options: OpenDialogOptions = {
        title: 'Open a photo',
        properties: ['openFile'],
        filters: [{ name: 'Images', extensions: IMAGE_EXTENSIONS }],
      };
      const window = getWindow();
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
    },
    async chooseExportTarget(suggestedName) {
      const options: SaveDialogOptions = { title: 'Export the filtered image', defaultPath: suggestedName };
      const window = getWindow();
      const result = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || result.filePath === undefined || result.filePath === ''
        ? null
        : result.filePath;
    },
  };
}
