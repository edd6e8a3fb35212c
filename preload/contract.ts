/**
 * The one contract between the renderer and the back end: every call, its request and its
 * response. Types plus the list of channel names (no logic), so the preload bridge, Electron main's typed handlers,
 * the browser-mode host and the renderer's browser bridge all derive from this file.
 *
 * Everything here must survive structured clone (Electron IPC) and the browser bridge's encoding
 * (JSON plus binary attachments for typed arrays): plain objects, numbers, strings, booleans,
 * arrays, Uint8Array / Uint16Array / Float32Array. Filter specs travel as kernel files (nested
 * number arrays), the format users also save and load.
 */
import type { KernelFile } from './kernelFile.js';
import type {
  DigitSample,
  ModelExportFormat,
  ModelInfo,
  NetworkInput,
  NetworkRun,
  TrainSettings,
  TrainStatus,
} from './networkContract.js';
import type { LabKernelRequest, LabKernelResult } from './labContract.js';
import type { PresetInfo } from '../main/service/filter/presets.js';

/** An image open in the back end. */
export interface ImageInfo {
  id: string;
  /** File name shown to the user (no directories). */
  name: string;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
  depth: 8 | 16;
  hasAlpha: boolean;
  /** Photographer and licence, for the built-in sample. */
  attribution?: string;
}

/** A rectangle in image pixels. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Display pixels: RGBA, 8 bits per sample, `width * height * 4` bytes. */
export interface DisplayPixels {
  width: number;
  height: number;
  rgba: Uint8Array;
}

export interface PixelsRequest {
  imageId: string;
  /** Default: the whole image. */
  region?: Region;
  /** Output pixels per image pixel (<= 1 downsamples; default 1). */
  scale?: number;
}

export interface PreviewRequest extends PixelsRequest {
  filter: KernelFile;
  /**
   * Also send every shown value before mapping (default true). They triple the answer's size, so
   * the studio asks only while a view needs them all (diverging colours, A/B difference) and reads
   * a hovered pixel's value with a 1x1 request instead.
   */
  values?: boolean;
}

export interface PreviewResult extends DisplayPixels {
  /** Range of the filtered values before mapping. */
  min: number;
  max: number;
  /** 256 bins over [min, max] of the values before mapping (what clamping throws away). */
  histogram: number[];
  /** The values before mapping, one float per output pixel and colour band; null unless asked for. */
  values: Float32Array | null;
}

export type ExportFormat = 'png' | 'jpeg' | 'webp' | 'tiff' | 'avif';

export interface ExportRequest {
  imageId: string;
  filter: KernelFile;
  format: ExportFormat;
  depth?: 8 | 16;
  quality?: number;
  keepIcc?: boolean;
  keepExif?: boolean;
  sidecar?: boolean;
  /**
   * Electron: a path the user chose in the save dialog. Browser mode: omitted, and the result
   * comes back as bytes for a download.
   */
  targetPath?: string;
  /** An id the renderer chose, to follow the export with 'task:progress' and stop it with 'task:cancel'. */
  taskId?: string;
}

/** A long request's progress ('task:progress'); total 0 while a stage has no measure. */
export interface TaskProgress {
  state: 'running' | 'done' | 'failed' | 'cancelled' | 'unknown';
  stage: string;
  done: number;
  total: number;
  /** Why it failed. */
  error?: string;
}

export interface ExportResult {
  fileName: string;
  /** Set when the file was written (Electron, or a folder the user picked). */
  path?: string;
  /** Set for a browser download. */
  bytes?: Uint8Array;
}

export interface RecentFile {
  path: string;
  name: string;
  openedAt: string;
}

export interface AppInfo {
  version: string;
  shell: 'electron' | 'browser';
}

