import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('Convscope: #root is missing from index.html');

if (location.hash === '#csp-probe') {
  // The end-to-end tests' CSP self-test (cspProbe.ts) instead of the app.
  void import('./cspProbe.js').then(async ({ runCspProbes }) => {
    const result = await runCspProbes();
    const pre = document.createElement('pre');
    pre.dataset.testid = 'csp-probe';
    pre.dataset.done = 'true';
    pre.textContent = JSON.stringify(result, null, 2);
    root.replaceChildren(pre);
  });
} else {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
