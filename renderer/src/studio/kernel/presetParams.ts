/** Preset parameter values as the sliders hold them. */
import type { PresetInfo, PresetParam } from './types.js';

/** Every parameter of the preset at its default. */
export function defaultPresetParams(preset: PresetInfo): Record<string, number> {
  return Object.fromEntries(preset.params.map((p) => [p.name, p.default]));
}

/** `value` brought into the parameter's range (rounded for integer parameters); null if not a number. */
export function clampPresetParam(param: PresetParam, value: number): number | null {
  if (!Number.isFinite(value)) return null;
  const v = param.integer ? Math.round(value) : value;
  return Math.min(param.max, Math.max(param.min, v));
}
