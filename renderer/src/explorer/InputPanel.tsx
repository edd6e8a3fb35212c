/**
 * Where the network's input comes from: a test digit (browse by class), a digit drawn on the pad,
 * or a photo. Each source keeps its last input, so switching back feeds it again.
 */
import { useRef, useState } from 'react';

import type { NetworkInput } from '../../../preload/networkContract.js';
import { DigitBrowser } from './DigitBrowser.js';
import { DrawPad } from './DrawPad.js';
import { PAD_SIZE } from './brush.js';
import { FileButton } from '../studio/FileButton.js';

type Source = 'digit' | 'drawn' | 'photo';

const SOURCES: { id: Source; label: string }[] = [
  { id: 'digit', label: 'Test digits' },
  { id: 'drawn', label: 'Draw' },
  { id: 'photo', label: 'Photo' },
];

/** Props of InputPanel. */
export interface InputPanelProps {
  input: NetworkInput;
  onInput(input: NetworkInput): void;
}

/** The source switch and the source's controls. */
export function InputPanel({ input, onInput }: InputPanelProps) {
  const [source, setSource] = useState<Source>(input.kind);
  const last = useRef<Partial<Record<Source, NetworkInput>>>({ [input.kind]: input });
  const file = useRef<HTMLInputElement>(null);

  const feed = (next: NetworkInput) => {
    last.current[next.kind] = next;
    onInput(next);
  };
  const choose = (next: Source) => {
    setSource(next);
    const kept = last.current[next];
    if (kept !== undefined) onInput(kept);
    else if (next === 'drawn') feed({ kind: 'drawn', pixels: new Uint8Array(PAD_SIZE * PAD_SIZE) });
    else if (next === 'photo') file.current?.click();
  };

  return (
    <section className="input-panel" aria-labelledby="input-heading">
      <h2 id="input-heading">Input</h2>
      <div className="segmented" role="group" aria-label="Input source">
        {SOURCES.map((s) => (
          <button
            key={s.id}
            type="button"
            aria-pressed={source === s.id}
            data-testid={`input-source-${s.id}`}
            onClick={() => choose(s.id)}
          >
            {s.label}
          </button>
        ))}
      </div>
      <div hidden={source !== 'digit'}>
        <DigitBrowser
          selected={input.kind === 'digit' ? input.index : null}
          onPick={(d) => feed({ kind: 'digit', index: d.index })}
        />
      </div>
      {/* Kept mounted while hidden: the drawing survives a visit to another source. */}
      <div hidden={source !== 'drawn'}>
        <DrawPad onDraw={(pixels) => feed({ kind: 'drawn', pixels })} />
      </div>
      <div hidden={source !== 'photo'} className="photo-picker">
        <FileButton
          testId="open-photo"
          inputTestId="open-photo-input"
          inputRef={file}
          accept="image/*,.tif,.tiff,.avif"
          onFile={(chosen) => {
            setSource('photo');
            void chosen
              .arrayBuffer()
              .then((buffer) => feed({ kind: 'photo', name: chosen.name, bytes: new Uint8Array(buffer) }));
          }}
        >
          Choose a photo…
        </FileButton>
        <span className="muted small">
          {input.kind === 'photo' ? input.name : 'Centre-cropped, made gray and resized to the input.'}
        </span>
      </div>
    </section>
  );
}
