/** Which of the two compared drafts the kernel editor edits: "A | B". */
import type { AbSide } from './useAbDrafts.js';

/** Props of AbEditSwitch. */
export interface AbEditSwitchProps {
  editing: AbSide;
  onEditing(side: AbSide): void;
}

/** Two toggle buttons, the pressed one is the draft being edited. */
export function AbEditSwitch({ editing, onEditing }: AbEditSwitchProps) {
  return (
    <div className="ab-edit" role="group" aria-label="Kernel being edited">
      <span className="muted">Editing</span>
      {(['a', 'b'] as const).map((side) => (
        <button
          key={side}
          type="button"
          data-testid={`ab-edit-${side}`}
          aria-pressed={editing === side}
          onClick={() => onEditing(side)}
        >
          {side.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
