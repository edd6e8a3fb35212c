/** The back end's preset list, loaded once per mount. */
import { useEffect, useState } from 'react';
import { api } from '../../api/index.js';
import type { PresetInfo } from './types.js';

/** The presets (null while loading) and the error that stopped loading them, if any. */
export function usePresets(): { presets: PresetInfo[] | null; error: string | null } {
  const [presets, setPresets] = useState<PresetInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api['filter:presets'](null).then(
      (list) => {
        if (live) setPresets(list);
      },
      (err: unknown) => {
        if (live) setError(`Could not load the presets: ${err instanceof Error ? err.message : String(err)}`);
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return { presets, error };
}
