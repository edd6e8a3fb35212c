/** Headers on every browser-mode response, errors included. */
import type { ServerResponse } from 'node:http';

/** Sets the CSP, cross-origin isolation (SharedArrayBuffer needs COOP + COEP) and the no-leak headers. */
export function setSecurityHeaders(res: ServerResponse, csp: string): void {
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  // The token is in every URL: keep no copy of anything in caches.
  res.setHeader('Cache-Control', 'no-store');
}
