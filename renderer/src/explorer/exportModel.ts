/**
 * Exports a model ('network:export'): in Electron the save dialog first ('export:chooseTarget')
 * and the back end writes the file; in browser mode the answer carries the bytes, offered as a
 * download. Returns what happened in words, or null when the dialog was cancelled.
 */
import type { AppInfo } from '../../../preload/contract.js';
import type { ModelExportFormat, ModelInfo } from '../../../preload/networkContract.js';
import { api } from '../api/index.js';
import { downloadBytes } from '../studio/downloadBytes.js';
import { networkApi } from './networkApi.js';

const EXTENSIONS: Record<ModelExportFormat, string> = { onnx: 'onnx', weights: 'json' };
const MIME: Record<ModelExportFormat, string> = {
  onnx: 'application/octet-stream',
  weights: 'application/json',
};

/** A file name stem from a model's name. */
export function modelFileStem(name: string): string {
  return (
    name
      .replace(/\.[^.]*$/, '')
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'model'
  );
}

export async function exportModel(
  model: Pick<ModelInfo, 'id' | 'name'>,
  format: ModelExportFormat,
  shell: AppInfo['shell'] | null,
): Promise<string | null> {
  if (shell === 'electron') {
    const target = await api['export:chooseTarget']({
      suggestedName: `${modelFileStem(model.name)}.${EXTENSIONS[format]}`,
    });
    if (target === null) return null;
    const result = await networkApi.export(model.id, format, target);
    return `Saved ${result.path ?? result.fileName}`;
  }
  const result = await networkApi.export(model.id, format);
  if (result.bytes === undefined) throw new Error('the export returned no bytes to download');
  downloadBytes(result.bytes, result.fileName, MIME[format]);
  return `Downloaded ${result.fileName}`;
}
