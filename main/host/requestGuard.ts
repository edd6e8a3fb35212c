/**
 * The checks every request passes before anything else looks at it: the Host header (no DNS
 * rebinding), the Origin (no other site's pages) and Fetch Metadata (no cross-site or same-site
 * requests: another port on localhost is "same-site" but not this origin).
 */
import type { IncomingMessage } from 'node:http';

/** Why a request was refused, or null when it may go on to the token check. */
export type GuardFailure = { status: 403; reason: string } | null;

/** The Host values this host answers to: its own address and port, by IP or by `localhost`. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** Checks Host, Origin and Sec-Fetch-Site of a request to the host listening on `port`. */
export function guardRequest(req: IncomingMessage, port: number): GuardFailure {
  const host = req.headers.host;
  if (host === undefined || !allowedHosts(port).includes(host)) {
    return { status: 403, reason: 'wrong Host header' };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) {
    return { status: 403, reason: 'foreign Origin' };
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { status: 403, reason: `Sec-Fetch-Site ${String(site)}` };
  }
  return null;
}
