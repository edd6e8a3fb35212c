/**
 * Typed IPC for Electron main: one `ipcMain.handle` per contract channel. Each call is checked in
 * order: the sender is the app's own top-level page (not a frame or page it navigated to), the
 * request passes its channel's validator, then the shared handler runs. Errors reach the renderer
 * as plain Error messages (no stacks or paths of main's code).
 */
import { CHANNELS, type Channel } from '../../preload/contract.js';
import type { ApiHandlers } from '../api/apiTypes.js';
import { validateRequest } from '../api/validateRequest.js';
import { isAllowedNavigation } from './navigation.js';

/** The parts of an invoke event the checks read (Electron's IpcMainInvokeEvent has them). */
export interface IpcInvokeEvent {
  senderFrame: { url: string; parent: unknown } | null;
}

/** The part of Electron's ipcMain this needs (a fake in tests). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
}

/** Decides whether an invoke comes from the app's own page. */
export type SenderCheck = (event: IpcInvokeEvent) => boolean;

/** Trusts only the top-level frame showing the app at `appUrl` (see isAllowedNavigation). */
export function trustedSenderCheck(appUrl: string): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && isAllowedNavigation(frame.url, appUrl);
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Registers one handler per contract channel on `ipcMain`. */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: ApiHandlers,
  isTrusted: SenderCheck,
): void {
  for (const channel of CHANNELS) {
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    ipcMain.handle(channel, async (event, ...args) => {
      if (!isTrusted(event))
        throw new Error(`'${channel}' refused: the call did not come from the Convscope window`);
      let request: unknown;
      try {
        request = validateRequest(channel as Channel, args[0]);
        return await handler(request);
      } catch (error) {
        throw new Error(messageOf(error));
      }
    });
  }
}