/** Channel name -> request and response. Add a call here and every layer must follow (tests check). */
export interface Contract {
  'app:info': { request: null; response: AppInfo };
  'image:openSample': { request: null; response: ImageInfo };
  /** Bytes of a dropped, pasted or uploaded file. */
  'image:openBytes': { request: { name: string; bytes: Uint8Array }; response: ImageInfo };
  /** Electron only: a path from the open dialog, a drop (webUtils.getPathForFile) or recents. */
  'image:openPath': { request: { path: string }; response: ImageInfo };
  /** Electron only: shows the open dialog; null when cancelled. */
  'image:openDialog': { request: null; response: ImageInfo | null };
  'image:close': { request: { imageId: string }; response: null };
  'image:pixels': { request: PixelsRequest; response: DisplayPixels };
  'filter:presets': { request: null; response: PresetInfo[] };
  /** A preset's kernel(s) and default options for its parameters, as a kernel file. */
  'filter:presetKernel': { request: { id: string; params: Record<string, number> }; response: KernelFile };
  'filter:preview': { request: PreviewRequest; response: PreviewResult };
  'export:image': { request: ExportRequest; response: ExportResult };
  /** Electron only: shows the save dialog; null when cancelled. */
  'export:chooseTarget': { request: { suggestedName: string }; response: string | null };
  'recent:list': { request: null; response: RecentFile[] };
  'task:progress': { request: { taskId: string }; response: TaskProgress };
  /** The shipped homework network (opened once). */
  'network:builtin': { request: null; response: ModelInfo };
  /** An ONNX file or a weights file (.json) by its bytes. */
  'network:openModel': { request: { name: string; bytes: Uint8Array }; response: ModelInfo };
  /** Every open model, trained runs included. */
  'network:models': { request: null; response: ModelInfo[] };
  /** MNIST test digits, of one class or all (label null), a page at a time. */
  'network:digits': {
    request: { label: number | null; offset: number; count: number };
    response: { total: number; digits: DigitSample[] };
  };
  'network:run': { request: { modelId: string; input: NetworkInput }; response: NetworkRun };
  /** A Conv or Gemm layer's weight tensor; null for layers without one. */
  'network:weights': {
    request: { modelId: string; layer: number };
    response: { dims: number[]; data: Float32Array } | null;
  };
  /** d(unit) / d(input): the effective receptive field of one unit. */
  'network:inputGradient': {
    request: {
      modelId: string;
      input: NetworkInput;
      layer: number;
      unit: { channel: number; y: number; x: number };
    };
    response: { dims: number[]; data: Float32Array; maxAbs: number };
  };
  /** ONNX or a weights file; Electron writes to a path from 'export:chooseTarget', browser mode downloads. */
  'network:export': {
    request: { modelId: string; format: ModelExportFormat; targetPath?: string };
    response: ExportResult;
  };
  /** Starts a training run in the background; follow it with 'train:status', stop it with 'task:cancel'. */
  'train:start': { request: { taskId: string; settings: TrainSettings }; response: TrainStatus };
  'train:status': { request: { taskId: string }; response: TrainStatus };
  /** One kernel-library op on small tensors, for the concepts lab's instruments. */
  'lab:kernel': { request: LabKernelRequest; response: LabKernelResult };
  /** True when a running task was asked to stop (its request then fails as cancelled). */
  'task:cancel': { request: { taskId: string }; response: boolean };
}

export type Channel = keyof Contract;
export type RequestOf<C extends Channel> = Contract[C]['request'];
export type ResponseOf<C extends Channel> = Contract[C]['response'];

/** The functions the preload exposes as window.convscope (and the browser bridge implements). */
export type ConvscopeApi = {
  [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>>;
};

export type * from './networkContract.js';
export type * from './labContract.js';

/** Every channel, as a runtime list the layers and tests iterate over. */
export const CHANNELS = [
  'app:info',
  'image:openSample',
  'image:openBytes',
  'image:openPath',
  'image:openDialog',
  'image:close',
  'image:pixels',
  'filter:presets',
  'filter:presetKernel',
  'filter:preview',
  'export:image',
  'export:chooseTarget',
  'recent:list',
  'task:progress',
  'task:cancel',
  'network:builtin',
  'network:openModel',
  'network:models',
  'network:digits',
  'network:run',
  'network:weights',
  'network:inputGradient',
  'network:export',
  'train:start',
  'train:status',
  'lab:kernel',
] as const satisfies readonly Channel[];

// Compile-time check that CHANNELS lists every channel of the contract.
type Unlisted = Exclude<Channel, (typeof CHANNELS)[number]>;
const everyChannelListed: Unlisted extends never ? true : Unlisted = true;
void everyChannelListed;
