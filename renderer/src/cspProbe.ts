/**
 * CSP self-test: tries, from the page's own code, everything the Content-Security-Policy forbids and
 * reports what happened. Opened as `<app URL>#csp-probe` by the end-to-end tests; DevTools-protocol
 * evaluation is exempt from CSP, so the probes must live in the app to mean anything.
 */

export type ProbeOutcome = 'blocked' | 'allowed';

/** Violations seen so far (securitypolicyviolation events), by violated directive. */
function violationLog(): { directives: string[] } {
  const log = { directives: [] as string[] };
  document.addEventListener('securitypolicyviolation', (e) => log.directives.push(e.effectiveDirective));
  return log;
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs every probe; each is 'blocked' only if the attempt failed and the CSP reported it. */
export async function runCspProbes(): Promise<Record<string, ProbeOutcome>> {
  const log = violationLog();
  const globals = window as unknown as Record<string, unknown>;
  const result: Record<string, ProbeOutcome> = {};
  const reported = (directive: string) => log.directives.some((d) => d.startsWith(directive));

  try {
    (0, eval)('1 + 1'); // indirect: the bundler warns about direct eval, the CSP blocks both
    result.eval = 'allowed';
  } catch {
    result.eval = 'blocked';
  }
  try {
    new Function('return 1')();
    result.Function = 'allowed';
  } catch {
    result.Function = 'blocked';
  }

  const script = document.createElement('script');
  script.textContent = 'window.__probeInline = true';
  document.body.appendChild(script);
  const handler = document.createElement('div');
  handler.setAttribute('onclick', 'window.__probeHandler = true');
  document.body.appendChild(handler);
  handler.click();

  let workerRan = false;
  try {
    const worker = new Worker('data:text/javascript,postMessage(1)');
    worker.onmessage = () => (workerRan = true);
  } catch {
    // Refused synchronously: also blocked.
  }

  let fetched = false;
  fetch('https://example.com/').then(
    () => (fetched = true),
    () => undefined,
  );
  const img = new Image();
  img.src = 'https://example.com/probe.png';
  const frame = document.createElement('iframe');
  frame.src = 'https://example.com/';
  document.body.appendChild(frame);

  await tick(500);
  result['inline script'] = globals.__probeInline === true ? 'allowed' : 'blocked';
  result['inline event handler'] = globals.__probeHandler === true ? 'allowed' : 'blocked';
  result['worker from data: URL'] = workerRan || !reported('worker-src') ? 'allowed' : 'blocked';
  result['fetch another origin'] = fetched || !reported('connect-src') ? 'allowed' : 'blocked';
  result['image from another origin'] = reported('img-src') ? 'blocked' : 'allowed';
  result['frame from another origin'] =
    reported('frame-src') || reported('default-src') ? 'blocked' : 'allowed';
  return result;
}
