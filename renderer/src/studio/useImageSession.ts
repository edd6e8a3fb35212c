/**
 * The open image and every way to open another: the sample on start, bytes (file input, drop,
 * paste), a path (Electron: drop, recents) and the open dialog. A failure becomes a message and the
 * previous image stays open; a replaced image is closed in the back end (it holds the pixels).
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import type { AppInfo, ImageInfo, RecentFile } from '../../../preload/contract.js';
import { api } from '../api/index.js';
import { errorMessage } from './errorMessage.js';

/** What useImageSession returns. */
export interface ImageSession {
  image: ImageInfo | null;
  shell: AppInfo['shell'] | null;
  opening: boolean;
  error: string | null;
  clearError(): void;
  /** Shows an error from elsewhere (export, previews) in the same place. */
  reportError(message: string): void;
  recent: RecentFile[];
  openFile(file: File): void;
  openPath(path: string): void;
  openDialog(): void;
}

/** The open image and its openers. */
export function useImageSession(): ImageSession {
  const [image, setImage] = useState<ImageInfo | null>(null);
  const [shell, setShell] = useState<AppInfo['shell'] | null>(null);
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [recent, setRecent] = useState<RecentFile[]>([]);
  const current = useRef<ImageInfo | null>(null);

  const refreshRecent = useCallback((appShell: AppInfo['shell'] | null) => {
    if (appShell !== 'electron') return;
    api['recent:list'](null).then(setRecent, () => setRecent([]));
  }, []);

  const open = useCallback(
    (load: () => Promise<ImageInfo | null>, appShell: AppInfo['shell'] | null) => {
      setOpening(true);
      load()
        .then((info) => {
          if (info === null) return; // the dialog was cancelled
          const previous = current.current;
          current.current = info;
          setImage(info);
          setError(null);
          if (previous !== null) api['image:close']({ imageId: previous.id }).catch(() => undefined);
          refreshRecent(appShell);
        })
        .catch((reason: unknown) => setError(`Could not open the image: ${errorMessage(reason)}`))
        .finally(() => setOpening(false));
    },
    [refreshRecent],
  );

  useEffect(() => {
    let active = true;
    api['app:info'](null).then(
      (info) => {
        if (!active) return;
        setShell(info.shell);
        refreshRecent(info.shell);
      },
      () => undefined,
    );
    // StrictMode runs this twice in development; the second sample replaces (and closes) the first.
    open(() => api['image:openSample'](null), null);
    return () => {
      active = false;
    };
  }, [open, refreshRecent]);

  const openFile = useCallback(
    (file: File) => {
      const path = window.convscope?.pathForFile(file) ?? '';
      if (path !== '') open(() => api['image:openPath']({ path }), shell);
      else
        open(
          async () =>
            api['image:openBytes']({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }),
          shell,
        );
    },
    [open, shell],
  );
  const openPath = useCallback(
    (path: string) => open(() => api['image:openPath']({ path }), shell),
    [open, shell],
  );
  const openDialog = useCallback(() => open(() => api['image:openDialog'](null), shell), [open, shell]);
  const clearError = useCallback(() => setError(null), []);

  return {
    image,
    shell,
    opening,
    error,
    clearError,
    reportError: setError,
    recent,
    openFile,
    openPath,
    openDialog,
  };
}
