/** Which history action a key press asks for: Ctrl/Cmd+Z undo; Ctrl/Cmd+Shift+Z or Ctrl+Y redo. */

/** The parts of a keyboard event the shortcut depends on. */
export interface ShortcutKeys {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** 'undo', 'redo' or null for any other key press. */
export function undoShortcutAction(e: ShortcutKeys): 'undo' | 'redo' | null {
  // Ctrl on Windows/Linux, Cmd on macOS; both accepted so one build serves every platform.
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  // Ctrl+Y only: Cmd+Y is not redo on macOS.
  if (key === 'y' && e.ctrlKey && !e.metaKey && !e.shiftKey) return 'redo';
  return null;
}
