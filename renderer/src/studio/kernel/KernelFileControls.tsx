/** Save the draft as a kernel file (JSON download) and load one (checked before it is used). */
import { useId, useState } from 'react';
import { downloadKernelFile } from './downloadKernelFile.js';
import { MAX_KERNEL_FILE_LENGTH } from './kernelFileDefaults.js';
import type { CompleteKernelFile, KernelFile } from './types.js';
import { parseKernelFileText } from './validateKernelFile.js';

/** KernelFileControls' props. */
export interface KernelFileControlsProps {
  file: KernelFile;
  onLoad: (file: CompleteKernelFile) => void;
}

/** The Save button and the Load file input, with the load's error or success shown below. */
export function KernelFileControls({ file, onLoad }: KernelFileControlsProps) {
  const inputId = useId();
  const [status, setStatus] = useState<{ error: boolean; text: string } | null>(null);

  const load = async (chosen: File): Promise<void> => {
    try {
      // UTF-8 takes at most 4 bytes a character: anything bigger cannot be a valid kernel file,
      // and is refused before it is read into memory.
      if (chosen.size > 4 * MAX_KERNEL_FILE_LENGTH)
        throw new Error(
          `the file is ${chosen.size} bytes; a kernel file is at most ${MAX_KERNEL_FILE_LENGTH} characters`,
        );
      onLoad(parseKernelFileText(await chosen.text()));
      setStatus({ error: false, text: `Loaded ${chosen.name}.` });
    } catch (err) {
      setStatus({
        error: true,
        text: `Could not load ${chosen.name}: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  };

  return (
    <fieldset>
      <legend>Kernel file</legend>
      <div className="cs-row">
        <button type="button" data-testid="save-kernel" onClick={() => downloadKernelFile(file)}>
          Save kernel (JSON)
        </button>
        <label htmlFor={inputId}>
          Load kernel (JSON)
          <input
            id={inputId}
            type="file"
            accept=".json,application/json"
            data-testid="load-kernel-input"
            onChange={(e) => {
              const chosen = e.target.files?.[0];
              // Cleared so choosing the same file again (after fixing it) loads it again.
              e.target.value = '';
              if (chosen) void load(chosen);
            }}
          />
        </label>
      </div>
      {status && (
        <p
          role={status.error ? 'alert' : 'status'}
          className={status.error ? 'cs-error' : 'cs-hint'}
          data-testid={status.error ? 'kernel-file-error' : 'kernel-file-status'}
        >
          {status.text}
        </p>
      )}
    </fieldset>
  );
}
