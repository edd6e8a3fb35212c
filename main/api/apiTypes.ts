/** What the shared handlers need from their shell, and what they provide. */
import type { Channel, RequestOf, ResponseOf } from '../../preload/contract.js';
import type { ComputeClient } from '../compute/computeClient.js';
import type { RecentStore } from './recentStore.js';

/** The native dialogs, which only Electron main has. */
export interface ApiDialogs {
  /** Shows the open dialog for images; the chosen path, or null when cancelled. */
  chooseImageToOpen(): Promise<string | null>;
  /** Shows the save dialog with a suggested file name; the chosen path, or null when cancelled. */
  chooseExportTarget(suggestedName: string): Promise<string | null>;
}

/** Dependencies of createApiHandlers. */
export interface ApiDeps {
  compute: ComputeClient;
  shell: 'electron' | 'browser';
  /** Electron only. */
  dialogs?: ApiDialogs;
  /** Electron only. */
  recentStore?: RecentStore;
  /** Folder holding the built-in sample photo. */
  sampleDir: string;
}

/** One async function per contract channel. */
export type ApiHandlers = { [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };
