/** Opening photos: the Open button (dialog in Electron, file input in a browser) and recent files. */
import { useRef } from 'react';

import type { ImageSession } from './useImageSession.js';

/** Props of OpenControls. */
export type OpenControlsProps = Pick<
  ImageSession,
  'shell' | 'opening' | 'recent' | 'openFile' | 'openPath' | 'openDialog'
>;

/** The Open button, its hidden file input and (Electron only) the recent-files menu. */
export function OpenControls(props: OpenControlsProps) {
  const input = useRef<HTMLInputElement>(null);
  const electron = props.shell === 'electron';
  return (
    <div className="open-controls">
      <button
        type="button"
        data-testid="open-button"
        disabled={props.opening}
        onClick={() => (electron ? props.openDialog() : input.current?.click())}
      >
        {props.opening ? 'Opening…' : 'Open photo…'}
      </button>
      <input
        ref={input}
        type="file"
        accept="image/*,.tif,.tiff,.avif,.heic"
        hidden
        data-testid="open-file-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file !== undefined) props.openFile(file);
          // Reset so choosing the same file again still fires a change.
          event.target.value = '';
        }}
      />
      {electron && props.recent.length > 0 && (
        <select
          aria-label="Open a recent file"
          data-testid="recent-files"
          value=""
          onChange={(event) => {
            if (event.target.value !== '') props.openPath(event.target.value);
          }}
        >
          <option value="">Recent…</option>
          {props.recent.map((file) => (
            <option key={file.path} value={file.path} title={file.path}>
              {file.name}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
