/** The viewer's keyboard shortcuts: one list for the key handler and the help popover. */

/** A viewer action a key triggers. */
export type ViewerAction =
  | 'zoom-in'
  | 'zoom-out'
  | 'fit'
  | 'actual-size'
  | 'pan-left'
  | 'pan-right'
  | 'pan-up'
  | 'pan-down'
  | 'toggle-mode'
  | 'help';

/** Keys (KeyboardEvent.key) to actions, with the help text. */
export const SHORTCUTS: ReadonlyArray<{ keys: readonly string[]; action: ViewerAction; label: string }> = [
  { keys: ['+', '='], action: 'zoom-in', label: 'Zoom in' },
  { keys: ['-', '_'], action: 'zoom-out', label: 'Zoom out' },
  { keys: ['0'], action: 'fit', label: 'Fit the image' },
  { keys: ['1'], action: 'actual-size', label: 'Actual size (1 screen pixel per image pixel)' },
  { keys: ['ArrowLeft'], action: 'pan-left', label: 'Pan left' },
  { keys: ['ArrowRight'], action: 'pan-right', label: 'Pan right' },
  { keys: ['ArrowUp'], action: 'pan-up', label: 'Pan up' },
  { keys: ['ArrowDown'], action: 'pan-down', label: 'Pan down' },
  { keys: ['v'], action: 'toggle-mode', label: 'Split view / side by side' },
  { keys: ['?'], action: 'help', label: 'Show this list' },
];

/** The action for a key press, or null; keys typed into a form field are never shortcuts. */
export function shortcutFor(
  key: string,
  modifiers: { ctrl: boolean; meta: boolean; alt: boolean },
  targetTag: string,
  targetEditable: boolean,
): ViewerAction | null {
  if (modifiers.ctrl || modifiers.meta || modifiers.alt) return null;
  if (targetEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(targetTag)) return null;
  return SHORTCUTS.find((s) => s.keys.includes(key))?.action ?? null;
}
