/**
 * The renderer's root: a switch between Filter Studio, the Network Explorer, Training and the
 * Concepts Lab. Every screen stays mounted (hidden ones are invisible and inert but keep their
 * layout), so a screen keeps its state, and the studio's viewer keeps its size and view, across
 * visits.
 */
import { useCallback, useEffect, useState } from 'react';

import type { AppInfo } from '../../preload/contract.js';
import { api } from './api/index.js';
import { Explorer } from './explorer/Explorer.js';
import { ConceptsLab } from './lab/ConceptsLab.js';
import { Studio } from './studio/Studio.js';
import { TrainingPanel } from './training/TrainingPanel.js';

type Screen = 'studio' | 'explorer' | 'training' | 'lab';

// The tabs' test ids are nav-<id>: nav-studio, nav-explorer, nav-training, nav-lab.
const SCREENS: { id: Screen; label: string }[] = [
  { id: 'studio', label: 'Filter Studio' },
  { id: 'explorer', label: 'Network Explorer' },
  { id: 'training', label: 'Training' },
  { id: 'lab', label: 'Concepts Lab' },
];

/** Events the studio listens for on the window; they are held back while it is hidden. */
const STUDIO_WINDOW_EVENTS = ['keydown', 'paste', 'dragover', 'dragleave', 'drop'] as const;

/** The navigation and the screens. */
export function App() {
  const [screen, setScreen] = useState<Screen>('studio');
  const [shell, setShell] = useState<AppInfo['shell'] | null>(null);
  const [wantedModel, setWantedModel] = useState<{ id: string; nonce: number } | null>(null);

  useEffect(() => {
    api['app:info'](null).then(
      (info) => setShell(info.shell),
      () => undefined, // the studio reports an unreachable back end
    );
  }, []);

  useEffect(() => {
    document.title = `Convscope · ${SCREENS.find((s) => s.id === screen)?.label ?? ''}`;
    if (screen === 'studio') return;
    // The studio's window listeners (viewer keys, drops, pastes) must not act while it is hidden;
    // stopping these at the document keeps them from the window and leaves every other listener.
    const hold = (event: Event) => {
      event.stopPropagation();
      // A file dropped on another screen must not make the browser navigate to it.
      if (event.type === 'dragover' || event.type === 'drop') event.preventDefault();
    };
    for (const type of STUDIO_WINDOW_EVENTS) document.addEventListener(type, hold);
    return () => {
      for (const type of STUDIO_WINDOW_EVENTS) document.removeEventListener(type, hold);
    };
  }, [screen]);

  const openModel = useCallback((id: string) => {
    setWantedModel((w) => ({ id, nonce: (w?.nonce ?? 0) + 1 }));
    setScreen('explorer');
  }, []);

  return (
    <div className="app">
      <nav className="app-nav" aria-label="Screens">
        <span className="app-name">Convscope</span>
        <div className="segmented" role="group" aria-label="Screen">
          {SCREENS.map((s) => (
            <button
              key={s.id}
              type="button"
              data-testid={`nav-${s.id}`}
              aria-pressed={screen === s.id}
              aria-current={screen === s.id ? 'page' : undefined}
              onClick={() => setScreen(s.id)}
            >
              {s.label}
            </button>
          ))}
        </div>
      </nav>
      <div className="app-screens">
        <div className="app-screen" data-active={screen === 'studio'} inert={screen !== 'studio'}>
          <Studio />
        </div>
        <div className="app-screen" data-active={screen === 'explorer'} inert={screen !== 'explorer'}>
          <Explorer active={screen === 'explorer'} shell={shell} wantedModel={wantedModel} />
        </div>
        <div className="app-screen" data-active={screen === 'training'} inert={screen !== 'training'}>
          <TrainingPanel shell={shell} onOpenModel={openModel} />
        </div>
        <div className="app-screen" data-active={screen === 'lab'} inert={screen !== 'lab'}>
          <ConceptsLab active={screen === 'lab'} />
        </div>
      </div>
    </div>
  );
}
