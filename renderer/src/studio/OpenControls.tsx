/** Opening photos: the Open button (dialog in Electron, file input in a browser) and recent files. */
import { FileButton } from './FileButton.js';
import type { ImageSession } from './useImageSession.js';

/** Props of OpenControls. */
export type OpenControlsProps = Pick<
  ImageSession,
  'shell' | 'opening' | 'recent' | 'openFile' | 'openPath' | 'openDialog'
>;

/** The Open button, its hidden file input and (Electron only) the recent-files menu. */
export function OpenControls(props: OpenControlsProps) {
  const electron = props.shell === 'electron';
  return (
    <div className="open-controls">
      <FileButton
        testId="open-button"
        inputTestId="open-file-input"
        accept="image/*,.tif,.tiff,.avif,.heic"
        disabled={props.opening}
        onFile={props.openFile}
        onClick={electron ? props.openDialog : undefined}
      >
        {props.opening ? 'Opening…' : 'Open photo…'}
      </FileButton>
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
