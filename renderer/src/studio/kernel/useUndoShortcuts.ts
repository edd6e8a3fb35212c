/** Window-wide Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z and Ctrl+Y for the filter draft's history. */
import { useEffect } from 'react';
import { undoShortcutAction } from './undoShortcutAction.js';

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'url', 'password', 'tel']);

/** True where the browser's own text undo should win (free text fields, not kernel number inputs). */
function editsOwnText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type);
}

/** Installs the undo/redo shortcuts while mounted (and `enabled`); call it once per draft. */
export function useUndoShortcuts(history: { undo: () => void; redo: () => void }, enabled = true): void {
  const { undo, redo } = history;
  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.isComposing || editsOwnText(e.target)) return;
      const action = undoShortcutAction(e);
      if (action === null) return;
      // Number inputs keep a native undo stack of their own; ours replaces it for kernel edits.
      e.preventDefault();
      if (action === 'undo') undo();
      else redo();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [undo, redo, enabled]);
}
