/** The keyboard shortcut list, in a popover next to its button (Esc or the button closes it). */
import { useEffect, useRef } from 'react';

import { SHORTCUTS } from './shortcuts.js';

/** Extra shortcuts handled outside the viewer (undo/redo live in the kernel editor). */
const OTHER_SHORTCUTS = [
  { keys: 'Ctrl+Z / Ctrl+Shift+Z', label: 'Undo / redo a kernel edit' },
  { keys: 'Ctrl+V', label: 'Paste an image from the clipboard' },
];

/** Props of HelpPopover. */
export interface HelpPopoverProps {
  open: boolean;
  onToggle(open: boolean): void;
}

/** The help button and popover. */
export function HelpPopover({ open, onToggle }: HelpPopoverProps) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      onToggle(false);
      button.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, onToggle]);

  return (
    <div className="help">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls="help-popover"
        data-testid="help-button"
        onClick={() => onToggle(!open)}
      >
        Keyboard ?
      </button>
      {open && (
        <div
          id="help-popover"
          className="popover"
          role="dialog"
          aria-label="Keyboard shortcuts"
          data-testid="help-popover"
        >
          <h2>Keyboard shortcuts</h2>
          <dl>
            {SHORTCUTS.map((s) => (
              <div key={s.action}>
                <dt>{s.keys.map((k) => k.replace('Arrow', '')).join(' / ')}</dt>
                <dd>{s.label}</dd>
              </div>
            ))}
            {OTHER_SHORTCUTS.map((s) => (
              <div key={s.keys}>
                <dt>{s.keys}</dt>
                <dd>{s.label}</dd>
              </div>
            ))}
          </dl>
          <p className="muted">Tab moves between controls; drag the image to pan, use the wheel to zoom.</p>
        </div>
      )}
    </div>
  );
}
