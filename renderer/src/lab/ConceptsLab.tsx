/**
 * The concepts lab: one instrument per homework concept, listed on the left, the chosen one on the
 * right. Every number is computed (by the kernel library through 'lab:kernel', or a closed form
 * beside it), never typed in.
 */
import { useEffect, useState } from 'react';

import './lab.css';
import { LAB_INSTRUMENTS } from './labInstruments.js';

/** `active`: the lab is on screen. Instruments start (and ask the back end) on its first visit only. */
export function ConceptsLab({ active }: { active: boolean }) {
  const [chosen, setChosen] = useState(LAB_INSTRUMENTS[0]?.id ?? '');
  const [visited, setVisited] = useState(active);
  useEffect(() => {
    if (active) setVisited(true);
  }, [active]);
  const instrument = LAB_INSTRUMENTS.find((i) => i.id === chosen) ?? LAB_INSTRUMENTS[0];
  return (
    <div className="lab" data-testid="concepts-lab">
      <nav className="lab-nav" aria-label="Instruments">
        <ol>
          {LAB_INSTRUMENTS.map((i) => (
            <li key={i.id}>
              <button
                type="button"
                data-testid={`lab-nav-${i.id}`}
                aria-current={i.id === instrument?.id ? 'page' : undefined}
                onClick={() => setChosen(i.id)}
              >
                <span className="lab-nav-question">{i.question}</span> {i.title}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <main className="lab-main">
        {instrument && visited ? <instrument.component key={instrument.id} /> : null}
      </main>
    </div>
  );
}
