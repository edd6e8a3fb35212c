import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Top-level main/, preload/ and renderer/ (not electron-vite's default src/*), so every entry is
// named explicitly.
/**
 * Copies main/assets (sample photo, MNIST digits, shipped weights) into the built tree, where the
 * modules that find them by `import.meta.url` look: out/main/main/assets.
 */
const copyAssets = {
  name: 'convscope-copy-assets',
  writeBundle(options: { dir?: string }) {
    if (options.dir)
      cpSync(resolve(__dirname, 'main/assets'), join(options.dir, 'main/assets'), { recursive: true });
  },
};

export default defineConfig({
  main: {
    plugins: [copyAssets],
    build: {
      rollupOptions: {
        // The compute process (an Electron utilityProcess) and its pool's worker threads are entries
        // of their own. Modules are preserved one file each, mirroring the source tree under
        // out/main/, because pool tasks are found by their module's URL (main/compute/task.ts): a
        // worker thread imports the job module that defined the task, which must not be a bundle
        // that would also start a compute process.
        input: {
          index: resolve(__dirname, 'main/index.ts'),
          computeProcess: resolve(__dirname, 'main/compute/computeProcess.ts'),
          poolWorker: resolve(__dirname, 'main/compute/poolWorker.ts'),
        },
        output: {
          preserveModules: true,
          preserveModulesRoot: __dirname,
          entryFileNames: '[name].js',
        },
      },
    },
  },
  preload: {
    build: {
      lib: { entry: resolve(__dirname, 'preload/index.ts'), formats: ['cjs'] },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
