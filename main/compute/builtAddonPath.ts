/**
 * Where the native addon is for a built compute process. The Electron build mirrors the source
 * tree under out/main/ (electron.vite.config.ts), so native-kernels/addon.js there cannot find
 * native-kernels/build/Release beside itself: the parent names it (CONVSCOPE_KERNELS_ADDON).
 */
import { join } from 'node:path';

/** The addon node-gyp built under the app's root. */
export function builtAddonPath(root: string): string {
  return join(root, 'native-kernels', 'build', 'Release', 'convscope_kernels.node');
}
