/** Filter Studio's kernel editor: the draft with undo/redo, its shortcuts, and the editor panel. */
export { useFilterDraft, type DraftEditOptions, type FilterDraft } from './useFilterDraft.js';
export { useUndoShortcuts } from './useUndoShortcuts.js';
export { KernelPanel, type KernelPanelProps } from './KernelPanel.js';
export { IDENTITY_KERNEL_FILE, completeKernelFile } from './kernelFileDefaults.js';
export { formatKernelFile } from './formatKernelFile.js';
export { parseKernelFileText, validateKernelFile } from './validateKernelFile.js';
export type { CompleteKernelFile, KernelFile, PresetInfo } from './types.js';
