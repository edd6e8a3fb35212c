/**
 * The concepts lab: one instrument per homework concept, listed on the left, the chosen one on the
 * right. Every number is computed (by the kernel library through 'lab:kernel', or a closed form
 * beside it), never typed in.
 */
import { useState } from 'react';

import './lab.css';
import { LAB_INSTRUMENTS } from './labInstruments.js';

export function ConceptsLab() {
  const [chosen, setChosen] = useState(LAB_INSTRUMENTS[0]?.id ?? '');
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
      <main className="lab-main">{instrument ? <instrument.component key={instrument.id} /> : null}</main>
    </div>
  );
}
