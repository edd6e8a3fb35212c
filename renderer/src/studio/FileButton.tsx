/**
 * A button that opens the browser's file chooser through a hidden file input and hands over the
 * chosen file. The input is reset after each choice, so choosing the same file again still counts.
 * `onClick` replaces the chooser (Electron's open dialog).
 */
import { useRef, type ReactNode, type RefObject } from 'react';

export interface FileButtonProps {
  children: ReactNode;
  accept: string;
  onFile: (file: File) => void;
  /** data-testid of the button and of the file input. */
  testId: string;
  inputTestId: string;
  disabled?: boolean;
  onClick?: () => void;
  /** The file input, for opening the chooser from elsewhere too. */
  inputRef?: RefObject<HTMLInputElement | null>;
}

export function FileButton(props: FileButtonProps) {
  const { children, accept, onFile, testId, inputTestId, disabled, onClick } = props;
  const own = useRef<HTMLInputElement>(null);
  const input = props.inputRef ?? own;
  return (
    <>
      <button
        type="button"
        data-testid={testId}
        disabled={disabled}
        onClick={() => (onClick ? onClick() : input.current?.click())}
      >
        {children}
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        data-testid={inputTestId}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file !== undefined) onFile(file);
        }}
      />
    </>
  );
}
