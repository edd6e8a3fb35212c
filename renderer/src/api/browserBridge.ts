/**
 * The contract over the browser-mode host (main/host): one POST /api/<channel> per call, body and
 * response in the wire format (wireCodec.ts), the host's token in the `x-convscope-token` header.
 * Environment-free (fetch is injected), so tests run it in Node against a real host.
 */
import type { Channel, ConvscopeApi, RequestOf, ResponseOf } from '../../../preload/contract.js';
import { createBridge } from '../../../preload/createBridge.js';
import { TOKEN_HEADER } from './tokenHeader.js';
import { decodeWire, encodeWire } from './wireCodec.js';

/** The subset of fetch the bridge uses. */
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: Uint8Array<ArrayBuffer> },
) => Promise<{ status: number; arrayBuffer(): Promise<ArrayBuffer> }>;

/** Where the host is and how to reach it. */
export interface BrowserBridgeOptions {
  /** The host's origin, e.g. `http://127.0.0.1:5173`. */
  origin: string;
  token: string;
  fetch: FetchLike;
}

/** A call the host answered with an error (`name` is the back end's error name, e.g. CancelledError). */
export class BridgeCallError extends Error {
  constructor(
    message: string,
    name: string,
    /** HTTP status of the answer. */
    readonly status: number,
  ) {
    super(message);
    this.name = name;
  }
}

function readAnswer(status: number, bytes: Uint8Array): unknown {
  let answer: unknown;
  try {
    answer = decodeWire(bytes);
  } catch {
    // Not a wire message: the host refused the request before the API (403, 413, 415).
    throw new BridgeCallError(`The host refused the call (HTTP ${status})`, 'BridgeCallError', status);
  }
  const record = (typeof answer === 'object' && answer !== null ? answer : {}) as {
    result?: unknown;
    error?: unknown;
    name?: unknown;
  };
  if (status === 200 && 'result' in record) return record.result;
  const message = typeof record.error === 'string' ? record.error : `HTTP ${status}`;
  const name = typeof record.name === 'string' ? record.name : 'Error';
  throw new BridgeCallError(message, name, status);
}

async function call<C extends Channel>(
  options: BrowserBridgeOptions,
  channel: C,
  request: RequestOf<C>,
): Promise<ResponseOf<C>> {
  const response = await options.fetch(`${options.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', [TOKEN_HEADER]: options.token },
    // A call made without an argument means no request (the validators accept null).
    body: encodeWire(request ?? null),
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  // The host validated the request; the shape of the answer is the handler's, typed by the contract.
  return readAnswer(response.status, bytes) as ResponseOf<C>;
}

/** Implements every contract call over the host's HTTP API. */
export function createBrowserBridge(options: BrowserBridgeOptions): ConvscopeApi {
  // The request reaches `call` from the contract's function for `channel`, so it has its type.
  return createBridge((channel, request) => call(options, channel, request as RequestOf<typeof channel>));
}
