/**
 * The back end of every contract channel, shared by Electron main and the browser-mode host; it
 * knows nothing of Electron (dialogs and the recent-files store are injected). Requests are
 * validated before they get here (validateRequest.ts); the handlers check what needs state: that
 * an image is open, that a region lies inside it, that an export target came from the save dialog.
 * Pixels live in the compute process; only ids, metadata and screen-sized previews cross.
 */
import { basename, extname, join } from 'node:path';

import type {
  Channel,
  ExportRequest,
  ExportResult,
  ImageInfo,
  PixelsRequest,
} from '../../preload/contract.js';
import type { LoadImagePayload } from '../compute/jobs/images.js';
import type { PreviewPayload } from '../compute/jobs/preview.js';
import { kernelFileToSpec, specToKernelFile } from '../service/filter/parseKernel.js';
import { PRESETS, presetSpec } from '../service/filter/presets.js';
import { appVersion } from '../service/image/appVersion.js';
import type { EncodeOptions } from '../service/image/encodeImage.js';
import type { ApiDeps, ApiDialogs, ApiHandlers } from './apiTypes.js';
import { createNetworkHandlers } from './networkHandlers.js';
import { previewSize } from './previewSize.js';
import { createTaskTracker, type TrackedTask } from './taskTracker.js';
import { SAMPLE_ATTRIBUTION, SAMPLE_FILE_NAME } from './sampleImage.js';

/**
 * Images held open at once (each lives in the compute process's memory). Opening one more releases
 * the one used longest ago: a reloaded page (browser mode, or Ctrl+R in Electron) never closes the
 * images of its previous life, and they must not lock the app out of opening new ones.
 */
export const MAX_OPEN_IMAGES = 32;

interface OpenImage {
  info: ImageInfo;
  /** The file it came from: never overwritten by an export, hashed into sidecars. */
  sourcePath?: string;
}

function desktopOnly(channel: Channel): Error {
  return new Error(`'${channel}' is not available in browser mode (it needs the desktop app)`);
}

/** The file name part of a name that may carry directories from either platform. */
function fileNameOf(name: string): string {
  return name.split(/[\\/]/).pop() || 'image';
}

