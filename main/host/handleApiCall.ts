/**
 * One API call over HTTP: POST /api/<channel>, body and response in the wire format
 * (renderer/src/api/wireCodec.ts). The response value is `{result}` on success and
 * `{error, name}` otherwise; only the message and the error's name cross, never a stack.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Channel, RequestOf, ResponseOf } from '../../preload/contract.js';
import { decodeWire, encodeWire, WireFormatError } from '../../renderer/src/api/wireCodec.js';
import type { ApiHandlers } from '../api/apiTypes.js';
import { isChannel, validateRequest } from '../api/validateRequest.js';
import { BodyTooLargeError, readBody } from './readBody.js';

/** What an API call needs besides the request. */
export interface ApiCallContext {
  handlers: ApiHandlers;
  maxRequestBytes: number;
}

function dispatch<C extends Channel>(
  handlers: ApiHandlers,
  channel: C,
  request: RequestOf<C>,
): Promise<ResponseOf<C>> {
  return handlers[channel](request);
}

function send(res: ServerResponse, status: number, value: unknown): void {
  const body = encodeWire(value);
  res.writeHead(status, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': body.byteLength,
  });
  res.end(body);
}

function sendError(res: ServerResponse, status: number, error: unknown): void {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  send(res, status, { error: message, name });
}

/** Answers one authenticated POST to /api/<channelName>. */
export async function handleApiCall(
  req: IncomingMessage,
  res: ServerResponse,
  channelName: string,
  context: ApiCallContext,
): Promise<void> {
  if (!isChannel(channelName)) {
    sendError(res, 404, new Error(`Unknown channel ${JSON.stringify(channelName)}`));
    return;
  }
  let payload: unknown;
  try {
    payload = decodeWire(await readBody(req, context.maxRequestBytes));
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      // Stop reading a body we will not use; the client sees 413 then the connection closes.
      res.setHeader('Connection', 'close');
      sendError(res, 413, error);
    } else {
      sendError(res, 400, error instanceof WireFormatError ? error : new Error('Unreadable request body'));
    }
    return;
  }
  let request: RequestOf<typeof channelName>;
  try {
    request = validateRequest(channelName, payload);
  } catch (error) {
    sendError(res, 400, error);
    return;
  }
  let result: unknown;
  try {
    result = await dispatch(context.handlers, channelName, request);
  } catch (error) {
    sendError(res, 500, error);
    return;
  }
  try {
    send(res, 200, { result });
  } catch (error) {
    // A result the wire cannot carry is the handler's bug; encodeWire throws before anything is sent.
    sendError(res, 500, error);
  }
}
