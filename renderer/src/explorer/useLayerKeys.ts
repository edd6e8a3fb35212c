/**
 * The explorer's keys while it is the shown screen: ← / [ and → / ] step through the layers,
 * Escape unpins the selected unit. Fields and selects keep their own keys; a focused map moves
 * its unit cursor with the arrows (it stops them before they get here).
 */
import { useEffect, useRef } from 'react';

export interface LayerKeyActions {
  step(delta: number): void;
  escape(): void;
}

const ARROWLESS_INPUTS = new Set(['checkbox', 'button', 'submit', 'reset', 'file', 'color']);

/** True when the key belongs to the focused element rather than to the explorer. */
function ownsKeys(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  // Checkboxes and buttons have no use for arrows; text, number, range and radio inputs do.
  if (target instanceof HTMLInputElement) return !ARROWLESS_INPUTS.has(target.type);
  return target.tagName === 'SELECT' || target.tagName === 'TEXTAREA';
}

/** Listens on the document while `active`. */
export function useLayerKeys(active: boolean, actions: LayerKeyActions): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || ownsKeys(event.target))
        return;
      if (event.key === 'ArrowLeft' || event.key === '[') latest.current.step(-1);
      else if (event.key === 'ArrowRight' || event.key === ']') latest.current.step(1);
      else if (event.key === 'Escape') latest.current.escape();
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [active]);
}