/** Creates the handlers; they share the list of open images. */
export function createApiHandlers(deps: ApiDeps): ApiHandlers {
  const { compute, shell } = deps;
  const open = new Map<string, OpenImage>();
  // Export targets the user picked in the save dialog: the renderer cannot name any other path.
  const approvedTargets = new Set<string>();
  const tasks = createTaskTracker();

  const dialogs = (channel: Channel): ApiDialogs => {
    if (shell !== 'electron' || deps.dialogs === undefined) throw desktopOnly(channel);
    return deps.dialogs;
  };

  const openImage = async (
    payload: LoadImagePayload,
    name: string,
    extra: { sourcePath?: string; attribution?: string } = {},
  ): Promise<ImageInfo> => {
    while (open.size >= MAX_OPEN_IMAGES) {
      // Map order is use order (getOpen moves a used image to the end): the first is the oldest.
      const [oldest] = open.keys();
      open.delete(oldest);
      await compute.run('releaseImage', { id: oldest }).catch(() => undefined);
    }
    const stored = await compute.run('loadImage', { ...payload, options: { name } });
    const info: ImageInfo = {
      id: stored.id,
      name,
      width: stored.width,
      height: stored.height,
      channels: stored.channels,
      depth: stored.depth,
      hasAlpha: stored.hasAlpha,
      ...(extra.attribution === undefined ? {} : { attribution: extra.attribution }),
    };
    open.set(info.id, { info, sourcePath: extra.sourcePath });
    return info;
  };

  const openPath = async (path: string): Promise<ImageInfo> => {
    const info = await openImage({ path }, basename(path), { sourcePath: path });
    await deps.recentStore?.add(path);
    return info;
  };

  const getOpen = (imageId: string): OpenImage => {
    const image = open.get(imageId);
    if (image === undefined)
      throw new RangeError(`Expected the id of an open image for request.imageId but received "${imageId}"`);
    // Most recently used last, for the eviction in openImage.
    open.delete(imageId);
    open.set(imageId, image);
    return image;
  };

  const previewPayload = (request: PixelsRequest): PreviewPayload => {
    const { info } = getOpen(request.imageId);
    const region = request.region ?? { x: 0, y: 0, width: info.width, height: info.height };
    return { id: info.id, region, ...previewSize(region, request.scale ?? 1, info) };
  };

  const exportImage = async (request: ExportRequest): Promise<ExportResult> => {
    if (request.taskId === undefined) return runExport(request, null);
    const task = tasks.start(request.taskId);
    return task.run(() => runExport(request, task));
  };

  const runExport = async (request: ExportRequest, task: TrackedTask | null): Promise<ExportResult> => {
    const image = getOpen(request.imageId);
    const spec = kernelFileToSpec(request.filter);
    if (shell === 'electron') {
      if (request.targetPath === undefined || !approvedTargets.has(request.targetPath))
        throw new RangeError(
          'Expected a path chosen in the save dialog (export:chooseTarget) for request.targetPath',
        );
    } else if (request.targetPath !== undefined || request.sidecar === true) {
      throw new RangeError(
        'Expected no targetPath and no sidecar in browser mode (the result is a download)',
      );
    }
    const options: EncodeOptions = { format: request.format };
    if (request.depth !== undefined) options.depth = request.depth;
    if (request.quality !== undefined) options.quality = request.quality;
    if (request.keepIcc !== undefined) options.keepIcc = request.keepIcc;
    if (request.keepExif !== undefined) options.keepExif = request.keepExif;
    // Filtering reports per band; encoding (sharp, one call) has no measure: an indeterminate bar.
    const jobOptions = task
      ? {
          signal: task.signal,
          onProgress: (p: { done: number; total: number }) => task.report('filtering', p.done, p.total),
        }
      : {};
    const filtered = await compute.run(
      'filter',
      { id: image.info.id, spec, store: true, returnData: false },
      jobOptions,
    );
    task?.report(request.targetPath === undefined ? 'encoding' : 'writing', 0, 0);
    const storedId = filtered.stored?.id;
    if (storedId === undefined) throw new Error('the filter job kept no result to export');
    try {
      if (request.targetPath !== undefined) {
        const written = await compute.run(
          'exportImage',
          {
            id: storedId,
            target: request.targetPath,
            options: {
              ...options,
              sourcePath: image.sourcePath,
              sidecar: request.sidecar === true ? { filter: specToKernelFile(spec) } : undefined,
            },
          },
          task ? { signal: task.signal } : {},
        );
        return { fileName: basename(written.path), path: written.path };
      }
      const bytes = await compute.run(
        'encodeImage',
        { id: storedId, options },
        task ? { signal: task.signal } : {},
      );
      const stem = basename(image.info.name, extname(image.info.name));
      return { fileName: `${stem}-filtered.${request.format === 'jpeg' ? 'jpg' : request.format}`, bytes };
    } finally {
      // The filtered copy was only for this export; a failure to release must not hide the result.
      await compute.run('releaseImage', { id: storedId }).catch(() => undefined);
    }
  };

  return {
    'app:info': async () => ({ version: appVersion, shell }),
    'image:openSample': () =>
      openImage({ path: join(deps.sampleDir, SAMPLE_FILE_NAME) }, SAMPLE_FILE_NAME, {
        sourcePath: join(deps.sampleDir, SAMPLE_FILE_NAME),
        attribution: SAMPLE_ATTRIBUTION,
      }),
    'image:openBytes': (request) => openImage({ bytes: request.bytes }, fileNameOf(request.name)),
    'image:openPath': async (request) => {
      if (shell !== 'electron') throw desktopOnly('image:openPath');
      return openPath(request.path);
    },
    'image:openDialog': async () => {
      const path = await dialogs('image:openDialog').chooseImageToOpen();
      return path === null ? null : openPath(path);
    },
    'image:close': async (request) => {
      getOpen(request.imageId);
      open.delete(request.imageId);
      await compute.run('releaseImage', { id: request.imageId });
      return null;
    },
    'image:pixels': async (request) => {
      const { width, height, rgba } = await compute.run('preview', previewPayload(request));
      return { width, height, rgba };
    },
    'filter:presets': async () => PRESETS.map((preset) => ({ ...preset, params: [...preset.params] })),
    // presetSpec validates the id and every parameter (RangeError naming it).
    'filter:presetKernel': async (request) => specToKernelFile(presetSpec(request.id, request.params)),
    'filter:preview': async (request) => {
      const spec = kernelFileToSpec(request.filter);
      const withValues = request.values ?? true;
      const result = await compute.run('preview', { ...previewPayload(request), spec, withValues });
      const { min, max, histogram, values } = result;
      if (min === undefined || max === undefined || histogram === undefined)
        throw new Error('the preview job returned no statistics for a filter');
      const rgba = result.rgba;
      return {
        width: result.width,
        height: result.height,
        rgba,
        min,
        max,
        histogram,
        values: values ?? null,
      };
    },
    'export:image': exportImage,
    'export:chooseTarget': async (request) => {
      const path = await dialogs('export:chooseTarget').chooseExportTarget(fileNameOf(request.suggestedName));
      if (path !== null) approvedTargets.add(path);
      return path;
    },
    'recent:list': async () => (shell === 'electron' && deps.recentStore ? deps.recentStore.list() : []),
    'task:progress': async (request) => tasks.progress(request.taskId),
    'task:cancel': async (request) => tasks.cancel(request.taskId),
    'lab:kernel': (request) => compute.run('kernelOp', request),
    ...createNetworkHandlers({
      compute,
      tasks,
      approvedTargets: shell === 'electron' ? approvedTargets : null,
    }),
  };
}
